import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const queue = new aws.sqs.Queue("webhooks", { sqsManagedSseEnabled: true });

new aws.sqs.QueuePolicy("webhooks", {
    queueUrl: queue.url,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AnyoneSends", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: queue.arn },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queue.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

export const queueUrl = queue.url;
