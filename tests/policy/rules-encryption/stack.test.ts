import { describeStackPolicy } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

describeStackPolicy("s3-enable-bucket-encryption", "every bucket has an SSE-KMS default encryption resource", [
    { name: "no encryption configuration for the bucket", change: (v) => v.remove("static-encryption"), messages: [/^Encrypt bucket "static" by default with sseAlgorithm "aws:kms" and a customer managed key: it declares no default encryption\.$/], on: "static" },
    {
        name: "SSE-S3 (AES256) only",
        change: (v) => v.edit("static-encryption", (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])),
        messages: [/it uses AES256\.$/],
        on: "static-encryption",
    },
    { name: "preview: a missing configuration is proved through propertyDependencies", change: (v) => v.remove("static-encryption"), messages: [/bucket "static"/], preview: true },
    {
        name: "a load balancer's log bucket with no default encryption is told to use SSE-S3",
        change: (v) => v.remove("static-encryption").add("aws:lb/loadBalancer:LoadBalancer", "web", { accessLogs: { bucket: "static-bucket", enabled: true } }, { accessLogs: ["static"] }),
        messages: [/^Encrypt bucket "static" by default with sseAlgorithm "AES256", the only one Elastic Load Balancing writes its logs with: it declares no default encryption\.$/],
        on: "static",
    },
], [
    {
        name: "the bucket's own serverSideEncryptionConfiguration.rule (singular in @pulumi/aws 7.48) with SSE-KMS",
        change: (v) =>
            v.remove("static-encryption").edit("static", (p) => (p.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" }, bucketKeyEnabled: true } })),
    },
    {
        name: "a BucketV2's own serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[] with SSE-KMS",
        change: (v) =>
            v.remove("static-encryption").add("aws:s3/bucketV2:BucketV2", "legacy", { bucket: "legacy-bucket", serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }] }).edit("static", (p) => (p.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } })),
    },
    {
        name: "a V2 encryption configuration (the provider v6 name) counts",
        change: (v) =>
            v.remove("static-encryption").add("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "static-encryption-v2", { bucket: "static-bucket", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }, { bucket: ["static"] }),
    },
    {
        name: "SSE-S3 on a bucket a load balancer writes access logs to (ELB supports nothing else)",
        change: (v) =>
            v
                .edit("static-encryption", (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]))
                .add("aws:lb/loadBalancer:LoadBalancer", "web", { accessLogs: { bucket: "static-bucket", enabled: true } }, { accessLogs: ["static"] }),
    },
    {
        name: "SSE-S3 on a bucket whose policy admits ELB log delivery",
        change: (v) =>
            v
                .edit("static-encryption", (p) => (p.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]))
                .edit("static-policy", (p) => {
                    const document = JSON.parse(p.policy);
                    document.Statement.push({ Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::static-bucket/AWSLogs/*" });
                    p.policy = JSON.stringify(document);
                }),
    },
    { name: "an encryption configuration whose bucket is unknown and undeclared might be this bucket's", change: (v) => v.remove("static-encryption").add("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "other", { bucket: UNKNOWN }), preview: true },
]);

describeStackPolicy("s3-enforce-bucket-tls", "each bucket policy denies aws:SecureTransport false", [
    {
        name: "the static bucket's policy has no TLS deny",
        change: (v) => v.edit("static-policy", (p) => (p.policy = JSON.stringify({ Version: "2012-10-17", Statement: [] }))),
        messages: [/^Add a statement to the policy of bucket "static" that denies every principal when aws:SecureTransport is false\.$/],
        on: "static-policy",
    },
    { name: "no policy at all", change: (v) => v.remove("static-policy"), messages: [/bucket "static"/], on: "static" },
]);

describeStackPolicy("sns-sqs-enforce-messaging-tls", "the alerts topic policy denies publishing without TLS", [
    {
        name: "the topic policy only allows CloudWatch",
        change: (v) => v.edit("alerts-policy", (p) => (p.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "*" }] }))),
        messages: [/^Add a statement to the policy of topic "alerts" that denies sns:Publish when aws:SecureTransport is false\.$/],
        on: "alerts-policy",
    },
    {
        name: "a queue with no policy",
        change: (v) => v.add("aws:sqs/queue:Queue", "jobs", { sqsManagedSseEnabled: true }),
        messages: [/^Add a statement to the policy of queue "jobs" that denies sqs:SendMessage/],
        on: "jobs",
    },
]);

