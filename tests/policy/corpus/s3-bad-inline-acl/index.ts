import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("uploads-key", { enableKeyRotation: true });

// The deprecated inline acl: still accepted by the provider, and world-writable.
const bucket = new aws.s3.Bucket("uploads", { acl: "public-read-write" });

new aws.s3.BucketServerSideEncryptionConfiguration("uploads-sse", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
});

new aws.s3.BucketPublicAccessBlock("uploads-pab", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

new aws.s3.BucketPolicy("uploads-policy", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

export const bucketName = bucket.id;
