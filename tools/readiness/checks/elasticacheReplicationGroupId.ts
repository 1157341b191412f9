import { asString, get, ReadinessCheck, TYPES } from "../lib";

export const REPLICATION_GROUP_ID_MAX = 40;

/** Why an id breaks ElastiCache's naming rules, or undefined when it does not. */
export function replicationGroupIdProblem(id: string): string | undefined {
    // ElastiCache stores ids lowercased, so case is never the problem.
    const lower = id.toLowerCase();
    if (lower.length < 1 || lower.length > REPLICATION_GROUP_ID_MAX) return `is ${lower.length} characters long (1 to ${REPLICATION_GROUP_ID_MAX} allowed)`;
    if (!/^[a-z]/.test(lower)) return "does not start with a letter";
    if (!/^[a-z0-9-]+$/.test(lower)) return "contains characters other than letters, digits and hyphens";
    if (lower.includes("--")) return "contains two consecutive hyphens";
    if (lower.endsWith("-")) return "ends with a hyphen";
    return undefined;
}

export const elasticacheReplicationGroupId: ReadinessCheck = {
    name: "elasticache-replication-group-id",
    category: "aws-api",
    severity: "error",
    what: "A replication group id (as given, or as Pulumi auto-names it: `<name>-<7 hex>`) is 1-40 letters, digits or hyphens, starts with a letter, has no double hyphen and does not end with one.",
    rule: "ElastiCache CreateReplicationGroup: ReplicationGroupId constraints (InvalidParameterValue).",
    run(stack) {
        const findings = [];
        for (const group of stack.ofType(TYPES.replicationGroup)) {
            const id = asString(get(stack.props(group), "replicationGroupId"));
            const problem = id === undefined ? undefined : replicationGroupIdProblem(id);
            if (!id || !problem) continue;
            findings.push(
                stack.finding(this, group, "error",
                    `Replication group id "${id}" ${problem}: ElastiCache rejects it.`,
                    "ElastiCache: ReplicationGroupId is 1-40 letters, digits or hyphens, starts with a letter, no '--', no trailing '-'.",
                    id.length > REPLICATION_GROUP_ID_MAX
                        ? `Shorten the logical name "${group.name}" to ${REPLICATION_GROUP_ID_MAX - 8} characters or fewer (auto-naming adds 8), or set replicationGroupId explicitly.`
                        : "Set replicationGroupId to a valid id, or rename the resource so the auto-name is valid."),
            );
        }
        return findings;
    },
};
