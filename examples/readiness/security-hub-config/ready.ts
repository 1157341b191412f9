/**
 * The same standards with AWS Config recording first: the service-linked role, a recorder of every
 * supported type, a delivery channel to a private bucket whose policy admits this account's Config, and
 * the recorder started once the channel exists. The bucket is encrypted with a key whose policy lets
 * this account's Config encrypt its deliveries.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

const configRole = new aws.iam.ServiceLinkedRole("config", { awsServiceName: "config.amazonaws.com" });
const key = new aws.kms.Key("config-history", {
    enableKeyRotation: true,
    deletionWindowInDays: 7,
    policy: account.apply((accountId) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "AWSConfigKMSPolicy", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "AWS:SourceAccount": accountId } } },
        ],
    })),
});
const bucket = new aws.s3.Bucket("config-history", { forceDestroy: true });
new aws.s3.BucketServerSideEncryptionConfiguration("config-history", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});
new aws.s3.BucketPublicAccessBlock("config-history", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
const bucketPolicy = new aws.s3.BucketPolicy("config-history", {
    bucket: bucket.id,
    policy: pulumi.all([bucket.arn, account]).apply(([arn, accountId]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn, Condition: { StringEquals: { "AWS:SourceAccount": accountId } } },
            { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:ListBucket", Resource: arn, Condition: { StringEquals: { "AWS:SourceAccount": accountId } } },
            {
                Sid: "AWSConfigBucketDelivery",
                Effect: "Allow",
                Principal: { Service: "config.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${arn}/AWSLogs/${accountId}/Config/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": accountId } },
            },
        ],
    })),
});

const recorder = new aws.cfg.Recorder("recorder", {
    roleArn: configRole.arn,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
});
const channel = new aws.cfg.DeliveryChannel("channel", { s3BucketName: bucket.bucket, s3KmsKeyArn: key.arn }, { dependsOn: [recorder, bucketPolicy] });
const recording = new aws.cfg.RecorderStatus("recorder", { name: recorder.name, isEnabled: true }, { dependsOn: [channel] });

const hub = new aws.securityhub.Account("hub", { enableDefaultStandards: false });
new aws.securityhub.StandardsSubscription("fsbp", {
    standardsArn: region.apply((r) => `arn:aws:securityhub:${r}::standards/aws-foundational-security-best-practices/v/1.0.0`),
}, { dependsOn: [hub, recording] });
new aws.securityhub.StandardsSubscription("cis", {
    standardsArn: region.apply((r) => `arn:aws:securityhub:${r}::standards/cis-aws-foundations-benchmark/v/3.0.0`),
}, { dependsOn: [hub, recording] });
