import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// The same trigger as topic.onEvent wires it: the permission names the topic.
const topic = new aws.sns.Topic("alerts", { kmsMasterKeyId: "alias/aws/sns" });
const role = new aws.iam.Role("notify", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
const fn = new aws.lambda.Function("notify", { runtime: "nodejs20.x", handler: "index.handler", role: role.arn, code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") }) });
new aws.lambda.Permission("notify-sns", { action: "lambda:InvokeFunction", function: fn.name, principal: "sns.amazonaws.com", sourceArn: topic.arn });
new aws.sns.TopicSubscription("notify", { topic: topic.arn, protocol: "lambda", endpoint: fn.arn });
