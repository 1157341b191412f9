import { get, ReadinessCheck, TYPES } from "../lib";

/**
 * Write-only credential inputs and their version fields, per type (provider docs: "Conflicts with
 * <plain>. If set, requires <version> to be set.").
 */
const WRITE_ONLY: { type: string; conflicts: string[]; writeOnly: string; version: string; label: string }[] = [
    { type: TYPES.replicationGroup, conflicts: ["authToken"], writeOnly: "authTokenWo", version: "authTokenWoVersion", label: "AUTH token" },
    { type: "aws:elasticache/user:User", conflicts: ["passwords", "authenticationMode"], writeOnly: "passwordsWo", version: "passwordsWoVersion", label: "user password" },
    { type: "aws:secretsmanager/secretVersion:SecretVersion", conflicts: ["secretString", "secretBinary"], writeOnly: "secretStringWo", version: "secretStringWoVersion", label: "secret value" },
];

export const elasticacheAuthTokenInputs: ReadinessCheck = {
    name: "elasticache-auth-token-inputs",
    category: "aws-api",
    severity: "error",
    what: "Cache credentials (replication group AUTH token, ElastiCache user passwords, a secret's value) set through both the plain and the write-only input, or through a write-only input without its version.",
    rule: "AWS provider: authTokenWo conflicts with authToken and requires authTokenWoVersion; passwordsWo conflicts with passwords and requires passwordsWoVersion; secretStringWo conflicts with secretString and requires secretStringWoVersion.",
    run(stack) {
        const findings = [];
        for (const { type, conflicts, writeOnly, version, label } of WRITE_ONLY) {
            for (const resource of stack.ofType(type)) {
                const props = stack.props(resource);
                const hasWriteOnly = get(props, writeOnly) !== undefined;
                const alsoSet = conflicts.filter((name) => get(props, name) !== undefined);
                if (hasWriteOnly && alsoSet.length > 0) {
                    findings.push(
                        stack.finding(this, resource, "error",
                            `"${resource.name}" sets ${writeOnly} together with ${alsoSet.join(" and ")}: the provider rejects the combination.`,
                            `AWS provider: ${writeOnly} conflicts with ${conflicts.join(" and ")} (ConflictsWith).`,
                            `Keep ${writeOnly} (with ${version}) and drop ${alsoSet.join(" and ")}.`),
                    );
                }
                if (hasWriteOnly && get(props, version) === undefined) {
                    findings.push(
                        stack.finding(this, resource, "error",
                            `"${resource.name}" sets ${writeOnly} without ${version}: the provider rejects it, and without a version a new value would never be sent.`,
                            `AWS provider: ${writeOnly} requires ${version}; the value is sent only when the version changes.`,
                            `Set ${version}: 1, and raise it whenever the ${label} changes.`),
                    );
                }
            }
        }
        return findings;
    },
};
