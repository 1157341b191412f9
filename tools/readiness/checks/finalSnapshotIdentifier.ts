import { asBoolean, asString, get, isUnknown, ReadinessCheck, TYPES } from "../lib";

/** Types that take a final snapshot under `finalSnapshotIdentifier` when they are deleted (or replaced). */
const SNAPSHOTTING = [
    { type: TYPES.replicationGroup, skip: undefined, collision: "SnapshotAlreadyExistsFault" },
    { type: "aws:elasticache/cluster:Cluster", skip: undefined, collision: "SnapshotAlreadyExistsFault" },
    { type: "aws:rds/instance:Instance", skip: "skipFinalSnapshot", collision: "DBSnapshotAlreadyExists" },
    { type: "aws:rds/cluster:Cluster", skip: "skipFinalSnapshot", collision: "DBClusterSnapshotAlreadyExistsFault" },
    { type: "aws:docdb/cluster:Cluster", skip: "skipFinalSnapshot", collision: "DBClusterSnapshotAlreadyExistsFault" },
    { type: "aws:neptune/cluster:Cluster", skip: "skipFinalSnapshot", collision: "DBClusterSnapshotAlreadyExistsFault" },
    { type: "aws:redshift/cluster:Cluster", skip: "skipFinalSnapshot", collision: "ClusterSnapshotAlreadyExists" },
];

export const finalSnapshotIdentifier: ReadinessCheck = {
    name: "final-snapshot-identifier-fixed",
    category: "aws-api",
    severity: "warning",
    what: "A cache or database whose finalSnapshotIdentifier is a fixed string (computed from no other resource): the first replacement or deletion takes the snapshot, the next one fails.",
    rule: "ElastiCache, RDS, DocumentDB, Neptune and Redshift take the final snapshot under the identifier in the deleted resource's state, and a snapshot name exists once per account and region (SnapshotAlreadyExistsFault, DBSnapshotAlreadyExists).",
    run(stack) {
        const findings = [];
        for (const { type, skip, collision } of SNAPSHOTTING) {
            for (const resource of stack.ofType(type)) {
                const props = stack.props(resource);
                const identifier = get(props, "finalSnapshotIdentifier");
                const name = asString(identifier);
                if (name === undefined || isUnknown(identifier)) continue;
                // skipFinalSnapshot defaults to false: only an explicit true means no snapshot is taken.
                if (skip && asBoolean(get(props, skip)) === true) continue;
                if ((resource.propertyDependencies.finalSnapshotIdentifier ?? []).length > 0) continue;
                findings.push(
                    stack.finding(this, resource, "warning",
                        `"${resource.name}" names its final snapshot "${name}" whatever generation of it is deleted: the second replacement or re-created stack fails to delete the old one (${collision}) and leaves it running.`,
                        `${type.split(":")[1].split("/")[0]}: a final snapshot identifier must be new for every deletion (${collision}).`,
                        "Add a suffix that changes with each replacement, e.g. a random.RandomId whose keepers are the inputs that replace the resource, or leave the final snapshot out where the data can be rebuilt."),
                );
            }
        }
        return findings;
    },
};
