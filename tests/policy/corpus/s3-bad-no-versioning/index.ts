import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("reports-key", { description: "reports bucket", enableKeyRotation: true, deletionWindowInDays: 30 });

const bucket = new aws.s3.Bucket("reports", { forceDestroy: false });

new aws.s3.BucketServerSideEncryptionConfiguration("reports-sse", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});

new aws.s3.BucketPublicAccessBlock("reports-pab", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

new aws.s3.BucketOwnershipControls("reports-ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });

new aws.s3.BucketPolicy("reports-policy", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    }),
});

export const bucketName = bucket.id;
