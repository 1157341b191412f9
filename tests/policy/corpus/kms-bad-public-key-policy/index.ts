import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("shared-key", {
    description: "Key shared with partner accounts",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
            { Sid: "Partners", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" },
        ],
    }),
});

export const keyArn = key.arn;
