import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { get, isUnknown } from "../../lib/values";
import { bucketPolicyGrants, bucketsOf, companionsOf } from "../reachability/buckets";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Flags not set to true (unknown flags are given the benefit of the doubt). */
export function flagsOff(props: unknown): string[] {
    return FLAGS.filter((flag) => get(props, flag) !== true && !isUnknown(get(props, flag)));
}

export const configurePublicAccessBlock = stackRule({
    name: "s3-bucket-configure-public-access-block",
    category: "exposure",
    description: "Every S3 bucket must have a public access block with all four settings on.",
    what: "Each Bucket must be the `bucket` of a BucketPublicAccessBlock whose blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets are all true; an AccountPublicAccessBlock in the stack with all four true covers every bucket.",
    why: 'Without the block, one ACL or bucket policy statement for "*" publishes the bucket\'s objects; the block makes that mistake impossible rather than merely unlikely.',
    fix: "Add aws.s3.BucketPublicAccessBlock({ bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }).",
    frameworks: { fsbp: ["S3.1", "S3.8"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    awsDefault: "New buckets have all four Block Public Access settings on and ACLs disabled (since April 2023), so a bucket with no BucketPublicAccessBlock is blocked.",
    hardening: "a bucket with no public access block (AWS blocks by default), or with settings off while its policy admits nobody or only CloudFront (an OAC or OAI)",
    validate({ resources }, report) {
        const account = resourcesOfType(resources, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
        if (account.some((a) => flagsOff(propsOf(a)).length === 0)) return;
        for (const bucket of bucketsOf(resources)) {
            const blocks = companionsOf(resources, bucket, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
            if (blocks.found.length === 0) {
                if (!blocks.maybe) report(bucket, `Add a BucketPublicAccessBlock for bucket "${bucket.name}" with all four settings true.`, { hardening: true });
                continue;
            }
            for (const block of blocks.found) {
                const off = flagsOff(propsOf(block));
                if (off.length === 0) continue;
                // Turning the block off exposes nothing by itself: only a grant to others through it does.
                // A policy not known yet (a preview) is not assumed open: the deployment decides the level.
                const grants = bucketPolicyGrants(resources, bucket);
                report(block, `Set ${off.join(", ")} to true on the public access block of bucket "${bucket.name}".`, { hardening: grants !== "other" });
            }
        }
    },
});
