import * as aws from "@pulumi/aws";

const admin = aws.iam.getPolicyDocumentOutput({
    statements: [{ effect: "Allow", actions: ["*:*"], resources: ["*"] }],
});

const policy = new aws.iam.Policy("ops-admin", {
    description: "Break-glass access for the ops team",
    policy: admin.json,
});

export const policyArn = policy.arn;
