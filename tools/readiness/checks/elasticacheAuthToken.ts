import { asBoolean, asString, get, ReadinessCheck, TYPES } from "../lib";

/** AWS's AUTH token rules (ElastiCache CreateReplicationGroup, AuthToken parameter). */
export const AUTH_TOKEN_MIN = 16;
export const AUTH_TOKEN_MAX = 128;
const ALLOWED = /^[A-Za-z0-9!&#$^<>-]*$/;

export const elasticacheAuthToken: ReadinessCheck = {
    name: "elasticache-auth-token",
    category: "aws-api",
    severity: "error",
    what: "A replication group's AUTH token is only set with in-transit encryption, is 16 to 128 characters, and uses only letters, digits and the special characters ! & # $ ^ < > -.",
    rule: "ElastiCache CreateReplicationGroup rejects an AuthToken without TransitEncryptionEnabled, and one outside 16-128 printable ASCII characters or with other special characters (InvalidParameterValue).",
    run(stack) {
        const findings = [];
        for (const group of stack.ofType(TYPES.replicationGroup)) {
            const props = stack.props(group);
            // The write-only input carries the same token to the same API parameter.
            const token = get(props, "authToken") ?? get(props, "authTokenWo");
            if (token === undefined) continue;
            const transit = asBoolean(get(props, "transitEncryptionEnabled"));
            if (transit === false || (transit === undefined && get(props, "transitEncryptionEnabled") === undefined)) {
                findings.push(
                    stack.finding(this, group, "error",
                        `Replication group "${group.name}" sets an AUTH token without in-transit encryption: ElastiCache rejects it.`,
                        "ElastiCache: AuthToken requires TransitEncryptionEnabled=true.",
                        "Set transitEncryptionEnabled: true (and transitEncryptionMode \"required\"), or drop authToken."),
                );
            }
            const value = asString(token);
            if (value === undefined) continue;
            // The token itself never goes into a message: only its length and what kind of character is wrong.
            if (value.length < AUTH_TOKEN_MIN || value.length > AUTH_TOKEN_MAX) {
                findings.push(
                    stack.finding(this, group, "error",
                        `Replication group "${group.name}" has an AUTH token of ${value.length} characters: ElastiCache accepts ${AUTH_TOKEN_MIN} to ${AUTH_TOKEN_MAX}.`,
                        `ElastiCache: AuthToken must be ${AUTH_TOKEN_MIN}-${AUTH_TOKEN_MAX} characters.`,
                        `Generate the token with random.RandomPassword of length ${AUTH_TOKEN_MIN}..${AUTH_TOKEN_MAX}.`),
                );
            }
            if (!ALLOWED.test(value)) {
                const bad = [...new Set([...value].filter((c) => !ALLOWED.test(c)))];
                const kinds = bad.some((c) => c < " " || c > "~") ? "non-printable or non-ASCII characters" : `${bad.length} disallowed special character${bad.length === 1 ? "" : "s"}`;
                findings.push(
                    stack.finding(this, group, "error",
                        `Replication group "${group.name}" has an AUTH token with ${kinds}: ElastiCache allows only letters, digits and ! & # $ ^ < > -.`,
                        "ElastiCache: AuthToken special characters are limited to !, &, #, $, ^, <, > and -.",
                        'Generate the token with random.RandomPassword { special: true, overrideSpecial: "!&#$^<>-" }.'),
                );
            }
        }
        return findings;
    },
};
