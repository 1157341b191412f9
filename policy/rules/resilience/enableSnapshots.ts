import { resourceRule } from "../../lib/rule";
import { asNumber, asString, get, isUnknown } from "../../lib/values";

export const enableSnapshots = resourceRule({
    name: "elasticache-enable-snapshots",
    category: "resilience",
    description: "Redis and Valkey caches should keep automatic snapshots.",
    what: "ReplicationGroups and ServerlessCaches (Redis OSS or Valkey) whose snapshotRetentionLimit is unset or below `minimumRetentionDays` (1 by default).",
    why: "A cache that is also the only copy of sessions, rate limits or queues loses them on a bad deploy, FLUSHALL or node loss; a daily snapshot bounds the loss.",
    fix: "Set snapshotRetentionLimit (days) and a snapshotWindow outside peak hours.",
    frameworks: { fsbp: ["ElastiCache.1"], soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    config: {
        minimumRetentionDays: { type: "integer", minimum: 1, default: 1, description: "Fewest days of snapshots to keep." },
    },
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/serverlessCache:ServerlessCache"],
    validate(resource, report) {
        const engine = get(resource.props, "engine");
        if (isUnknown(engine) || (asString(engine) ?? "redis") === "memcached") return;
        const value = get(resource.props, "snapshotRetentionLimit");
        if (isUnknown(value)) return;
        const days = asNumber(value) ?? 0;
        const minimum = (resource.config.minimumRetentionDays as number | undefined) ?? 1;
        if (days < minimum) report(`Set snapshotRetentionLimit to at least ${minimum} day(s)${days > 0 ? ` (it is ${days})` : ""}.`);
    },
});
