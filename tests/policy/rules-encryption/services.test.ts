import { describeResourcePolicy } from "../rules-support/resourceCases";

describeResourcePolicy({
    policy: "rds-enable-storage-encryption",
    type: "aws:rds/instance:Instance",
    compliant: { engine: "postgres", instanceClass: "db.t4g.micro", storageEncrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1" },
    alsoCompliant: [
        { name: "a read replica inherits its source's encryption", props: { replicateSourceDb: "orders", instanceClass: "db.t4g.micro" } },
        { name: "a restore from a snapshot inherits its encryption", props: { snapshotIdentifier: "orders-2024-01-01", instanceClass: "db.t4g.micro" } },
        { name: "Aurora Serverless v1 is always encrypted", type: "aws:rds/cluster:Cluster", props: { engine: "aurora-mysql", engineMode: "serverless" } },
    ],
    failures: [
        { name: "storageEncrypted left out", props: ({ storageEncrypted, kmsKeyId, ...p }) => p, messages: [/^Set storageEncrypted to true \(with kmsKeyId set to a customer managed key\)/] },
        { name: "storageEncrypted false", props: (p) => ({ ...p, storageEncrypted: false }), messages: [/^Set storageEncrypted to true/] },
        { name: "a provisioned Aurora cluster without it", type: "aws:rds/cluster:Cluster", props: () => ({ engine: "aurora-postgresql", masterUsername: "admin" }), messages: [/^Set storageEncrypted to true/] },
        { name: "a replica that turns it off", props: () => ({ replicateSourceDb: "orders", storageEncrypted: false }), messages: [/^Set storageEncrypted to true/] },
    ],
    unknowable: ["storageEncrypted"],
});

describeResourcePolicy({
    policy: "dynamodb-enable-table-encryption",
    type: "aws:dynamodb/table:Table",
    compliant: { hashKey: "pk", serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1" } },
    alsoCompliant: [{ name: "the AWS managed aws/dynamodb key (enabled without a key ARN)", props: { hashKey: "pk", serverSideEncryption: { enabled: true } } }],
    failures: [
        { name: "no serverSideEncryption (AWS owned key)", props: ({ serverSideEncryption, ...p }) => p, messages: [/^Set serverSideEncryption to \{ enabled: true, kmsKeyArn \}/] },
        { name: "enabled false", props: (p) => ({ ...p, serverSideEncryption: { enabled: false } }), messages: [/^Set serverSideEncryption/] },
    ],
    unknowable: ["serverSideEncryption"],
});

describeResourcePolicy({
    policy: "ecr-enable-repository-encryption",
    type: "aws:ecr/repository:Repository",
    compliant: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:123456789012:key/1" }] },
    alsoCompliant: [{ name: "dual-layer KMS", props: { encryptionConfigurations: [{ encryptionType: "KMS_DSSE" }] } }],
    failures: [
        { name: "no encryptionConfigurations (AES256 with an AWS owned key)", props: () => ({}), messages: [/^Set encryptionConfigurations to \[\{ encryptionType: "KMS", kmsKey \}\]/] },
        { name: 'encryptionType "AES256"', props: () => ({ encryptionConfigurations: [{ encryptionType: "AES256" }] }), messages: [/^Set encryptionConfigurations/] },
    ],
    unknowable: ["encryptionConfigurations"],
});

const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };

describeResourcePolicy({
    policy: "elb-enforce-listener-https",
    type: "aws:lb/listener:Listener",
    compliant: { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [redirect] },
    alsoCompliant: [
        { name: "a fixed response on HTTP", props: { protocol: "HTTP", defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }] } },
        { name: "an HTTPS listener that forwards", type: "aws:alb/listener:Listener", props: { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] } },
    ],
    failures: [
        { name: "HTTP forwarding to targets", props: (p) => ({ ...p, defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }), messages: [/^Replace the forward action of this HTTP listener with a redirect to HTTPS/] },
        { name: "a redirect that stays on HTTP", props: (p) => ({ ...p, defaultActions: [{ type: "redirect", redirect: { protocol: "HTTP", port: "8080", statusCode: "HTTP_302" } }] }), messages: [/^Replace the redirect action/] },
        { name: "aws.alb.Listener forwarding", type: "aws:alb/listener:Listener", props: (p) => ({ ...p, defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }), messages: [/HTTP listener/] },
    ],
    unknowable: ["defaultActions"],
});

describeResourcePolicy({
    policy: "elb-configure-listener-tls-policy",
    type: "aws:lb/listener:Listener",
    compliant: { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: "arn:cert" },
    alsoCompliant: [
        { name: "a TLS 1.2 forward-secrecy policy on a TLS listener", props: { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10" } },
        { name: "an HTTP listener has no TLS policy", props: { protocol: "HTTP" } },
    ],
    failures: [
        { name: "sslPolicy left out (ELBSecurityPolicy-2016-08, TLS 1.0)", props: ({ sslPolicy, ...p }) => p, messages: [/^Set sslPolicy to "ELBSecurityPolicy-TLS13-1-2-2021-06": the default ELBSecurityPolicy-2016-08 accepts TLS versions below 1\.2\.$/] },
        { name: "a TLS 1.1 policy", props: (p) => ({ ...p, sslPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01" }), messages: [/"ELBSecurityPolicy-TLS-1-1-2017-01" accepts TLS versions below 1\.2/] },
        { name: "TLS 1.3 policy that still accepts 1.0", props: (p) => ({ ...p, sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06" }), messages: [/TLS13-1-0-2021-06/] },
    ],
    unknowable: ["sslPolicy"],
});
