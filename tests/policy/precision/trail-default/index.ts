import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// A multi-region trail with validation, logs in an S3 bucket (SSE-S3) as the CloudTrail docs set up.
const logs = new aws.s3.BucketV2("trail-logs", { forceDestroy: true });
const current = aws.getCallerIdentityOutput();
new aws.s3.BucketPolicy("trail-logs", {
    bucket: logs.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: logs.arn, Condition: { StringEquals: { "aws:SourceAccount": current.accountId } } },
            { Sid: "Write", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: pulumi.interpolate`${logs.arn}/AWSLogs/${current.accountId}/*`, Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": current.accountId } } },
        ],
    }),
});
new aws.cloudtrail.Trail("audit", { s3BucketName: logs.id, isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true });
