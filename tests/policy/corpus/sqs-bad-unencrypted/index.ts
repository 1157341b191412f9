import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const queue = new aws.sqs.Queue("emails", { sqsManagedSseEnabled: false, visibilityTimeoutSeconds: 30 });

new aws.sqs.QueuePolicy("emails", {
    queueUrl: queue.url,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queue.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    }),
});

export const queueUrl = queue.url;
