import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// A role for operators of the same account, written with the caller identity (Pulumi docs idiom).
const current = aws.getCallerIdentityOutput();
const ops = new aws.iam.Role("ops", {
    assumeRolePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${current.accountId}:root` }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicyAttachment("ops-read", { role: ops.name, policyArn: "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess" });
