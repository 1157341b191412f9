import { readFileSync } from "fs";
import * as aws from "@pulumi/aws";

const docs = new aws.s3.Bucket("docs");

new aws.s3.BucketServerSideEncryptionConfiguration("docs-encryption", {
    bucket: docs.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
});

new aws.s3.BucketPublicAccessBlock("docs-public-access", {
    bucket: docs.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

const template = readFileSync("./templates/deny-insecure-transport.json", "utf-8");
new aws.s3.BucketPolicy("docs-policy", {
    bucket: docs.id,
    policy: docs.arn.apply((arn) => template.replace(/BUCKET_ARN/g, arn)),
});

export const bucketName = docs.bucket;
// Shown by the Pulumi Cloud console on the stack's page.
export const readme = readFileSync("./Pulumi.README.md").toString();
