import { describeResourcePolicy } from "../rules-support/resourceCases";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-1111-2222-3333-444444444444";

describeResourcePolicy({
    policy: "cloudwatch-enable-log-group-encryption",
    type: "aws:cloudwatch/logGroup:LogGroup",
    compliant: { name: "/aws/lambda/api", kmsKeyId: KEY, retentionInDays: 30 },
    failures: [{ name: "no kmsKeyId", props: ({ kmsKeyId, ...rest }) => rest, messages: [/^Set kmsKeyId to a customer managed KMS key that admits the CloudWatch Logs service\.$/] }],
    unknowable: ["kmsKeyId"],
});

describeResourcePolicy({
    policy: "secretsmanager-enable-secret-encryption",
    type: "aws:secretsmanager/secret:Secret",
    compliant: { name: "cache-auth", kmsKeyId: KEY },
    failures: [
        { name: "no kmsKeyId (the AWS managed key)", props: ({ kmsKeyId, ...rest }) => rest, messages: [/^Set kmsKeyId to a customer managed KMS key: the AWS managed key cannot restrict who decrypts\.$/] },
        { name: "the AWS managed key named explicitly", props: (p) => ({ ...p, kmsKeyId: "alias/aws/secretsmanager" }), messages: [/^Set kmsKeyId/] },
    ],
    unknowable: ["kmsKeyId"],
});

describeResourcePolicy({
    policy: "sns-enable-topic-encryption",
    type: "aws:sns/topic:Topic",
    compliant: { name: "alerts", kmsMasterKeyId: KEY },
    failures: [{ name: "no kmsMasterKeyId", props: ({ kmsMasterKeyId, ...rest }) => rest, messages: [/^Set kmsMasterKeyId to a customer managed KMS key/] }],
    unknowable: ["kmsMasterKeyId"],
});

describeResourcePolicy({
    policy: "sqs-enable-queue-encryption",
    type: "aws:sqs/queue:Queue",
    compliant: { name: "jobs", kmsMasterKeyId: KEY },
    alsoCompliant: [{ name: "SSE-SQS turned off but a customer managed key set", props: { name: "jobs", kmsMasterKeyId: KEY, sqsManagedSseEnabled: false } }],
    failures: [
        { name: "no key: SSE-SQS, AWS's default (hardening)", props: ({ kmsMasterKeyId, ...rest }) => rest, messages: [/^Set kmsMasterKeyId to a customer managed KMS key: SSE-SQS decrypts for anyone allowed to receive\.$/] },
        { name: "an empty kmsMasterKeyId is no key", props: (p) => ({ ...p, kmsMasterKeyId: "" }), messages: [/^Set kmsMasterKeyId to a customer managed KMS key: SSE-SQS/] },
        { name: "SQS managed SSE turned off: stored unencrypted", props: ({ kmsMasterKeyId, ...rest }) => ({ ...rest, sqsManagedSseEnabled: false }), messages: [/^Remove sqsManagedSseEnabled: false \(the queue is stored unencrypted\)/] },
    ],
    unknowable: ["kmsMasterKeyId", "sqsManagedSseEnabled"],
});

const replicationGroup = {
    description: "cache",
    engine: "valkey",
    atRestEncryptionEnabled: true,
    kmsKeyId: KEY,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    authToken: "generated-elsewhere",
};

describeResourcePolicy({
    policy: "elasticache-enable-at-rest-encryption",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: replicationGroup,
    alsoCompliant: [{ name: "a serverless cache with a customer managed key", type: "aws:elasticache/serverlessCache:ServerlessCache", props: { engine: "valkey", kmsKeyId: KEY } }],
    failures: [
        { name: "at-rest encryption off", props: (p) => ({ ...p, atRestEncryptionEnabled: false }), messages: [/^Set atRestEncryptionEnabled to true/] },
        { name: "no customer managed key", props: ({ kmsKeyId, ...rest }) => rest, messages: [/^Set kmsKeyId to a customer managed KMS key\.$/] },
        { name: "a serverless cache on the AWS owned key", type: "aws:elasticache/serverlessCache:ServerlessCache", props: () => ({ engine: "valkey" }), messages: [/^Set kmsKeyId/] },
    ],
    unknowable: ["atRestEncryptionEnabled", "kmsKeyId"],
});

describeResourcePolicy({
    policy: "elasticache-enable-transit-encryption",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: replicationGroup,
    alsoCompliant: [
        { name: "a cluster inside a replication group inherits the group's TLS", type: "aws:elasticache/cluster:Cluster", props: { replicationGroupId: "cache" } },
        { name: "Memcached with TLS", type: "aws:elasticache/cluster:Cluster", props: { engine: "memcached", transitEncryptionEnabled: true } },
    ],
    failures: [
        { name: "TLS off", props: (p) => ({ ...p, transitEncryptionEnabled: false }), messages: [/^Set transitEncryptionEnabled to true so clients must use TLS\.$/] },
        { name: 'TLS "preferred" still accepts plaintext', props: (p) => ({ ...p, transitEncryptionMode: "preferred" }), messages: [/^Set transitEncryptionMode to "required"/] },
        { name: "a standalone Redis cluster", type: "aws:elasticache/cluster:Cluster", props: () => ({ engine: "redis" }), messages: [/^Use an aws\.elasticache\.ReplicationGroup/] },
        { name: "Memcached without TLS", type: "aws:elasticache/cluster:Cluster", props: () => ({ engine: "memcached" }), messages: [/^Set transitEncryptionEnabled to true \(Memcached/] },
    ],
    unknowable: ["transitEncryptionEnabled", "transitEncryptionMode"],
});

describeResourcePolicy({
    policy: "lambda-function-enable-environment-encryption",
    type: "aws:lambda/function:Function",
    compliant: { environment: { variables: { UPSTREAM_URL: "https://api.example.com" } }, kmsKeyArn: KEY },
    alsoCompliant: [{ name: "no environment at all", props: { runtime: "nodejs20.x" } }],
    failures: [{ name: "variables without kmsKeyArn", props: ({ kmsKeyArn, ...rest }) => rest, messages: [/^Set kmsKeyArn to a customer managed KMS key to encrypt the environment variables\.$/] }],
    unknowable: ["kmsKeyArn"],
});

describeResourcePolicy({
    policy: "cloudtrail-enable-trail-encryption",
    type: "aws:cloudtrail/trail:Trail",
    compliant: { s3BucketName: "trail", kmsKeyId: KEY },
    failures: [{ name: "no kmsKeyId", props: ({ kmsKeyId, ...rest }) => rest, messages: [/^Set kmsKeyId to a customer managed KMS key that admits cloudtrail\.amazonaws\.com\.$/] }],
    unknowable: ["kmsKeyId"],
});

describeResourcePolicy({
    policy: "kms-enable-key-rotation",
    type: "aws:kms/key:Key",
    compliant: { enableKeyRotation: true },
    alsoCompliant: [{ name: "an asymmetric signing key cannot rotate", props: { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" } }],
    failures: [
        { name: "rotation not set", props: () => ({}), messages: [/^Set enableKeyRotation to true\.$/] },
        { name: "rotation off", props: () => ({ enableKeyRotation: false }), messages: [/^Set enableKeyRotation to true\.$/] },
    ],
    unknowable: ["enableKeyRotation"],
});
