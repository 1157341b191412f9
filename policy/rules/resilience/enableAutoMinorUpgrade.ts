import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableAutoMinorUpgrade = resourceRule({
    name: "elasticache-enable-auto-minor-upgrade",
    category: "resilience",
    description: "ElastiCache should apply minor engine upgrades automatically.",
    what: "ReplicationGroups and Clusters with autoMinorVersionUpgrade explicitly false.",
    why: "Minor versions carry security fixes; turned off, the cache drifts until AWS forces an upgrade at a time it picks.",
    fix: "Leave autoMinorVersionUpgrade at true and set a maintenanceWindow.",
    frameworks: { fsbp: ["ElastiCache.2"], soc2: ["CC7.1"], gdpr: ["32(1)(b)"] },
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"],
    validate(resource, report) {
        if (get(resource.props, "autoMinorVersionUpgrade") === false) report("Set autoMinorVersionUpgrade to true and pick a maintenanceWindow.");
    },
});
