import { resourceRule } from "../../lib/rule";
import { asStringList, get, isUnknown, UNKNOWN } from "../../lib/values";

export const enableSecretsEncryption = resourceRule({
    name: "eks-cluster-enable-secrets-encryption",
    category: "encryption",
    description: "EKS clusters must encrypt Kubernetes secrets with a KMS key.",
    what: 'Clusters without an encryptionConfig whose resources include "secrets" (envelope encryption of Kubernetes secrets in etcd with a KMS key).',
    why: "Kubernetes secrets hold database passwords, tokens and TLS keys; without envelope encryption they sit in etcd and its backups only base64-encoded, and access to them is not tied to a key policy.",
    fix: 'Set encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } } with a customer managed key.',
    frameworks: { cis: ["5.3.1"], fsbp: ["EKS.3"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "EKS envelope-encrypts all Kubernetes API data, secrets included, with an AWS owned key on clusters running Kubernetes 1.28 or later (since March 2025); a customer managed key is hardening.",
    types: ["aws:eks/cluster:Cluster"],
    validate(resource, report) {
        const config = get(resource.props, "encryptionConfig");
        if (isUnknown(config)) return;
        const resources = asStringList(get(config, "resources"));
        if (resources === UNKNOWN || (resources ?? []).includes("secrets")) return;
        report('Set encryptionConfig to { resources: ["secrets"], provider: { keyArn } } with a customer managed KMS key.');
    },
});
