import * as aws from "@pulumi/aws";

// The data lake bucket exists already; this stack only delivers into it.
const bucketArn = "arn:aws:s3:::datalake-raw-123456789012";
const account = "123456789012";

const role = new aws.iam.Role("firehose", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    }),
});
new aws.iam.RolePolicy("firehose-delivery", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"], Resource: [bucketArn, `${bucketArn}/*`] }],
    }),
});

new aws.kinesis.FirehoseDeliveryStream("events", {
    destination: "extended_s3",
    extendedS3Configuration: { roleArn: role.arn, bucketArn, bufferingSize: 64, bufferingInterval: 60, compressionFormat: "GZIP" },
});
