import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// SNS fan-out to SQS with the queue policy scoped to the topic (AWS's documented pattern).
const key = new aws.kms.Key("fanout", { enableKeyRotation: true });
const topic = new aws.sns.Topic("orders", { kmsMasterKeyId: key.id });
const queue = new aws.sqs.Queue("orders-worker", { kmsMasterKeyId: key.id });
new aws.sqs.QueuePolicy("orders-worker", {
    queueUrl: queue.url,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queue.arn, Condition: { ArnEquals: { "aws:SourceArn": topic.arn } } }],
    }),
});
new aws.sns.TopicSubscription("orders-worker", { topic: topic.arn, protocol: "sqs", endpoint: queue.arn });
