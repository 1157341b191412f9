import * as aws from "@pulumi/aws";

// Default encryption spelled out as SSE-S3, as the AWS console sets it.
const reports = new aws.s3.BucketV2("reports");
new aws.s3.BucketServerSideEncryptionConfigurationV2("reports", { bucket: reports.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
new aws.s3.BucketVersioningV2("reports", { bucket: reports.id, versioningConfiguration: { status: "Enabled" } });
