import * as aws from "@pulumi/aws";

// A deploy role that may hand any role in the account to any service.
const deployer = new aws.iam.Role("deployer", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }],
    }),
});

new aws.iam.RolePolicy("deployer-policy", {
    role: deployer.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["lambda:UpdateFunctionConfiguration", "lambda:GetFunction"], Resource: "arn:aws:lambda:us-east-1:123456789012:function:orders-*" },
            { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
        ],
    }),
});

export const roleArn = deployer.arn;
