import * as aws from "@pulumi/aws";

// The usual way to reach us-east-1 for a CloudFront certificate: a second provider with only a region.
// It does not read aws:profile or aws:allowedAccountIds from the stack, so the certificate is requested
// with whatever credentials the shell has, in whatever account they belong to.
const useast1 = new aws.Provider("us-east-1", { region: "us-east-1" });

export const certificateArn = new aws.acm.Certificate("site", { domainName: "www.example.com", validationMethod: "DNS" }, { provider: useast1 }).arn;
new aws.s3.Bucket("assets", { forceDestroy: true });
