import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("vendor-metrics", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::999988887777:root" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": "acme-7f3c9b" } },
            },
        ],
    }),
    maxSessionDuration: 3600,
});

const readMetrics = new aws.iam.Policy("vendor-metrics-read", {
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics"], Resource: "*" }],
    }),
});

new aws.iam.RolePolicyAttachment("vendor-metrics-read", { role: role.name, policyArn: readMetrics.arn });

export const vendorRoleArn = role.arn;
