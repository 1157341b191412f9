import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// A function with plain configuration in its environment (no secrets), AWS's default key.
const role = new aws.iam.Role("api", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
new aws.lambda.Function("api", {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: role.arn,
    environment: { variables: { LOG_LEVEL: "info", TABLE_NAME: "orders" } },
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });") }),
});
