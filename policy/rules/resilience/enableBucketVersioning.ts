import { stackRule } from "../../lib/rule";
import { propsOf } from "../../lib/stack";
import { asString, get, isUnknown, UNKNOWN } from "../../lib/values";
import { bucketsOf, companionsOf, inlineBlocks, VERSIONING_TYPES } from "../reachability/buckets";

export const enableBucketVersioning = stackRule({
    name: "s3-enable-bucket-versioning",
    category: "resilience",
    description: "S3 buckets should keep object versions.",
    what: 'Each Bucket should be the `bucket` of a BucketVersioning (or BucketVersioningV2) whose versioningConfiguration.status is "Enabled", or set its own versioning.enabled.',
    why: "Without versioning, an overwrite or delete (a bug, a leaked key, ransomware) destroys the only copy of an object; with it, the previous version is one restore away.",
    fix: 'Add aws.s3.BucketVersioning({ bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }) and a lifecycle rule expiring noncurrent versions.',
    frameworks: { fsbp: ["S3.14"], soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    validate({ resources }, report) {
        for (const bucket of bucketsOf(resources)) {
            const own = inlineBlocks(bucket, "versioning");
            if (own === UNKNOWN || own.some((block) => { const enabled = get(block, "enabled"); return enabled === true || isUnknown(enabled); })) continue;
            const configs = companionsOf(resources, bucket, VERSIONING_TYPES);
            if (configs.found.length === 0 && configs.maybe) continue;
            const statuses = configs.found.map((c) => get(propsOf(c), "versioningConfiguration", "status"));
            if (statuses.some((s) => isUnknown(s) || asString(s) === "Enabled")) continue;
            report(configs.found[0] ?? bucket, `Enable versioning on bucket "${bucket.name}" (a BucketVersioning with status "Enabled") so an overwrite or delete can be undone.`);
        }
    },
});
