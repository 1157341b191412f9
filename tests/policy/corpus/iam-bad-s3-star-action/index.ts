import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("etl", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "glue.amazonaws.com" }),
    inlinePolicies: [
        {
            name: "data-lake",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::acme-lake", "arn:aws:s3:::acme-lake/*"] }],
            }),
        },
    ],
});

export const etlRole = role.arn;
