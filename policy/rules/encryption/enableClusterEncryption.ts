import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableClusterEncryption = resourceRule({
    name: "redshift-enable-cluster-encryption",
    category: "encryption",
    description: "Redshift clusters must not turn off encryption at rest, and use a customer managed key in the strict profile.",
    what: 'Redshift Clusters with encrypted set to "false" (the provider types it as a string; a boolean false is read the same). Left unset, a new provisioned cluster is encrypted: Redshift made encryption the default for new clusters on 10 January 2025 (@pulumi/aws 7.48 documents "Default is true"), so only an explicit opt-out is reported: CreateCluster now rejects it, and a cluster created earlier with it is unencrypted. Without kmsKeyId Redshift uses an AWS owned key; a customer managed key is hardening.',
    why: "An unencrypted warehouse keeps every table, and every snapshot shared or copied from it, in clear; encryption can only be changed later by a migration that rewrites the cluster.",
    fix: 'Remove encrypted: "false" (or set it to "true", with kmsKeyId for a customer managed key).',
    frameworks: { fsbp: ["Redshift.10"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "Redshift encrypts every new provisioned cluster, with an AWS owned key when no kmsKeyId is given, and CreateCluster rejects Encrypted false (announced 18 November 2024, for clusters created after 10 January 2025).",
    hardening: "an encrypted cluster without kmsKeyId",
    types: ["aws:redshift/cluster:Cluster"],
    validate(resource, report) {
        const encrypted = get(resource.props, "encrypted");
        if (encrypted === false || (typeof encrypted === "string" && encrypted.trim().toLowerCase() === "false")) {
            report('Remove encrypted: "false": the cluster and its snapshots would be stored in clear (Redshift encrypts new clusters by default).');
            return;
        }
        const key = get(resource.props, "kmsKeyId");
        if (!isUnknown(encrypted) && !isUnknown(key) && (asString(key) ?? "").trim() === "") {
            report("Set kmsKeyId to a customer managed KMS key: the AWS owned key Redshift uses by default gives you no key policy over the warehouse and its snapshots.", { hardening: true });
        }
    },
});
