import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("partner-api", { enableKeyRotation: true, description: "partner API credentials" });

const secret = new aws.secretsmanager.Secret("partner-api", {
    description: "Partner API client credentials",
    kmsKeyId: key.arn,
    recoveryWindowInDays: 30,
});

export const secretArn = secret.arn;
