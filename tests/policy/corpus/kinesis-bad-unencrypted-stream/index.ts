import * as aws from "@pulumi/aws";

new aws.kinesis.Stream("clickstream", {
    shardCount: 1,
    retentionPeriod: 48,
    shardLevelMetrics: ["IncomingBytes", "OutgoingBytes"],
    streamModeDetails: { streamMode: "PROVISIONED" },
    tags: { Environment: "test" },
});
