import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument } from "../../lib/iam";
import { stackRule } from "../../lib/rule";
import { propsOf } from "../../lib/stack";
import { asArray, asString, get, isUnknown, UNKNOWN } from "../../lib/values";
import { BUCKET_TYPES, bucketsOf, companionsOf, ENCRYPTION_CONFIG_TYPES, inlineEncryptionDefaults } from "../reachability/buckets";
import { linksFrom } from "../reachability/links";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:elb/loadBalancer:LoadBalancer"];
const ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * Whether Elastic Load Balancing writes its access or connection logs to the bucket: ELB supports only
 * SSE-S3 there, so AES256 is the right setting for such a bucket, not a weaker one.
 */
function receivesLoadBalancerLogs(resources: PolicyResource[], bucket: PolicyResource): boolean {
    const targeted = ["accessLogs", "connectionLogs"].some((property) => linksFrom(resources, LOAD_BALANCERS, property, BUCKET_TYPES, [property, "bucket"]).referrers.has(bucket.urn));
    if (targeted) return true;
    return [bucket, ...companionsOf(resources, bucket, "aws:s3/bucketPolicy:BucketPolicy").found].some((holder) => {
        const doc = parsePolicyDocument(get(propsOf(holder), "policy"));
        if (doc === undefined || typeof doc === "symbol" || isParseError(doc)) return false;
        return doc.statements.some((s) => s.effect === "Allow" && (s.principals?.service ?? []).includes(ELB_LOG_DELIVERY));
    });
}

/** The sseAlgorithm of each applyServerSideEncryptionByDefault block. */
function algorithmsOf(defaults: unknown[] | typeof UNKNOWN): (string | "unknown")[] {
    if (defaults === UNKNOWN) return ["unknown"];
    return defaults.map((block) => {
        const algorithm = get(block, "sseAlgorithm");
        return isUnknown(algorithm) ? "unknown" : (asString(algorithm) ?? "none");
    });
}

/** The rules list of a BucketServerSideEncryptionConfiguration (or its V2), as their blocks. */
function configDefaults(config: PolicyResource): unknown[] | typeof UNKNOWN {
    const rules = get(propsOf(config), "rules");
    if (isUnknown(rules)) return UNKNOWN;
    const blocks: unknown[] = [];
    for (const rule of asArray(rules) ?? []) {
        const block = get(rule, "applyServerSideEncryptionByDefault");
        if (isUnknown(block)) return UNKNOWN;
        blocks.push(block);
    }
    return blocks;
}

export const enableBucketEncryption = stackRule({
    name: "s3-enable-bucket-encryption",
    category: "encryption",
    description: "S3 buckets must encrypt objects by default with KMS.",
    what: "Each Bucket needs default encryption with sseAlgorithm aws:kms (or aws:kms:dsse): a BucketServerSideEncryptionConfiguration whose `bucket` is that bucket, or the bucket's own serverSideEncryptionConfiguration. With `allowS3ManagedKeys`, AES256 (SSE-S3) passes too, and it always does for buckets that receive load balancer access or connection logs (a LoadBalancer's accessLogs/connectionLogs bucket, or a policy admitting logdelivery.elasticloadbalancing.amazonaws.com), since ELB writes only to SSE-S3 buckets.",
    why: "AWS applies SSE-S3 to every new object, but SSE-S3 decrypts for anyone with s3:GetObject; with SSE-KMS a leaked bucket grant is not enough, key use is logged, and the key can be revoked.",
    fix: 'Add aws.s3.BucketServerSideEncryptionConfiguration({ bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] }).',
    frameworks: { fsbp: ["S3.17"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "S3 encrypts every new object with SSE-S3 (since 5 January 2023), and default encryption cannot be turned off: a customer managed key is hardening.",
    config: {
        allowS3ManagedKeys: { type: "boolean", default: false, description: "Accept SSE-S3 (AES256) as well as SSE-KMS." },
    },
    validate({ resources, config }, report) {
        for (const bucket of bucketsOf(resources)) {
            const elbLogs = receivesLoadBalancerLogs(resources, bucket);
            const accepted = config.allowS3ManagedKeys === true || elbLogs ? [...KMS_ALGORITHMS, "AES256"] : KMS_ALGORITHMS;
            const configs = companionsOf(resources, bucket, ENCRYPTION_CONFIG_TYPES);
            const algorithms = [
                ...configs.found.flatMap((c) => algorithmsOf(configDefaults(c))),
                ...algorithmsOf(inlineEncryptionDefaults(bucket)),
            ];
            if (algorithms.includes("unknown") || algorithms.some((a) => accepted.includes(a))) continue;
            if (configs.found.length === 0 && configs.maybe) continue;
            const found = algorithms.filter((a) => a !== "none");
            const what = found.length > 0 ? `it uses ${found.join(", ")}` : "it declares no default encryption";
            if (elbLogs) report(configs.found[0] ?? bucket, `Encrypt bucket "${bucket.name}" by default with sseAlgorithm "AES256", the only one Elastic Load Balancing writes its logs with: ${what}.`);
            else report(configs.found[0] ?? bucket, `Encrypt bucket "${bucket.name}" by default with sseAlgorithm "aws:kms" and a customer managed key: ${what}.`);
        }
    },
});
