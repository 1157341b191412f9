import * as aws from "@pulumi/aws";

// A monitoring vendor's account may assume the role, with no external id.
const trust = aws.iam.getPolicyDocumentOutput({
    statements: [
        {
            actions: ["sts:AssumeRole"],
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::999988887777:root"] }],
        },
    ],
});

const role = new aws.iam.Role("vendor-audit", { assumeRolePolicy: trust.json });

new aws.iam.RolePolicy("vendor-audit-metrics", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics"], Resource: "*" }],
    }),
});

export const vendorRoleArn = role.arn;
