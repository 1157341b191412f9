import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("worker", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ecs-tasks.amazonaws.com" }),
});

new aws.iam.RolePolicyAttachment("worker-poweruser", {
    role: role.name,
    policyArn: aws.iam.ManagedPolicy.PowerUserAccess,
});

export const workerRole = role.arn;
