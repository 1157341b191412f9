/**
 * S3 buckets in the v7 provider keep their settings on separate resources (public access block,
 * encryption, policy, logging...), each pointing back through its `bucket` input. Stack rules join them
 * here, through propertyDependencies first so that a preview (bucket names unknown) joins them too.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument, Statement } from "../../lib/iam";
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

export const WEBSITE_TYPES = ["aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration", "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2"];

/**
 * Whether S3 serves the bucket as a static website (its own `website`/`websites` block, or a
 * BucketWebsiteConfiguration): the website endpoint speaks HTTP only, so a TLS-only policy breaks it.
 */
export function isWebsiteBucket(resources: PolicyResource[], bucket: PolicyResource): boolean {
    const own = bucket.type === "aws:s3/bucketV2:BucketV2" ? get(propsOf(bucket), "websites") : get(propsOf(bucket), "website");
    if (own !== undefined) return true;
    return companionsOf(resources, bucket, WEBSITE_TYPES).found.length > 0;
}

const OAI_PRINCIPAL = /^arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity /;

/**
 * An Allow statement for CloudFront alone: the service tied to a distribution by aws:SourceArn (or
 * aws:SourceAccount), as an origin access control's policy is, or origin access identities (by ARN or
 * canonical user id).
 */
function admitsOnlyCloudFront(statement: Statement): boolean {
    const principals = statement.principals;
    if (!principals || principals.anyone || principals.federated.length > 0) return false;
    const { service, aws, canonicalUser } = principals;
    if (service.length + aws.length + canonicalUser.length === 0) return false;
    const tied = Object.values(statement.conditions).some((keys) => "aws:sourcearn" in keys || "aws:sourceaccount" in keys);
    return service.every((s) => s === "cloudfront.amazonaws.com") && (service.length === 0 || tied) && aws.every((p) => OAI_PRINCIPAL.test(p));
}

/**
 * What the bucket's policies (its own `policy` and its BucketPolicy resources) grant: "none" (no
 * policy), "cloudfront" (every Allow is for a CloudFront OAC or OAI), "other", or "unknown".
 */
export function bucketPolicyGrants(resources: PolicyResource[], bucket: PolicyResource): "none" | "cloudfront" | "other" | "unknown" {
    const holders = [bucket, ...companionsOf(resources, bucket, "aws:s3/bucketPolicy:BucketPolicy").found];
    let allows = 0;
    for (const holder of holders) {
        const doc = parsePolicyDocument(get(propsOf(holder), "policy"));
        if (doc === undefined) continue;
        if (doc === UNKNOWN || isParseError(doc) || doc.unknownStatements > 0) return "unknown";
        for (const statement of doc.statements.filter((s) => s.effect === "Allow")) {
            allows++;
            if (!admitsOnlyCloudFront(statement)) return "other";
        }
    }
    return allows === 0 ? "none" : "cloudfront";
}

export function bucketsOf(resources: PolicyResource[]): PolicyResource[] {
    return resourcesOfType(resources, ...BUCKET_TYPES);
}
