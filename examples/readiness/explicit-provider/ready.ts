import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// The second provider carries the stack's own profile and account guard.
const awsConfig = new pulumi.Config("aws");
const useast1 = new aws.Provider("us-east-1", {
    region: "us-east-1",
    profile: awsConfig.get("profile"),
    allowedAccountIds: awsConfig.getObject<string[]>("allowedAccountIds"),
});
export const certificateArn = new aws.acm.Certificate("site", { domainName: "www.example.com", validationMethod: "DNS" }, { provider: useast1 }).arn;

// @pulumi/aws 7 resources take a region of their own and use the default provider's credentials.
export const edgeCertificateArn = new aws.acm.Certificate("edge", { domainName: "edge.example.com", validationMethod: "DNS", region: "us-east-1" }).arn;
new aws.s3.Bucket("assets", { forceDestroy: true });
