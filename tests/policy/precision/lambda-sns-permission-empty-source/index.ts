import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// An SNS-triggered function whose permission was templated with an empty sourceArn.
const role = new aws.iam.Role("handler", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
const fn = new aws.lambda.Function("handler", { runtime: "nodejs20.x", handler: "index.handler", role: role.arn, code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") }) });
new aws.lambda.Permission("handler-sns", { action: "lambda:InvokeFunction", function: fn.name, principal: "sns.amazonaws.com", sourceArn: "" });
