import * as aws from "@pulumi/aws";

const account = "123456789012";

const key = new aws.kms.Key("payments-key", {
    description: "payments data",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "ViaSecretsManagerOnly",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "kms:CallerAccount": account, "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
            },
        ],
    }),
});

new aws.kms.Alias("payments-key-alias", { name: "alias/payments", targetKeyId: key.keyId });

export const keyArn = key.arn;
