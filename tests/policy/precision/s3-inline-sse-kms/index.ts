import * as aws from "@pulumi/aws";

// Older examples keep encryption inline on aws.s3.Bucket (deprecated, still accepted by 7.x).
const key = new aws.kms.Key("data", { enableKeyRotation: true, deletionWindowInDays: 10 });
const bucket = new aws.s3.Bucket("data", {
    serverSideEncryptionConfiguration: {
        rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true },
    },
});
export const name = bucket.bucket;
