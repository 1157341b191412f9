import { resourceRule } from "../../lib/rule";
import { asArray, asString, get, isUnknown } from "../../lib/values";

export const enableRepositoryEncryption = resourceRule({
    name: "ecr-enable-repository-encryption",
    category: "encryption",
    description: "ECR repositories must encrypt images with a KMS key.",
    what: 'Repositories whose encryptionConfigurations do not set encryptionType "KMS" (or "KMS_DSSE"); without them ECR uses AES256 with an AWS owned key.',
    why: "Images carry the application code and often baked-in configuration; with a KMS key, pulling an image needs kms:Decrypt as well as ecr:BatchGetImage, and every decryption is logged.",
    fix: 'Set encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] when the repository is created (it cannot be changed afterwards).',
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "ECR encrypts images at rest with AES-256 (S3-managed keys) when no encryption configuration is set.",
    types: ["aws:ecr/repository:Repository"],
    validate(resource, report) {
        const configurations = get(resource.props, "encryptionConfigurations");
        if (isUnknown(configurations)) return;
        const types = (asArray(configurations) ?? []).map((c) => get(c, "encryptionType"));
        if (types.some((t) => isUnknown(t) || ["KMS", "KMS_DSSE"].includes(asString(t) ?? ""))) return;
        report('Set encryptionConfigurations to [{ encryptionType: "KMS", kmsKey }] with a customer managed key (only possible when the repository is created).');
    },
});
