import { resourceRule } from "../../lib/rule";
import { asArray, asString, get, isUnknown } from "../../lib/values";

const REDIS_ENGINES = ["redis", "valkey"];

export const enableAuth = resourceRule({
    name: "elasticache-enable-auth",
    category: "exposure",
    description: "Redis and Valkey caches must require authentication (AUTH token or RBAC user group).",
    what: "ReplicationGroups (Redis OSS or Valkey) with neither authToken nor userGroupIds, and ServerlessCaches (Redis OSS or Valkey) with no userGroupId: their default user needs no password.",
    why: "Without AUTH, any host that can open the port reads and rewrites every key (and can run CONFIG or FLUSHALL); security groups are then the only control.",
    fix: "Set authToken (a generated secret, kept in Secrets Manager) with transitEncryptionEnabled, or userGroupIds/userGroupId with a default user that has a password.",
    frameworks: { fsbp: ["ElastiCache.6"], soc2: ["CC6.1"], gdpr: ["32(1)(b)"] },
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/serverlessCache:ServerlessCache"],
    validate(resource, report) {
        const engine = get(resource.props, "engine");
        if (isUnknown(engine) || !REDIS_ENGINES.includes((asString(engine) ?? "redis").toLowerCase())) return;
        if (resource.type.endsWith(":ServerlessCache")) {
            if (get(resource.props, "userGroupId") === undefined) {
                report("Set userGroupId to a user group whose default user has a password: a serverless cache without one accepts any client.");
            }
            return;
        }
        // authTokenWo is the same AUTH token, sent through the provider's write-only input.
        const token = get(resource.props, "authToken") ?? get(resource.props, "authTokenWo");
        const groups = get(resource.props, "userGroupIds");
        const hasGroups = isUnknown(groups) || (asArray(groups) ?? []).length > 0;
        if (token === undefined && !hasGroups) {
            report("Set authToken (generated, kept in Secrets Manager) or userGroupIds: without AUTH anyone who reaches the port owns the data.");
        }
    },
});
