import { describeStackPolicy } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

describeStackPolicy("ec2-vpc-enable-flow-logs", "the VPC has a flow log", [
    { name: "no flow log", change: (v) => v.remove("vpc-flow-log"), messages: [/^Add a FlowLog with vpcId set to VPC "vpc"\.$/], on: "vpc" },
    { name: "preview: missing flow log", change: (v) => v.remove("vpc-flow-log"), messages: [/VPC "vpc"/], preview: true },
], [{ name: "a flow log whose VPC is unknown and undeclared might be this VPC's", change: (v) => v.remove("vpc-flow-log").add("aws:ec2/flowLog:FlowLog", "other", { vpcId: UNKNOWN }), preview: true }]);

describeStackPolicy("wafv2-enable-web-acl-logging", "the web ACL has a logging configuration", [
    { name: "no logging configuration", change: (v) => v.remove("waf-logging"), messages: [/^Add a WebAclLoggingConfiguration with resourceArn set to web ACL "waf"\.$/], on: "waf" },
]);

describeStackPolicy("cloudfront-distribution-enable-access-logs", "a log delivery source (standard logging v2) for the distribution", [
    { name: "no delivery source and no loggingConfig", change: (v) => v.remove("cdn-logs"), messages: [/^Record access logs of distribution "cdn"/], on: "cdn" },
], [{ name: "legacy loggingConfig instead", change: (v) => v.remove("cdn-logs").edit("cdn", (p) => (p.loggingConfig = { bucket: "logs.s3.amazonaws.com" })) }]);

describeStackPolicy("s3-enable-bucket-access-logs", "the static bucket logs to the log bucket, which receives logs and is skipped", [
    { name: "no BucketLogging for the static bucket", change: (v) => v.remove("static-logging"), messages: [/^Add a BucketLogging for bucket "static" that writes to a log bucket\.$/], on: "static" },
]);
