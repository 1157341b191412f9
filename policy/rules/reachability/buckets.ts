/**
 * S3 buckets in the v7 provider keep their settings on separate resources (public access block,
 * encryption, policy, logging...), each pointing back through its `bucket` input. Stack rules join them
 * here, through propertyDependencies first so that a preview (bucket names unknown) joins them too.
 */
import type { PolicyResource } from "@pulumi/policy";
import { resourcesOfType } from "../../lib/stack";
import { linksOf } from "./links";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export interface Companions {
    found: PolicyResource[];
    /** A companion of this type points at a bucket the stack cannot tell yet: it might be this one. */
    maybe: boolean;
}

/** The `type` resources whose `property` (default `bucket`) names this bucket. */
export function companionsOf(resources: PolicyResource[], bucket: PolicyResource, type: string, property = "bucket"): Companions {
    const found: PolicyResource[] = [];
    let maybe = false;
    for (const candidate of resourcesOfType(resources, type)) {
        const link = linksOf(resources, candidate, property, BUCKET_TYPES);
        if (link.targets.some((t) => t.urn === bucket.urn)) found.push(candidate);
        else if (link.unresolved) maybe = true;
    }
    return { found, maybe };
}

export function bucketsOf(resources: PolicyResource[]): PolicyResource[] {
    return resourcesOfType(resources, ...BUCKET_TYPES);
}
