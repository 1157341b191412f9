import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "123456789012";
const region = "us-east-1";

const key = new aws.kms.Key("notifier", {
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "Logs",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:*` } },
            },
        ],
    }),
});

const slackToken = new aws.secretsmanager.Secret("notifier-slack-token", { kmsKeyId: key.arn, description: "Slack bot token" });

const role = new aws.iam.Role("notifier", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("notifier-logs", { role: role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
new aws.iam.RolePolicy("notifier-secret", {
    role: role.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: slackToken.arn },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn },
        ],
    }),
});

new aws.cloudwatch.LogGroup("notifier-logs", { name: "/aws/lambda/notifier", retentionInDays: 14, kmsKeyId: key.arn });

const fn = new aws.lambda.Function("notifier", {
    name: "notifier",
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });") }),
    timeout: 10,
    memorySize: 256,
    kmsKeyArn: key.arn,
    tracingConfig: { mode: "Active" },
    reservedConcurrentExecutions: 5,
    environment: { variables: { SLACK_TOKEN: "xoxb-2931029384-1029384756-AbCdEfGhIjKlMnOpQrStUvWx", CHANNEL: "#alerts" } },
});

export const functionArn = fn.arn;
