import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableStorageEncryption = resourceRule({
    name: "rds-enable-storage-encryption",
    category: "encryption",
    description: "RDS instances and clusters must encrypt their storage.",
    what: 'RDS Instances and Clusters without storageEncrypted: true. Read replicas and instances restored from a snapshot inherit their source\'s encryption and are skipped unless they set storageEncrypted: false; Aurora Serverless v1 clusters (engineMode "serverless") are always encrypted.',
    why: "Unencrypted storage leaves every row, its automated backups, snapshots and read replicas readable to anyone who gets hold of a snapshot (a shared or copied snapshot is enough); encryption cannot be turned on later without copying the data to a new instance.",
    fix: "Set storageEncrypted: true and kmsKeyId to a customer managed key when the database is created.",
    frameworks: { fsbp: ["RDS.3", "RDS.27"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "RDS DB instances and clusters are created unencrypted unless storageEncrypted is true (Aurora Serverless v1 is always encrypted); encryption cannot be added later.",
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    validate(resource, report) {
        const props = resource.props;
        const encrypted = get(props, "storageEncrypted");
        if (encrypted === true || isUnknown(encrypted)) return;
        if (encrypted === undefined) {
            // An Instance copies from replicateSourceDb, a Cluster from replicationSourceIdentifier; both restore from snapshotIdentifier.
            const sources = resource.type.endsWith(":Cluster") ? ["snapshotIdentifier", "replicationSourceIdentifier"] : ["replicateSourceDb", "snapshotIdentifier"];
            const inherits = sources.some((key) => get(props, key) !== undefined);
            if (inherits) return;
            if (resource.type.endsWith(":Cluster") && asString(get(props, "engineMode")) === "serverless") return;
        }
        report("Set storageEncrypted to true (with kmsKeyId set to a customer managed key): an existing database cannot be encrypted in place.");
    },
});
