import * as aws from "@pulumi/aws";

const account = "123456789012";

// A key whose policy names only the deploying role, created with the safety check off.
new aws.kms.Key("reports", {
    description: "report exports",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    bypassPolicyLockoutSafetyCheck: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Deployer", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/deployer` }, Action: "kms:*", Resource: "*" }],
    }),
});
