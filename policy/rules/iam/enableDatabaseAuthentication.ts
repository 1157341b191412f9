import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

/** Engines that support IAM database authentication. */
const IAM_AUTH_ENGINES = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$/;

export const enableDatabaseAuthentication = resourceRule({
    name: "rds-enable-database-authentication",
    category: "hygiene",
    description: "RDS databases should accept IAM authentication.",
    what: "RDS Instances and Clusters of MySQL, MariaDB and PostgreSQL engines (Aurora included) without iamDatabaseAuthenticationEnabled: true.",
    why: "With IAM authentication, applications connect with 15-minute tokens from their role instead of a shared password in configuration; access follows IAM policy and is revoked with it.",
    fix: "Set iamDatabaseAuthenticationEnabled: true, grant rds-db:connect on the database user to the application's role, and keep the master password managed (manageMasterUserPassword) for administration only.",
    frameworks: { fsbp: ["RDS.10", "RDS.12"], soc2: ["CC6.1"], gdpr: ["32(1)(b)"] },
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    validate(resource, report) {
        const engine = get(resource.props, "engine");
        if (isUnknown(engine) || !IAM_AUTH_ENGINES.test(asString(engine) ?? "")) return;
        if (resource.type.endsWith(":Instance") && get(resource.props, "replicateSourceDb") !== undefined) return;
        const value = get(resource.props, "iamDatabaseAuthenticationEnabled");
        if (value !== true && !isUnknown(value)) report("Set iamDatabaseAuthenticationEnabled to true so applications connect with short-lived tokens from their role instead of a shared password.");
    },
});
