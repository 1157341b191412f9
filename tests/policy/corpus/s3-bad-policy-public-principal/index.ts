import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("site-key", { enableKeyRotation: true });
const bucket = new aws.s3.Bucket("site", {});

new aws.s3.BucketServerSideEncryptionConfiguration("site-sse", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});

// Public read through the bucket policy rather than through CloudFront.
const access = new aws.s3.BucketPublicAccessBlock("site-pab", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: false,
    ignorePublicAcls: true,
    restrictPublicBuckets: false,
});

new aws.s3.BucketPolicy(
    "site-policy",
    {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: pulumi.interpolate`${bucket.arn}/*` },
                { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ],
        }),
    },
    { dependsOn: [access] },
);

export const bucketName = bucket.id;
