import { describeResourcePolicy } from "../rules-support/resourceCases";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

describeResourcePolicy({
    policy: "rds-configure-backup-retention",
    type: INSTANCE,
    compliant: { engine: "postgres", backupRetentionPeriod: 7 },
    alsoCompliant: [
        { name: "a read replica (backups belong to the source)", props: { replicateSourceDb: "orders" } },
        { name: "a shorter minimum configured for dev", props: { backupRetentionPeriod: 1 }, config: { minimumRetentionDays: 1 } },
    ],
    failures: [
        { name: "backups off (0)", props: (p) => ({ ...p, backupRetentionPeriod: 0 }), messages: [/^Set backupRetentionPeriod to at least 7: 0 turns off automated backups and point-in-time restore\.$/] },
        { name: "left at the 1-day default", props: ({ backupRetentionPeriod, ...p }) => p, messages: [/^Raise backupRetentionPeriod from 1 \(the default\) to at least 7 days\.$/] },
        { name: "a cluster keeping 3 days", type: CLUSTER, props: () => ({ engine: "aurora-postgresql", backupRetentionPeriod: 3 }), messages: [/^Raise backupRetentionPeriod from 3 to at least 7 days\.$/] },
    ],
    unknowable: ["backupRetentionPeriod"],
});

describeResourcePolicy({
    policy: "rds-enable-deletion-protection",
    type: INSTANCE,
    compliant: { engine: "postgres", deletionProtection: true },
    alsoCompliant: [{ name: "a read replica", props: { replicateSourceDb: "orders" } }],
    failures: [
        { name: "left out", props: () => ({ engine: "postgres" }), messages: [/^Set deletionProtection to true/] },
        { name: "a cluster with it off", type: CLUSTER, props: () => ({ engine: "aurora-mysql", deletionProtection: false }), messages: [/^Set deletionProtection to true/] },
    ],
    unknowable: ["deletionProtection"],
});

describeResourcePolicy({
    policy: "rds-enable-instance-multi-az",
    type: INSTANCE,
    compliant: { engine: "postgres", multiAz: true },
    alsoCompliant: [
        { name: "a stack that accepts one instance (dev)", props: { engine: "postgres" }, config: { requireMultiAz: false } },
        { name: "a read replica", props: { replicateSourceDb: "orders" } },
    ],
    failures: [{ name: "single-AZ", props: () => ({ engine: "postgres" }), messages: [/^Set multiAz to true/] }],
    unknowable: ["multiAz"],
});

describeResourcePolicy({
    policy: "dynamodb-enable-point-in-time-recovery",
    type: "aws:dynamodb/table:Table",
    compliant: { hashKey: "pk", pointInTimeRecovery: { enabled: true } },
    failures: [
        { name: "left out", props: () => ({ hashKey: "pk" }), messages: [/^Set pointInTimeRecovery to \{ enabled: true \}/] },
        { name: "disabled", props: (p) => ({ ...p, pointInTimeRecovery: { enabled: false } }), messages: [/^Set pointInTimeRecovery/] },
    ],
    unknowable: ["pointInTimeRecovery"],
});
