import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// The signing secret was created by hand in the console; the function reads its current value.
const signingSecret = aws.secretsmanager.getSecretVersionOutput({ secretId: "prod/webhook-signing-key" });

const role = new aws.iam.Role("relay", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});

new aws.lambda.Function("relay", {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") }),
    environment: { variables: { SIGNING_KEY: signingSecret.secretString } },
});
