import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("jobs-queue", { enableKeyRotation: true });

const deadLetters = new aws.sqs.Queue("jobs-dlq", { kmsMasterKeyId: key.arn, messageRetentionSeconds: 1209600 });

const queue = new aws.sqs.Queue("jobs", {
    kmsMasterKeyId: key.arn,
    kmsDataKeyReusePeriodSeconds: 300,
    visibilityTimeoutSeconds: 60,
    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 5 }),
});

for (const [name, target] of [["jobs", queue], ["jobs-dlq", deadLetters]] as const) {
    new aws.sqs.QueuePolicy(name, {
        queueUrl: target.url,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: target.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } }],
        }),
    });
}

export const queueUrl = queue.url;
