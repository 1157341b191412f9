import { describeResourcePolicy } from "../rules-support/resourceCases";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CLASSIC = "aws:elb/loadBalancer:LoadBalancer";
const https = { lbPort: 443, lbProtocol: "https", instancePort: 8080, instanceProtocol: "http", sslCertificateId: CERT };

describeResourcePolicy({
    policy: "elb-enforce-classic-listener-https",
    type: CLASSIC,
    compliant: { availabilityZones: ["eu-west-1a"], listeners: [https] },
    alsoCompliant: [{ name: "TCP passthrough on 443 and SSL on 8443", props: { listeners: [{ lbPort: 443, lbProtocol: "TCP", instancePort: 443, instanceProtocol: "TCP" }, { lbPort: 8443, lbProtocol: "SSL", instancePort: 8443, instanceProtocol: "TCP", sslCertificateId: CERT }] } }],
    failures: [
        { name: "an HTTP listener beside the HTTPS one (lower case, as the provider's docs write it)", props: (p) => ({ ...p, listeners: [{ lbPort: 80, lbProtocol: "http", instancePort: 8080, instanceProtocol: "http" }, https] }), messages: [/^Replace listener 1 \(HTTP on port 80\) with an HTTPS listener and an ACM certificate: a Classic Load Balancer cannot redirect/] },
        { name: "a listener on port 80 with no lbProtocol", props: (p) => ({ ...p, listeners: [https, { lbPort: 80, instancePort: 8080, instanceProtocol: "http" }] }), messages: [/^Replace listener 2 \(HTTP on port 80\)/] },
        { name: "HTTP on a non-standard port", props: (p) => ({ ...p, listeners: [{ lbPort: 8080, lbProtocol: "HTTP", instancePort: 8080, instanceProtocol: "HTTP" }] }), messages: [/listener 1 \(HTTP on port 8080\)/] },
    ],
    unknowable: ["listeners"],
});

describeResourcePolicy({
    policy: "elb-enable-classic-access-logs",
    type: CLASSIC,
    compliant: { listeners: [https], accessLogs: { bucket: "elb-logs-123456789012", bucketPrefix: "web", interval: 60 } },
    failures: [
        { name: "no accessLogs block", props: ({ accessLogs, ...p }) => p, messages: [/^Set accessLogs to \{ bucket, bucketPrefix \}/] },
        { name: "accessLogs.enabled false", props: (p) => ({ ...p, accessLogs: { bucket: "elb-logs-123456789012", enabled: false } }), messages: [/^Set accessLogs/] },
    ],
    unknowable: ["accessLogs"],
});

describeResourcePolicy({
    policy: "efs-enable-file-system-encryption",
    type: "aws:efs/fileSystem:FileSystem",
    compliant: { creationToken: "shared", encrypted: true, kmsKeyId: KEY, performanceMode: "generalPurpose" },
    failures: [
        { name: "hardening: encrypted with the AWS managed key", props: ({ kmsKeyId, ...p }) => p, messages: [/^Set kmsKeyId to a customer managed KMS key: the AWS managed aws\/elasticfilesystem key/] },
        { name: "encrypted left unset (CreateFileSystem's default is false)", props: ({ encrypted, kmsKeyId, ...p }) => p, messages: [/^Set encrypted: true \(kmsKeyId optional\): EFS stores this file system in clear/] },
        { name: "encrypted false", props: ({ kmsKeyId, ...p }) => ({ ...p, encrypted: false }), messages: [/^Set encrypted: true/] },
        { name: "a key without encrypted: true", props: ({ encrypted, ...p }) => p, messages: [/^Set encrypted: true/] },
    ],
    unknowable: ["encrypted"],
});

describeResourcePolicy({
    policy: "kinesis-enable-stream-encryption",
    type: "aws:kinesis/stream:Stream",
    compliant: { shardCount: 1, retentionPeriod: 24, encryptionType: "KMS", kmsKeyId: KEY },
    alsoCompliant: [{ name: "on-demand with a customer managed key alias", props: { streamModeDetails: { streamMode: "ON_DEMAND" }, encryptionType: "KMS", kmsKeyId: "alias/clickstream" } }],
    failures: [
        { name: "hardening: the AWS managed alias/aws/kinesis key", props: (p) => ({ ...p, kmsKeyId: "alias/aws/kinesis" }), messages: [/^Set kmsKeyId to a customer managed KMS key: the AWS managed alias\/aws\/kinesis key/] },
        { name: "encryptionType left unset (NONE)", props: ({ encryptionType, kmsKeyId, ...p }) => p, messages: [/^Set encryptionType to "KMS" with kmsKeyId "alias\/aws\/kinesis" or a customer managed key/] },
        { name: 'encryptionType "NONE"', props: (p) => ({ ...p, encryptionType: "NONE" }), messages: [/^Set encryptionType to "KMS"/] },
    ],
    unknowable: ["encryptionType"],
});

const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const s3Destination = { roleArn: "arn:aws:iam::123456789012:role/firehose", bucketArn: "arn:aws:s3:::events-123456789012" };

describeResourcePolicy({
    policy: "firehose-enable-delivery-stream-encryption",
    type: FIREHOSE,
    compliant: { destination: "extended_s3", extendedS3Configuration: s3Destination, serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY } },
    alsoCompliant: [
        { name: "a stream read from Kinesis (the source's encryption applies)", props: { destination: "extended_s3", extendedS3Configuration: s3Destination, kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/events", roleArn: "arn:aws:iam::123456789012:role/firehose" } } },
    ],
    failures: [
        { name: "hardening: the AWS owned key (keyType left to its default)", props: (p) => ({ ...p, serverSideEncryption: { enabled: true } }), messages: [/^Set serverSideEncryption\.keyType to "CUSTOMER_MANAGED_CMK" with keyArn/] },
        { name: "Direct PUT without serverSideEncryption", props: ({ serverSideEncryption, ...p }) => p, messages: [/^Set serverSideEncryption: \{ enabled: true \}/] },
        { name: "serverSideEncryption with enabled false", props: (p) => ({ ...p, serverSideEncryption: { enabled: false } }), messages: [/^Set serverSideEncryption/] },
    ],
    unknowable: ["serverSideEncryption"],
});

const REDSHIFT = "aws:redshift/cluster:Cluster";
const cluster = { clusterIdentifier: "analytics", nodeType: "ra3.xlplus", numberOfNodes: 2, masterUsername: "admin", manageMasterPassword: true, clusterSubnetGroupName: "analytics-private" };

describeResourcePolicy({
    policy: "redshift-enable-cluster-encryption",
    type: REDSHIFT,
    compliant: { ...cluster, kmsKeyId: KEY },
    alsoCompliant: [{ name: 'encrypted: "true" with a customer managed key', props: { ...cluster, encrypted: "true", kmsKeyId: KEY } }],
    failures: [
        { name: "hardening: encrypted by default with the AWS key", props: ({ kmsKeyId, ...p }) => p, messages: [/^Set kmsKeyId to a customer managed KMS key: the AWS owned key Redshift uses by default/] },
        { name: 'encrypted "false"', props: ({ kmsKeyId, ...p }) => ({ ...p, encrypted: "false" }), messages: [/^Remove encrypted: "false": the cluster and its snapshots would be stored in clear/] },
        { name: "encrypted false as a boolean", props: ({ kmsKeyId, ...p }) => ({ ...p, encrypted: false }), messages: [/^Remove encrypted: "false"/] },
    ],
    unknowable: ["encrypted", "kmsKeyId"],
});

describeResourcePolicy({
    policy: "redshift-disallow-cluster-public-access",
    type: REDSHIFT,
    compliant: { ...cluster, publiclyAccessible: false },
    alsoCompliant: [{ name: "publiclyAccessible left unset (false since January 2025)", props: cluster }],
    failures: [
        { name: "publiclyAccessible true", props: (p) => ({ ...p, publiclyAccessible: true }), messages: [/^Set publiclyAccessible to false and reach the cluster from inside the VPC/] },
        { name: "a publicly accessible serverless workgroup", type: "aws:redshiftserverless/workgroup:Workgroup", props: () => ({ namespaceName: "analytics", workgroupName: "analytics", publiclyAccessible: true }), messages: [/^Set publiclyAccessible to false and reach the workgroup/] },
    ],
    unknowable: ["publiclyAccessible"],
});

const domain = {
    domainName: "search",
    engineVersion: "OpenSearch_2.13",
    clusterConfig: { instanceType: "t3.small.search", instanceCount: 1 },
    ebsOptions: { ebsEnabled: true, volumeSize: 10 },
    encryptAtRest: { enabled: true, kmsKeyId: KEY },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
};

describeResourcePolicy({
    policy: "opensearch-enable-domain-encryption",
    type: "aws:opensearch/domain:Domain",
    compliant: domain,
    alsoCompliant: [{ name: "a legacy Elasticsearch domain with both", type: "aws:elasticsearch/domain:Domain", props: { domainName: "legacy", elasticsearchVersion: "7.10", encryptAtRest: { enabled: true, kmsKeyId: KEY }, nodeToNodeEncryption: { enabled: true } } }],
    failures: [
        { name: "hardening: at rest with the AWS managed aws/es key", props: (p) => ({ ...p, encryptAtRest: { enabled: true } }), messages: [/^Set encryptAtRest\.kmsKeyId to a customer managed KMS key/] },
        { name: "no encryptAtRest block", props: ({ encryptAtRest, ...p }) => p, messages: [/^Set encryptAtRest: \{ enabled: true \}: the domain's indices and snapshots are stored in clear\.$/] },
        { name: "node-to-node encryption off", props: (p) => ({ ...p, nodeToNodeEncryption: { enabled: false } }), messages: [/^Set nodeToNodeEncryption: \{ enabled: true \}/] },
        { name: "a legacy Elasticsearch domain with neither", type: "aws:elasticsearch/domain:Domain", props: () => ({ domainName: "legacy", elasticsearchVersion: "7.10" }), messages: [/^Set encryptAtRest/, /^Set nodeToNodeEncryption/] },
    ],
    unknowable: ["encryptAtRest", "nodeToNodeEncryption"],
});

describeResourcePolicy({
    policy: "opensearch-enforce-domain-https",
    type: "aws:opensearch/domain:Domain",
    compliant: domain,
    alsoCompliant: [{ name: "enforceHttps left to the provider's default (true) with a TLS 1.2 policy", props: { ...domain, domainEndpointOptions: { tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } } }],
    failures: [
        { name: "no domainEndpointOptions (plain HTTP accepted)", props: ({ domainEndpointOptions, ...p }) => p, messages: [/^Set domainEndpointOptions\.enforceHttps to true .*: the endpoint accepts plain HTTP\.$/] },
        { name: "enforceHttps false", props: (p) => ({ ...p, domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } }), messages: [/^Set domainEndpointOptions\.enforceHttps to true/] },
        { name: "the TLS 1.0 policy", props: (p) => ({ ...p, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } }), messages: [/^Set domainEndpointOptions\.tlsSecurityPolicy to "Policy-Min-TLS-1-2-PFS-2023-10" .*: "Policy-Min-TLS-1-0-2019-07" accepts TLS 1\.0 and 1\.1\.$/] },
        { name: "no TLS policy", props: (p) => ({ ...p, domainEndpointOptions: { enforceHttps: true } }), messages: [/unset, the endpoint keeps accepting TLS 1\.0 and 1\.1/] },
        { name: "an empty domainEndpointOptions block (HTTPS by the provider's default, TLS policy unset)", props: (p) => ({ ...p, domainEndpointOptions: {} }), messages: [/^Set domainEndpointOptions\.tlsSecurityPolicy/] },
    ],
    unknowable: ["domainEndpointOptions"],
});

describeResourcePolicy({
    policy: "kms-disallow-policy-lockout-bypass",
    type: "aws:kms/key:Key",
    compliant: { description: "app data", enableKeyRotation: true, deletionWindowInDays: 30 },
    alsoCompliant: [{ name: "the check kept explicitly", props: { bypassPolicyLockoutSafetyCheck: false } }],
    failures: [{ name: "bypassPolicyLockoutSafetyCheck true", props: (p) => ({ ...p, bypassPolicyLockoutSafetyCheck: true }), messages: [/^Remove bypassPolicyLockoutSafetyCheck: a key policy that locks out its administrators/] }],
    unknowable: ["bypassPolicyLockoutSafetyCheck"],
});
