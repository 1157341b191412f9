import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { workQueue } from "./lib/queue.js";

const config = new pulumi.Config();
const visibilityTimeoutSeconds = config.getNumber("visibilityTimeoutSeconds") ?? 30;

// Top-level await: look up the account before building anything.
const identity = await aws.getCallerIdentity();

const { queue, deadLetters } = workQueue("jobs", { visibilityTimeoutSeconds });

const alarmTopic = new aws.sns.Topic("dlq-alarms", {
    kmsMasterKeyId: "alias/aws/sns",
});

new aws.cloudwatch.MetricAlarm("dlq-not-empty", {
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: 1,
    metricName: "ApproximateNumberOfMessagesVisible",
    namespace: "AWS/SQS",
    period: 300,
    statistic: "Maximum",
    threshold: 0,
    dimensions: { QueueName: deadLetters.name },
    alarmActions: [alarmTopic.arn],
});

export const queueUrl = queue.url;
export const accountId = identity.accountId;
