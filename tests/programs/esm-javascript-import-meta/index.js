import { readFile } from "node:fs/promises";
import * as aws from "@pulumi/aws";

const policyTemplate = await readFile(new URL("./policies/intake-queue.json", import.meta.url), "utf8");

const key = new aws.kms.Key("intake", { enableKeyRotation: true });

const intake = new aws.sqs.Queue("intake", {
    kmsMasterKeyId: key.id,
    messageRetentionSeconds: 86400,
});

new aws.sqs.QueuePolicy("intake-policy", {
    queueUrl: intake.url,
    policy: intake.arn.apply((arn) => policyTemplate.replace("QUEUE_ARN", arn)),
});

export const queueUrl = intake.url;
