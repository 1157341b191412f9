import { resourceRule } from "../../lib/rule";
import { asNumber, asString, get, isUnknown } from "../../lib/values";

export const enableMultiAz = resourceRule({
    name: "elasticache-enable-multi-az",
    category: "resilience",
    description: "Production replication groups should fail over automatically to a replica in another AZ.",
    what: "ReplicationGroups (Redis OSS or Valkey) without automaticFailoverEnabled: true, multiAzEnabled: true and at least one replica (numCacheClusters >= 2, or replicasPerNodeGroup >= 1). Set `requireMultiAz: false` in the policy config file of stacks that accept a single node (dev). Serverless caches are multi-AZ already.",
    why: "A single node takes the cache down for every AZ outage, node replacement and maintenance failover; with a replica in another AZ, failover takes seconds and the data survives.",
    fix: "Set numCacheClusters: 2 (or more), automaticFailoverEnabled: true, multiAzEnabled: true, with subnets in two AZs.",
    frameworks: { fsbp: ["ElastiCache.3"], soc2: ["A1.2"], gdpr: ["32(1)(b)", "32(1)(c)"] },
    config: {
        requireMultiAz: {
            type: "boolean",
            default: true,
            description: "Whether this stack needs a multi-AZ cache; pass false for dev through `pulumi preview --policy-pack-config`.",
        },
    },
    types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    validate(resource, report) {
        if (resource.config.requireMultiAz === false) return;
        const props = resource.props;
        const engine = get(props, "engine");
        if (isUnknown(engine) || (asString(engine) ?? "redis") === "memcached") return;
        const missing: string[] = [];
        for (const flag of ["automaticFailoverEnabled", "multiAzEnabled"]) {
            const value = get(props, flag);
            if (value !== true && !isUnknown(value)) missing.push(`${flag}: true`);
        }
        const clusters = get(props, "numCacheClusters");
        const replicas = get(props, "replicasPerNodeGroup");
        if (!isUnknown(clusters) && !isUnknown(replicas) && (asNumber(clusters) ?? 1) < 2 && (asNumber(replicas) ?? 0) < 1) {
            missing.push("at least one replica (numCacheClusters: 2)");
        }
        if (missing.length > 0) report(`Set ${missing.join(", ")} so the cache fails over to another AZ.`);
    },
});
