"use strict";
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");

const config = new pulumi.Config();
const shardCount = config.getNumber("shardCount") || 1;

const stream = new aws.kinesis.Stream("clicks", {
    shardCount,
    retentionPeriod: 24,
});

const archive = new aws.s3.Bucket("clicks-archive");

module.exports = {
    streamName: stream.name,
    archiveBucket: archive.bucket,
};
