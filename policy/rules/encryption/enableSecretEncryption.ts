import { resourceRule } from "../../lib/rule";
import { asString, get } from "../../lib/values";

export const enableSecretEncryption = resourceRule({
    name: "secretsmanager-enable-secret-encryption",
    category: "encryption",
    description: "Secrets Manager secrets must be encrypted with a customer managed KMS key.",
    what: 'Secrets without kmsKeyId, or with the AWS managed key "alias/aws/secretsmanager".',
    why: "The AWS managed key's policy admits every principal of the account that may call Secrets Manager; a customer managed key lets the key policy decide who can decrypt, and works across accounts.",
    fix: "Set kmsKeyId to a customer managed key whose policy grants decrypt only to the roles that read the secret (via kms:ViaService).",
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "Secrets Manager always encrypts secret values, with the aws/secretsmanager AWS managed key when kmsKeyId is not set.",
    types: ["aws:secretsmanager/secret:Secret"],
    validate(resource, report) {
        const key = get(resource.props, "kmsKeyId");
        if (key === undefined || /alias\/aws\/secretsmanager$/.test(asString(key) ?? "")) {
            report("Set kmsKeyId to a customer managed KMS key: the AWS managed key cannot restrict who decrypts.");
        }
    },
});
