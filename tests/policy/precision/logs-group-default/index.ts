import * as aws from "@pulumi/aws";

// A log group with retention, encrypted by CloudWatch Logs' own keys.
new aws.cloudwatch.LogGroup("app", { retentionInDays: 30 });
