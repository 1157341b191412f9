import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const topic = new aws.sns.Topic("alerts", { displayName: "Production alerts" });

new aws.sns.TopicPolicy("alerts", {
    arn: topic.arn,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: topic.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    }),
});

new aws.sns.TopicSubscription("alerts-oncall", { topic: topic.arn, protocol: "email", endpoint: "oncall@example.com" });

export const topicArn = topic.arn;
