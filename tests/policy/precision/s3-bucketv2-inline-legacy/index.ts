import * as aws from "@pulumi/aws";

// A program ported from provider v5 with inline blocks on BucketV2 (lists in v6/v7).
export const legacy = new aws.s3.BucketV2("legacy", {
    serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }], bucketKeyEnabled: true }] }],
    versionings: [{ enabled: true }],
});
