import * as aws from "@pulumi/aws";

// A vendor's account trusted without an external id (the confused deputy AWS warns about).
new aws.iam.Role("vendor-audit", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::464622532012:root" }, Action: "sts:AssumeRole" }],
    }),
});
