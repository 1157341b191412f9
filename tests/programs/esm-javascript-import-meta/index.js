import { readFile } from "node:fs/promises";
import * as aws from "@pulumi/aws";

const policyTemplate = await readFile(new URL("./policies/intake-queue.json", import.meta.url), "utf8");

const intake = new aws.sqs.Queue("intake", {
    sqsManagedSseEnabled: true,
    messageRetentionSeconds: 86400,
});

new aws.sqs.QueuePolicy("intake-policy", {
    queueUrl: intake.url,
    policy: intake.arn.apply((arn) => policyTemplate.replace("QUEUE_ARN", arn)),
});

export const queueUrl = intake.url;
