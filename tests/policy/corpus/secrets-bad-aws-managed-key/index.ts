import * as aws from "@pulumi/aws";

const secret = new aws.secretsmanager.Secret("partner-api", {
    description: "Partner API client credentials",
    kmsKeyId: "alias/aws/secretsmanager",
    recoveryWindowInDays: 30,
});

new aws.secretsmanager.SecretRotation("partner-api", {
    secretId: secret.id,
    rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:partner-api-rotator",
    rotationRules: { automaticallyAfterDays: 30 },
});

export const secretArn = secret.arn;
