import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("lambda-role", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});

// Resource objects are accepted wherever the provider expects their name or id.
new aws.iam.RolePolicyAttachment("lambda-basic-execution", {
    role: role,
    policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

new aws.iam.RolePolicy("lambda-s3-access", {
    role: role,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["s3:*"],
            Resource: "*",
        }],
    }),
});

const profile = new aws.iam.InstanceProfile("worker-profile", { role: role });

export const roleArn = role.arn;
export const profileName = profile.name;
