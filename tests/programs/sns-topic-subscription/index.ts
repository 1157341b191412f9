import * as aws from "@pulumi/aws";

const topic = new aws.sns.Topic("order-events");
const queue = new aws.sqs.Queue("order-processor", {
    sqsManagedSseEnabled: true,
});

// Let the topic deliver to the queue.
new aws.sqs.QueuePolicy("order-processor-policy", {
    queueUrl: queue.url,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [{
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
            actions: ["sqs:SendMessage"],
            resources: [queue.arn],
            conditions: [{ test: "ArnEquals", variable: "aws:SourceArn", values: [topic.arn] }],
        }],
    }).json,
});

new aws.sns.TopicSubscription("order-processor-subscription", {
    topic: topic,
    protocol: "sqs",
    endpoint: queue.arn,
    rawMessageDelivery: true,
});

export const topicArn = topic.arn;
