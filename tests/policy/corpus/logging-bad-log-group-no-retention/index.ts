import * as aws from "@pulumi/aws";

const account = "123456789012";
const region = "us-east-1";

const key = new aws.kms.Key("app-logs", {
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

// Logs kept forever: cost grows without bound and personal data outlives its purpose.
const logGroup = new aws.cloudwatch.LogGroup("app-logs", { name: "/shop/app", kmsKeyId: key.arn });

export const logGroupName = logGroup.name;
