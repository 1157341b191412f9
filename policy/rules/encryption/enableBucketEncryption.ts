import { stackRule } from "../../lib/rule";
import { propsOf } from "../../lib/stack";
import { asArray, asString, get, isUnknown } from "../../lib/values";
import { bucketsOf, companionsOf } from "../reachability/buckets";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/** The default-encryption algorithms of a rules list (inline on the bucket or on the separate resource). */
function algorithmsOf(rules: unknown): (string | "unknown")[] {
    if (isUnknown(rules)) return ["unknown"];
    const list = asArray(rules as never) ?? (rules !== undefined ? [rules] : []);
    return list.map((rule) => {
        const algorithm = get(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm");
        return isUnknown(algorithm) ? "unknown" : (asString(algorithm) ?? "none");
    });
}

export const enableBucketEncryption = stackRule({
    name: "s3-enable-bucket-encryption",
    category: "encryption",
    description: "S3 buckets must encrypt objects by default with KMS.",
    what: "Each Bucket needs default encryption with sseAlgorithm aws:kms (or aws:kms:dsse): a BucketServerSideEncryptionConfiguration whose `bucket` is that bucket, or the bucket's own serverSideEncryptionConfiguration. With `allowS3ManagedKeys`, AES256 (SSE-S3) passes too.",
    why: "AWS applies SSE-S3 to every new object, but SSE-S3 decrypts for anyone with s3:GetObject; with SSE-KMS a leaked bucket grant is not enough, key use is logged, and the key can be revoked.",
    fix: 'Add aws.s3.BucketServerSideEncryptionConfiguration({ bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] }).',
    frameworks: { fsbp: ["S3.17"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    config: {
        allowS3ManagedKeys: { type: "boolean", default: false, description: "Accept SSE-S3 (AES256) as well as SSE-KMS." },
    },
    validate({ resources, config }, report) {
        const accepted = config.allowS3ManagedKeys === true ? [...KMS_ALGORITHMS, "AES256"] : KMS_ALGORITHMS;
        for (const bucket of bucketsOf(resources)) {
            const configs = companionsOf(resources, bucket, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
            const algorithms = [
                ...configs.found.flatMap((c) => algorithmsOf(get(propsOf(c), "rules"))),
                ...algorithmsOf(get(propsOf(bucket), "serverSideEncryptionConfiguration", "rules")),
            ];
            if (algorithms.includes("unknown") || algorithms.some((a) => accepted.includes(a))) continue;
            if (configs.found.length === 0 && configs.maybe) continue;
            const found = algorithms.filter((a) => a !== "none");
            const what = found.length > 0 ? `it uses ${found.join(", ")}` : "it declares no default encryption";
            report(configs.found[0] ?? bucket, `Encrypt bucket "${bucket.name}" by default with sseAlgorithm "aws:kms" and a customer managed key: ${what}.`);
        }
    },
});
