import * as aws from "@pulumi/aws";

// An SNS topic as most examples write it.
const topic = new aws.sns.Topic("events");
export const arn = topic.arn;
