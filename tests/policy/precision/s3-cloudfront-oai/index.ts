import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// The long-standing CloudFront + OAI pattern from the Pulumi examples.
const content = new aws.s3.BucketV2("content");
const oai = new aws.cloudfront.OriginAccessIdentity("content", { comment: "site" });
new aws.s3.BucketPolicy("content", {
    bucket: content.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: oai.iamArn }, Action: "s3:GetObject", Resource: pulumi.interpolate`${content.arn}/*` }],
    }),
});
const cdn = new aws.cloudfront.Distribution("cdn", {
    enabled: true,
    defaultRootObject: "index.html",
    origins: [{ originId: "s3", domainName: content.bucketRegionalDomainName, s3OriginConfig: { originAccessIdentity: oai.cloudfrontAccessIdentityPath } }],
    defaultCacheBehavior: {
        targetOriginId: "s3",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});
export const domain = cdn.domainName;
