import * as aws from "@pulumi/aws";

// People get permissions from their group, never on the user; they sign in with SSO-issued keys.
const analysts = new aws.iam.Group("analysts", { path: "/teams/" });

new aws.iam.GroupPolicy("analysts-read", {
    group: analysts.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["athena:StartQueryExecution", "athena:GetQueryResults"], Resource: "arn:aws:athena:us-east-1:123456789012:workgroup/analysts" },
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-lake", "arn:aws:s3:::acme-lake/curated/*"] },
        ],
    }),
});

const alice = new aws.iam.User("alice", { path: "/people/", forceDestroy: true });
new aws.iam.UserGroupMembership("alice-groups", { user: alice.name, groups: [analysts.name] });

export const groupArn = analysts.arn;
