/**
 * S3 buckets in the v7 provider keep their settings on separate resources (public access block,
 * encryption, policy, logging...), each pointing back through its `bucket` input. Stack rules join them
 * here, through propertyDependencies first so that a preview (bucket names unknown) joins them too.
 */
import type { PolicyResource } from "@pulumi/policy";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asArray, get, isUnknown, UNKNOWN, Unknown } from "../../lib/values";
import { linksFrom } from "./links";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

// v7 keeps the v6 "V2" companions as resources of their own type; programs ported from v6 use them.
export const ENCRYPTION_CONFIG_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
export const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
export const ACL_TYPES = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];

export interface Companions {
    found: PolicyResource[];
    /** A companion of this type points at a bucket the stack cannot tell yet: it might be this one. */
    maybe: boolean;
}

/** The resources of `type` (or of any of the types) whose `property` (default `bucket`) names this bucket. */
export function companionsOf(resources: PolicyResource[], bucket: PolicyResource, type: string | string[], property = "bucket"): Companions {
    // An unresolved link reaches no bucket, so `maybe` holds whichever bucket is asked about.
    const links = linksFrom(resources, Array.isArray(type) ? type : [type], property, BUCKET_TYPES);
    return { found: [...(links.referrers.get(bucket.urn) ?? [])], maybe: links.unresolved };
}

/**
 * A bucket's own (deprecated, inline) block: `aws.s3.Bucket` holds one object (`logging`,
 * `versioning`), `aws.s3.BucketV2` a list under the plural name (`loggings`, `versionings`), as
 * @pulumi/aws 7.48 types them. `UNKNOWN` when the block is not known yet.
 */
export function inlineBlocks(bucket: PolicyResource, block: "logging" | "versioning"): unknown[] | Unknown {
    const value = bucket.type === "aws:s3/bucketV2:BucketV2" ? get(propsOf(bucket), `${block}s`) : get(propsOf(bucket), block);
    if (isUnknown(value)) return UNKNOWN;
    if (value === undefined) return [];
    return asArray(value) ?? [value];
}

/**
 * The `applyServerSideEncryptionByDefault` blocks of a bucket's inline encryption:
 * `serverSideEncryptionConfiguration.rule` (one object) on `aws.s3.Bucket`, and
 * `serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[]` on `aws.s3.BucketV2`.
 */
export function inlineEncryptionDefaults(bucket: PolicyResource): unknown[] | Unknown {
    const props = propsOf(bucket);
    if (bucket.type !== "aws:s3/bucketV2:BucketV2") {
        const rule = get(props, "serverSideEncryptionConfiguration", "rule");
        if (isUnknown(rule)) return UNKNOWN;
        const defaults = get(rule, "applyServerSideEncryptionByDefault");
        if (isUnknown(defaults)) return UNKNOWN;
        return defaults === undefined ? [] : [defaults];
    }
    const found: unknown[] = [];
    const configs = get(props, "serverSideEncryptionConfigurations");
    if (isUnknown(configs)) return UNKNOWN;
    for (const config of asArray(configs) ?? []) {
        const rules = get(config, "rules");
        if (isUnknown(rules)) return UNKNOWN;
        for (const rule of asArray(rules) ?? []) {
            const defaults = get(rule, "applyServerSideEncryptionByDefaults");
            if (isUnknown(defaults)) return UNKNOWN;
            found.push(...(asArray(defaults) ?? []));
        }
    }
    return found;
}

export function bucketsOf(resources: PolicyResource[]): PolicyResource[] {
    return resourcesOfType(resources, ...BUCKET_TYPES);
}
