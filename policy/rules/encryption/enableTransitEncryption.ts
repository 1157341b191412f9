import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableTransitEncryption = resourceRule({
    name: "elasticache-enable-transit-encryption",
    category: "encryption",
    description: "ElastiCache must require TLS between clients and nodes.",
    what: 'ReplicationGroups without transitEncryptionEnabled: true or with transitEncryptionMode "preferred" (which still accepts plaintext), and standalone Clusters (no replicationGroupId) that cannot encrypt: Redis OSS/Valkey clusters, or Memcached without transitEncryptionEnabled.',
    why: "Without TLS the AUTH token and every value cross the VPC in clear text; anything that can mirror or sniff traffic in the subnet reads them.",
    fix: 'Set transitEncryptionEnabled: true (and transitEncryptionMode: "required" where the engine supports it); replace standalone Redis clusters with a ReplicationGroup.',
    frameworks: { fsbp: ["ElastiCache.5"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"],
    validate(resource, report) {
        const props = resource.props;
        const enabled = get(props, "transitEncryptionEnabled");
        if (resource.type.endsWith(":Cluster")) {
            if (get(props, "replicationGroupId") !== undefined) return; // member of a group: the group's setting applies
            const engine = get(props, "engine");
            if (isUnknown(engine)) return;
            if (asString(engine) === "memcached") {
                if (enabled !== true && !isUnknown(enabled)) report("Set transitEncryptionEnabled to true (Memcached 1.6.12 or later).");
            } else {
                report("Use an aws.elasticache.ReplicationGroup instead of a standalone Redis/Valkey Cluster: only a replication group can require TLS.");
            }
            return;
        }
        if (enabled !== true && !isUnknown(enabled)) {
            report("Set transitEncryptionEnabled to true so clients must use TLS.");
            return;
        }
        if (asString(get(props, "transitEncryptionMode")) === "preferred") {
            report('Set transitEncryptionMode to "required": "preferred" still accepts plaintext connections.');
        }
    },
});
