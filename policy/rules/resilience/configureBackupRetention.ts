import { resourceRule } from "../../lib/rule";
import { asNumber, get, isUnknown } from "../../lib/values";

/** What RDS keeps when backupRetentionPeriod is left out of the API call. */
const AWS_DEFAULT_DAYS = 1;

export const configureBackupRetention = resourceRule({
    name: "rds-configure-backup-retention",
    category: "resilience",
    description: "RDS databases should keep automated backups for at least the configured number of days.",
    what: `RDS Instances (read replicas excepted) and Clusters whose backupRetentionPeriod is 0 (automated backups and point-in-time restore off) or below \`minimumRetentionDays\` (7 by default); left out, RDS keeps ${AWS_DEFAULT_DAYS} day.`,
    why: "Automated backups are what point-in-time restore works from: after a bad migration, a dropped table or ransomware, the retention period is how far back the data can be recovered.",
    fix: "Set backupRetentionPeriod to 7 days or more (35 at most) and a preferredBackupWindow outside peak hours.",
    frameworks: { fsbp: ["RDS.11", "RDS.26"], soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    config: {
        minimumRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: 7, description: "Shortest acceptable backup retention, in days." },
    },
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    validate(resource, report) {
        if (resource.type.endsWith(":Instance") && get(resource.props, "replicateSourceDb") !== undefined) return;
        const value = get(resource.props, "backupRetentionPeriod");
        if (isUnknown(value)) return;
        const days = asNumber(value) ?? AWS_DEFAULT_DAYS;
        const minimum = (resource.config.minimumRetentionDays as number | undefined) ?? 7;
        if (days === 0) report(`Set backupRetentionPeriod to at least ${minimum}: 0 turns off automated backups and point-in-time restore.`);
        else if (days < minimum) report(`Raise backupRetentionPeriod from ${days}${value === undefined ? " (the default)" : ""} to at least ${minimum} days.`);
    },
});
