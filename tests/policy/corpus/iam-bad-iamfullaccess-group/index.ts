import * as aws from "@pulumi/aws";

const support = new aws.iam.Group("support", { path: "/teams/" });

new aws.iam.GroupPolicyAttachment("support-iam", {
    group: support.name,
    policyArn: aws.iam.ManagedPolicy.IAMFullAccess,
});

export const groupName = support.name;
