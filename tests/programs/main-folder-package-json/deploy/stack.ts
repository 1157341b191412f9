import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("reports", { enableKeyRotation: true });

const reports = new aws.s3.Bucket("reports");
new aws.s3.BucketServerSideEncryptionConfiguration("reports", {
    bucket: reports.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});
new aws.s3.BucketVersioning("reports", {
    bucket: reports.id,
    versioningConfiguration: { status: "Enabled" },
});

export const bucketName = reports.bucket;
