import { describeResourcePolicy } from "../rules-support/resourceCases";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const group = { engine: "valkey", numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, snapshotRetentionLimit: 1 };

describeResourcePolicy({
    policy: "elasticache-enable-multi-az",
    type: RG,
    compliant: group,
    alsoCompliant: [
        { name: "cluster mode with a replica per shard", props: { engine: "redis", numNodeGroups: 2, replicasPerNodeGroup: 1, automaticFailoverEnabled: true, multiAzEnabled: true } },
        { name: "a single node where the stack's config does not require multi-AZ (dev)", props: { engine: "valkey", numCacheClusters: 1 }, config: { requireMultiAz: false } },
    ],
    failures: [
        {
            name: "a single node",
            props: () => ({ engine: "valkey", numCacheClusters: 1 }),
            messages: [/^Set automaticFailoverEnabled: true, multiAzEnabled: true, at least one replica \(numCacheClusters: 2\) so the cache fails over to another AZ\.$/],
        },
        { name: "replicas but no automatic failover", props: (p) => ({ ...p, automaticFailoverEnabled: false }), messages: [/^Set automaticFailoverEnabled: true so/] },
    ],
    unknowable: ["automaticFailoverEnabled", "numCacheClusters"],
});

describeResourcePolicy({
    policy: "elasticache-enable-snapshots",
    type: RG,
    compliant: group,
    alsoCompliant: [{ name: "a serverless cache keeping snapshots", type: "aws:elasticache/serverlessCache:ServerlessCache", props: { engine: "valkey", snapshotRetentionLimit: 7 } }],
    failures: [
        { name: "no snapshots", props: ({ snapshotRetentionLimit, ...rest }) => rest, messages: [/^Set snapshotRetentionLimit to at least 1 day\(s\)\.$/] },
        { name: "fewer days than configured", props: (p) => p, config: { minimumRetentionDays: 7 }, messages: [/^Set snapshotRetentionLimit to at least 7 day\(s\) \(it is 1\)\.$/] },
    ],
    unknowable: ["snapshotRetentionLimit"],
});

describeResourcePolicy({
    policy: "elasticache-enable-auto-minor-upgrade",
    type: RG,
    compliant: group,
    failures: [{ name: "minor upgrades turned off", props: (p) => ({ ...p, autoMinorVersionUpgrade: false }), messages: [/^Set autoMinorVersionUpgrade to true/] }],
    unknowable: ["autoMinorVersionUpgrade"],
});

describeResourcePolicy({
    policy: "kms-configure-key-deletion-window",
    type: "aws:kms/key:Key",
    compliant: { enableKeyRotation: true, deletionWindowInDays: 30 },
    alsoCompliant: [
        { name: "unset (AWS's 30 days)", props: { enableKeyRotation: true } },
        { name: "7 days where the stack's config accepts 7", props: { deletionWindowInDays: 7 }, config: { minimumDays: 7 } },
    ],
    failures: [{ name: "7 days", props: (p) => ({ ...p, deletionWindowInDays: 7 }), messages: [/^Raise deletionWindowInDays from 7 to at least 30\.$/] }],
    unknowable: ["deletionWindowInDays"],
});

describeResourcePolicy({
    policy: "lambda-configure-function-concurrency",
    type: "aws:lambda/function:Function",
    compliant: { reservedConcurrentExecutions: 10 },
    failures: [
        { name: "not reserved", props: () => ({}), messages: [/^Set reservedConcurrentExecutions/] },
        { name: "-1 (unreserved)", props: () => ({ reservedConcurrentExecutions: -1 }), messages: [/^Set reservedConcurrentExecutions/] },
    ],
    unknowable: ["reservedConcurrentExecutions"],
});

describeResourcePolicy({
    policy: "lambda-configure-function-multi-az",
    type: "aws:lambda/function:Function",
    compliant: { vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] } },
    alsoCompliant: [{ name: "not in a VPC", props: { runtime: "nodejs20.x" } }],
    failures: [{ name: "one subnet", props: () => ({ vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-1"] } }), messages: [/^Attach the function to subnets in at least two availability zones\.$/] }],
    unknowable: ["vpcConfig"],
});
