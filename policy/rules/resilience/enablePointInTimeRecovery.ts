import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enablePointInTimeRecovery = resourceRule({
    name: "dynamodb-enable-point-in-time-recovery",
    category: "resilience",
    description: "DynamoDB tables should have point-in-time recovery on.",
    what: "Tables without pointInTimeRecovery.enabled: true.",
    why: "Without continuous backups, a bad deploy, a buggy batch job or a malicious delete overwrites items for good; point-in-time recovery restores the table to any second of the last 35 days.",
    fix: "Set pointInTimeRecovery: { enabled: true } (and deletionProtectionEnabled: true).",
    frameworks: { fsbp: ["DynamoDB.2"], soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    types: ["aws:dynamodb/table:Table"],
    validate(resource, report) {
        const enabled = get(resource.props, "pointInTimeRecovery", "enabled");
        if (enabled !== true && !isUnknown(enabled)) report("Set pointInTimeRecovery to { enabled: true } so the table can be restored to any point in the last 35 days.");
    },
});
