import * as aws from "@pulumi/aws";

// An explicit provider pinned to the team's accounts; the role trusts the sibling account.
const provider = new aws.Provider("prod", { region: "eu-west-1", allowedAccountIds: ["210987654321"] });
new aws.iam.Role("deploy", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:role/ci" }, Action: "sts:AssumeRole" }],
    }),
}, { provider });
