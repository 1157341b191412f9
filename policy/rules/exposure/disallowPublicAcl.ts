import { resourceRule } from "../../lib/rule";
import { asArray, asString, get } from "../../lib/values";
import { ACL_TYPES, BUCKET_TYPES } from "../reachability/buckets";

/** Canned ACLs that grant access to everyone or to every AWS account. */
const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
/** The grantee groups behind them. */
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/** Grantee URIs: a Bucket's `grants[].uri`, a BucketAcl's `accessControlPolicy.grants[].grantee.uri`. */
function publicGrants(type: string, props: unknown): string[] {
    const onBucket = BUCKET_TYPES.includes(type);
    const grants = asArray(onBucket ? get(props, "grants") : get(props, "accessControlPolicy", "grants")) ?? [];
    return grants.flatMap((grant) => {
        const uri = asString(onBucket ? get(grant, "uri") : get(grant, "grantee", "uri"));
        return uri && PUBLIC_GROUPS.test(uri) ? [uri.split("/").pop()!] : [];
    });
}

export const disallowPublicAcl = resourceRule({
    name: "s3-bucket-disallow-public-acl",
    category: "exposure",
    description: "S3 bucket ACLs must not grant access to everyone or to every AWS account.",
    what: 'Buckets and BucketAcl / BucketAclV2 resources with the canned ACL "public-read", "public-read-write" or "authenticated-read", or with a grant (grants, accessControlPolicy.grants) to the AllUsers or AuthenticatedUsers group.',
    why: "A public ACL publishes every object in the bucket (and with write, lets anyone upload or overwrite them); AuthenticatedUsers means any AWS account, not yours.",
    fix: 'Remove the ACL (keep objectOwnership "BucketOwnerEnforced", which disables ACLs) and serve public content through CloudFront with an origin access control.',
    frameworks: { fsbp: ["S3.2", "S3.3", "S3.12"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    types: [...BUCKET_TYPES, ...ACL_TYPES],
    validate(resource, report) {
        const acl = asString(get(resource.props, "acl"));
        if (acl && PUBLIC_CANNED_ACLS.includes(acl)) {
            report(`Remove the "${acl}" ACL and disable ACLs with objectOwnership "BucketOwnerEnforced": it makes the bucket's objects ${acl === "authenticated-read" ? "readable by every AWS account" : "public"}.`);
        }
        const groups = publicGrants(resource.type, resource.props);
        if (groups.length > 0) report(`Remove the ACL grants to ${[...new Set(groups)].join(" and ")}: they open the bucket to everyone outside your account.`);
    },
});
