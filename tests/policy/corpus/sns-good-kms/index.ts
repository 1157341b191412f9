import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const key = new aws.kms.Key("order-events", { enableKeyRotation: true });

const topic = new aws.sns.Topic("order-events", { kmsMasterKeyId: key.id });

new aws.sns.TopicPolicy("order-events", {
    arn: topic.arn,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "OwnerPublishes", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["sns:Publish", "sns:Subscribe"], Resource: topic.arn },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: topic.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

export const topicArn = topic.arn;
