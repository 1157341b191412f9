import * as aws from "@pulumi/aws";

// Code written against provider v6 and kept: the V2 resource names still work in v7.
const key = new aws.kms.Key("exports-key", { enableKeyRotation: true });

const bucket = new aws.s3.BucketV2("exports", {});

new aws.s3.BucketServerSideEncryptionConfigurationV2("exports-sse", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.keyId } }],
});

new aws.s3.BucketVersioningV2("exports-versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });

new aws.s3.BucketPublicAccessBlock("exports-pab", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

const tlsOnly = aws.iam.getPolicyDocumentOutput({
    statements: [
        {
            sid: "TlsOnly",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:*"],
            resources: [bucket.arn, bucket.arn.apply((arn) => `${arn}/*`)],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
    ],
});

new aws.s3.BucketPolicy("exports-policy", { bucket: bucket.id, policy: tlsOnly.json });

export const bucketName = bucket.bucket;
