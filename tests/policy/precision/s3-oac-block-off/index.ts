import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// An OAC-fronted bucket whose author also switched the public access block off (copied from an older post).
const assets = new aws.s3.BucketV2("assets");
new aws.s3.BucketPublicAccessBlock("assets", { bucket: assets.id, blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false });
const oac = new aws.cloudfront.OriginAccessControl("assets", { originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
const cdn = new aws.cloudfront.Distribution("assets-cdn", {
    enabled: true,
    origins: [{ originId: "s3", domainName: assets.bucketRegionalDomainName, originAccessControlId: oac.id }],
    defaultCacheBehavior: { targetOriginId: "s3", viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});
new aws.s3.BucketPolicy("assets", {
    bucket: assets.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: pulumi.interpolate`${assets.arn}/*`, Condition: { StringEquals: { "AWS:SourceArn": cdn.arn } } }],
    }),
});
