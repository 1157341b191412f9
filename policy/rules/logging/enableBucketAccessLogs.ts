import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument } from "../../lib/iam";
import { stackRule } from "../../lib/rule";
import { propsOf } from "../../lib/stack";
import { get, UNKNOWN } from "../../lib/values";
import { bucketsOf, BUCKET_TYPES, companionsOf, inlineBlocks, LOGGING_TYPES } from "../reachability/buckets";
import { linksFrom } from "../reachability/links";

const LOG_WRITERS = /^(logging\.s3|delivery\.logs|cloudtrail)\.amazonaws\.com$/;

/**
 * Whether a bucket receives logs (a logging target, or one whose policy lets a log service write):
 * logging it would loop. "unknown" while its policy is not known (preview): it might be one.
 */
function isLogBucket(resources: PolicyResource[], bucket: PolicyResource): boolean | "unknown" {
    const target = linksFrom(resources, LOGGING_TYPES, "targetBucket", BUCKET_TYPES).referrers.has(bucket.urn);
    if (target) return true;
    let unknown = false;
    for (const holder of [bucket, ...companionsOf(resources, bucket, "aws:s3/bucketPolicy:BucketPolicy").found]) {
        const doc = parsePolicyDocument(get(propsOf(holder), "policy"));
        if (doc === undefined || isParseError(doc)) continue;
        if (typeof doc === "symbol" || doc.unknownStatements > 0) unknown = true;
        if (typeof doc === "symbol") continue;
        if (doc.statements.some((s) => s.effect === "Allow" && (s.principals?.service ?? []).some((svc) => LOG_WRITERS.test(svc)))) return true;
    }
    return unknown ? "unknown" : false;
}

export const enableBucketAccessLogs = stackRule({
    name: "s3-enable-bucket-access-logs",
    category: "logging",
    description: "S3 buckets should record server access logs.",
    what: "Each Bucket that is not itself a log destination should be the `bucket` of a BucketLogging (or set its own `logging`). Buckets that receive logs (a BucketLogging targetBucket, or a policy admitting logging.s3, delivery.logs or cloudtrail) are skipped.",
    why: "Access logs name who read or deleted which object; CloudTrail data events do the same at a higher price, and without either a leak cannot be scoped.",
    fix: "Add aws.s3.BucketLogging({ bucket: bucket.id, targetBucket: logBucket.id, targetPrefix: `${name}/` }).",
    frameworks: { cis: ["3.4"], fsbp: ["S3.9"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    validate({ resources }, report) {
        for (const bucket of bucketsOf(resources)) {
            const own = inlineBlocks(bucket, "logging");
            if (own === UNKNOWN || own.some((block) => get(block, "targetBucket") !== undefined)) continue;
            const logging = companionsOf(resources, bucket, LOGGING_TYPES);
            if (logging.found.length > 0 || logging.maybe || isLogBucket(resources, bucket) !== false) continue;
            report(bucket, `Add a BucketLogging for bucket "${bucket.name}" that writes to a log bucket.`);
        }
    },
});
