/**
 * Logs the way the provider docs show them: a CloudTrail trail, S3 server access logs for an app bucket,
 * and VPC Flow Logs to S3. Every log bucket fills as soon as the stack is up and none sets forceDestroy,
 * so `pulumi destroy` fails on each with BucketNotEmpty. The app bucket holds only what the program puts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = aws.getCallerIdentityOutput().accountId;

const trailBucket = new aws.s3.Bucket("trail-logs");
const trailPolicy = new aws.s3.BucketPolicy("trail-logs", {
    bucket: trailBucket.id,
    policy: pulumi.all([trailBucket.arn, account]).apply(([arn, accountId]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn },
            {
                Sid: "AWSCloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${arn}/AWSLogs/${accountId}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
        ],
    })),
});
new aws.cloudtrail.Trail("trail", { s3BucketName: trailBucket.id, includeGlobalServiceEvents: true }, { dependsOn: [trailPolicy] });

const app = new aws.s3.Bucket("app");
const accessLogs = new aws.s3.Bucket("app-access-logs");
new aws.s3.BucketLogging("app", { bucket: app.id, targetBucket: accessLogs.id, targetPrefix: "log/" });

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
const flowLogs = new aws.s3.Bucket("flow-logs");
new aws.ec2.FlowLog("main", { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: flowLogs.arn });
