import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("press-kit-key", { enableKeyRotation: true });
const bucket = new aws.s3.Bucket("press-kit", {});

new aws.s3.BucketServerSideEncryptionConfiguration("press-kit-sse", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
});

// ACLs re-enabled so that the press kit can be downloaded by anyone.
const ownership = new aws.s3.BucketOwnershipControls("press-kit-ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerPreferred" } });
const access = new aws.s3.BucketPublicAccessBlock("press-kit-pab", {
    bucket: bucket.id,
    blockPublicAcls: false,
    blockPublicPolicy: true,
    ignorePublicAcls: false,
    restrictPublicBuckets: true,
});

new aws.s3.BucketAclV2("press-kit-acl", { bucket: bucket.id, acl: "public-read" }, { dependsOn: [ownership, access] });

new aws.s3.BucketPolicy("press-kit-policy", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

export const bucketName = bucket.id;
