import * as aws from "@pulumi/aws";

// GitHub Actions OIDC, trust pinned to one repository's main branch (GitHub's documented conditions).
// The account's provider, created once by hand, named by its ARN (as GitHub's guide and most programs do).
const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
new aws.iam.Role("ci", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: github },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" } },
        }],
    }),
});
