import * as aws from "@pulumi/aws";

// GitHub Actions deploys with a role pinned to one repository, but the role can do anything.
const role = new aws.iam.Role("ci-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                    StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/shop:ref:refs/heads/main" },
                },
            },
        ],
    }),
    managedPolicyArns: [aws.iam.ManagedPolicy.AdministratorAccess],
});

export const ciRoleArn = role.arn;
