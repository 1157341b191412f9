import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("shared-reader", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.iam.RolePolicy("shared-reader-read", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-public-datasets/*" }],
    }),
});

export const roleArn = role.arn;
