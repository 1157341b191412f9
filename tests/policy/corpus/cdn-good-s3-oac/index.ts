import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("site-assets", {
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudFrontDecrypts",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
        ],
    }),
});

const bucket = new aws.s3.Bucket("site-assets", {});
new aws.s3.BucketServerSideEncryptionConfiguration("site-assets", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});
new aws.s3.BucketPublicAccessBlock("site-assets", { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });

const oac = new aws.cloudfront.OriginAccessControl("site-assets", {
    originAccessControlOriginType: "s3",
    signingBehavior: "always",
    signingProtocol: "sigv4",
});

const waf = new aws.wafv2.WebAcl("site", {
    scope: "CLOUDFRONT",
    defaultAction: { allow: {} },
    rules: [
        {
            name: "common",
            priority: 1,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "common", sampledRequestsEnabled: true },
        },
        {
            name: "rate",
            priority: 2,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "rate", sampledRequestsEnabled: true },
        },
    ],
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "site", sampledRequestsEnabled: true },
});

const distribution = new aws.cloudfront.Distribution("site", {
    enabled: true,
    defaultRootObject: "index.html",
    webAclId: waf.arn,
    origins: [
        {
            originId: "assets",
            domainName: bucket.bucketRegionalDomainName,
            originAccessControlId: oac.id,
        },
    ],
    defaultCacheBehavior: {
        targetOriginId: "assets",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
        compress: true,
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});

new aws.s3.BucketPolicy("site-assets", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CloudFrontReads",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "s3:GetObject",
                Resource: pulumi.interpolate`${bucket.arn}/*`,
                Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
            },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

export const domainName = distribution.domainName;
