import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const channel = config.get("slackChannel") ?? "#alerts";

const webhook = new aws.ssm.Parameter("slack-webhook-url", {
    type: aws.ssm.ParameterType.String,
    value: "https://hooks.slack.com/services/T000/B000/XXXX",
});

const alerts = new aws.sns.Topic("alerts");

alerts.onEvent("post-to-slack", async (event) => {
    const parameterName = webhook.name.get();
    for (const record of event.Records) {
        console.log(`would post to ${channel} via ${parameterName}: ${record.Sns.Message}`);
    }
});

export const topicArn = alerts.arn;
