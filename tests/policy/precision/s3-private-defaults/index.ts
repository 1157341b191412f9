import * as aws from "@pulumi/aws";

// The shortest bucket program in Pulumi's getting started: AWS's defaults do the rest.
const bucket = new aws.s3.BucketV2("my-bucket");
export const bucketName = bucket.id;
