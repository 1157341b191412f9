import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "123456789012";
const region = "us-east-1";
const trailName = "org-audit";
const trailArn = `arn:aws:cloudtrail:${region}:${account}:trail/${trailName}`;

const key = new aws.kms.Key("audit", {
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudTrailEncrypts",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            },
            {
                Sid: "LogsEncrypt",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:*` } },
            },
        ],
    }),
});

const bucket = new aws.s3.Bucket("audit-trail", {});
new aws.s3.BucketServerSideEncryptionConfiguration("audit-trail", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});
new aws.s3.BucketPublicAccessBlock("audit-trail", { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
new aws.s3.BucketVersioning("audit-trail", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
const bucketPolicy = new aws.s3.BucketPolicy("audit-trail", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucket.arn, Condition: { StringEquals: { "aws:SourceArn": trailArn } } },
            {
                Sid: "Write",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${bucket.arn}/AWSLogs/${account}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
            },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

const logGroup = new aws.cloudwatch.LogGroup("audit-trail", { retentionInDays: 365, kmsKeyId: key.arn });
const trailRole = new aws.iam.Role("audit-trail-logs", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceArn": trailArn } } }],
    }),
});
new aws.iam.RolePolicy("audit-trail-logs", {
    role: trailRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` }],
    }),
});

const trail = new aws.cloudtrail.Trail(
    "audit",
    {
        name: trailName,
        s3BucketName: bucket.id,
        kmsKeyId: key.arn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: trailRole.arn,
    },
    { dependsOn: [bucketPolicy] },
);

export const trailArnOut = trail.arn;
