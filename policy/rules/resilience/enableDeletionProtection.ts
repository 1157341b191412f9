import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableDeletionProtection = resourceRule({
    name: "rds-enable-deletion-protection",
    category: "resilience",
    description: "RDS databases should have deletion protection on.",
    what: "RDS Instances (read replicas excepted) and Clusters without deletionProtection: true.",
    why: "Deletion protection makes AWS refuse to delete the database, whoever asks: a replacing change, a stray `pulumi destroy` or a console click cannot take the data (and, with skipFinalSnapshot, every backup) with it.",
    fix: "Set deletionProtection: true (and protect: true in the resource options); lift it deliberately before retiring the database.",
    frameworks: { fsbp: ["RDS.7", "RDS.8"], soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    validate(resource, report) {
        if (resource.type.endsWith(":Instance") && get(resource.props, "replicateSourceDb") !== undefined) return;
        const value = get(resource.props, "deletionProtection");
        if (value !== true && !isUnknown(value)) report("Set deletionProtection to true so the database cannot be deleted by a replacing change or a destroy.");
    },
});
