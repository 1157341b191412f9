import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const retentionInDays = config.requireNumber("retentionInDays");
const encryptLogs = config.requireBoolean("encryptLogs");

const current = aws.getCallerIdentityOutput({});
const region = aws.getRegionOutput({});

const key = encryptLogs
    ? new aws.kms.Key("audit-logs", {
          description: "Encrypts the audit log group",
          enableKeyRotation: true,
          policy: pulumi.jsonStringify({
              Version: "2012-10-17",
              Statement: [
                  {
                      Sid: "AccountAdmin",
                      Effect: "Allow",
                      Principal: { AWS: pulumi.interpolate`arn:aws:iam::${current.accountId}:root` },
                      Action: "kms:*",
                      Resource: "*",
                  },
                  {
                      Sid: "CloudWatchLogs",
                      Effect: "Allow",
                      Principal: { Service: pulumi.interpolate`logs.${region.region}.amazonaws.com` },
                      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                      Resource: "*",
                      Condition: {
                          ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${region.region}:${current.accountId}:log-group:audit` },
                      },
                  },
              ],
          }),
      })
    : undefined;

const logs = new aws.cloudwatch.LogGroup("audit", {
    name: "audit",
    retentionInDays,
    kmsKeyId: key?.arn,
});

export const logGroup = logs.name;
