import { asArray, asBoolean, asNumber, get, ReadinessCheck, TYPES } from "../lib";

export const elasticacheMultiAz: ReadinessCheck = {
    name: "elasticache-multi-az",
    category: "aws-api",
    severity: "error",
    what: "A replication group with Multi-AZ also enables automatic failover, and automatic failover has two or more nodes (or replicas in every shard).",
    rule: "ElastiCache rejects MultiAZEnabled without AutomaticFailoverEnabled, and automatic failover on a cluster-mode-disabled group with fewer than 2 cache clusters (InvalidParameterCombination).",
    run(stack) {
        const findings = [];
        for (const group of stack.ofType(TYPES.replicationGroup)) {
            const props = stack.props(group);
            const multiAz = asBoolean(get(props, "multiAzEnabled"));
            const failover = asBoolean(get(props, "automaticFailoverEnabled"));
            const failoverUnknown = get(props, "automaticFailoverEnabled") !== undefined && failover === undefined;
            if (multiAz === true && failover !== true && !failoverUnknown) {
                findings.push(
                    stack.finding(this, group, "error",
                        `Replication group "${group.name}" enables Multi-AZ without automatic failover: ElastiCache rejects it.`,
                        "ElastiCache: MultiAZEnabled requires AutomaticFailoverEnabled.",
                        "Set automaticFailoverEnabled: true (with at least one replica), or multiAzEnabled: false."),
                );
            }
            if (multiAz !== true && failover !== true) continue;
            const nodes = nodeCount(props);
            if (nodes !== undefined && nodes < 2) {
                findings.push(
                    stack.finding(this, group, "error",
                        `Replication group "${group.name}" enables ${multiAz ? "Multi-AZ" : "automatic failover"} with ${nodes} node${nodes === 1 ? "" : "s"}: it needs a primary and at least one replica.`,
                        "ElastiCache: automatic failover and Multi-AZ need 2 or more nodes (a replica to fail over to).",
                        "Set numCacheClusters to 2 or more (replicasPerNodeGroup >= 1 in cluster mode), or turn Multi-AZ and failover off."),
                );
            }
        }
        return findings;
    },
};

/** Nodes per shard: numCacheClusters, or 1 + replicasPerNodeGroup in cluster mode; undefined when unknown. */
function nodeCount(props: unknown): number | undefined {
    const replicas = get(props, "replicasPerNodeGroup");
    if (replicas !== undefined) return asNumber(replicas) === undefined ? undefined : 1 + (asNumber(replicas) as number);
    const clusters = get(props, "numCacheClusters");
    if (clusters !== undefined) return asNumber(clusters);
    const members = asArray(get(props, "preferredCacheClusterAzs"));
    return members ? Math.max(members.length, 1) : 1;
}
