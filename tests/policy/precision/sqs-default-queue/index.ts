import * as aws from "@pulumi/aws";

// The SQS queue from Pulumi's docs: no encryption settings, so SSE-SQS (AWS's default since 2022).
const queue = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 60, messageRetentionSeconds: 86400 });
export const url = queue.url;
