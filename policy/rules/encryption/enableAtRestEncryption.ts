import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableAtRestEncryption = resourceRule({
    name: "elasticache-enable-at-rest-encryption",
    category: "encryption",
    description: "ElastiCache data must be encrypted at rest with a customer managed KMS key.",
    what: "ReplicationGroups without atRestEncryptionEnabled: true, and ReplicationGroups or ServerlessCaches without kmsKeyId (serverless caches are always encrypted, with an AWS owned key unless kmsKeyId is set).",
    why: "Snapshots, swap and replica sync carry every cached value (sessions, tokens, personal data); a customer managed key makes reading them depend on the key policy.",
    fix: "Set atRestEncryptionEnabled: true and kmsKeyId to a customer managed key (encryption at rest cannot be turned on later without replacing the cache).",
    frameworks: { fsbp: ["ElastiCache.4"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    hardening: "a cache encrypted with the AWS owned key rather than a customer managed one",
    awsDefault: "ElastiCache serverless caches are always encrypted at rest (with an AWS owned key unless kmsKeyId is set); replication groups only when atRestEncryptionEnabled is true.",
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/serverlessCache:ServerlessCache"],
    validate(resource, report) {
        if (resource.type.endsWith(":ReplicationGroup")) {
            const enabled = get(resource.props, "atRestEncryptionEnabled");
            if (enabled !== true && !isUnknown(enabled)) {
                report("Set atRestEncryptionEnabled to true (it cannot be turned on later without replacing the cache).");
                return;
            }
        }
        if (get(resource.props, "kmsKeyId") === undefined) report("Set kmsKeyId to a customer managed KMS key.", { hardening: true });
    },
});
