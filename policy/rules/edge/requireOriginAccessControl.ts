import { resourceRule } from "../../lib/rule";
import { asArray, asString, get } from "../../lib/values";
import { DISTRIBUTION } from "./behaviors";

/** `bucket.s3.amazonaws.com`, `bucket.s3.us-east-1.amazonaws.com` (not website endpoints, which are custom origins). */
const S3_REST_HOST = /\.s3(\.dualstack)?(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

export const requireOriginAccessControl = resourceRule({
    name: "cloudfront-distribution-require-origin-access-control",
    category: "exposure",
    description: "S3 origins must be reached through an origin access control.",
    what: "Origins that are S3 buckets (an s3OriginConfig, or a domainName on an S3 REST endpoint) without originAccessControlId; a legacy origin access identity (s3OriginConfig.originAccessIdentity) is reported as well.",
    why: "Without OAC the bucket must be public for CloudFront to read it, so anyone can fetch objects around the CDN (and its WAF); OAI does not support SSE-KMS or new regions.",
    fix: 'Create an aws.cloudfront.OriginAccessControl (originAccessControlOriginType "s3", signingBehavior "always"), set originAccessControlId, and let the bucket policy admit cloudfront.amazonaws.com with aws:SourceArn of the distribution.',
    frameworks: { fsbp: ["CloudFront.13"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    hardening: "an origin still on a legacy origin access identity (the bucket stays private)",
    types: [DISTRIBUTION],
    validate(resource, report) {
        for (const origin of asArray(get(resource.props, "origins")) ?? []) {
            const id = asString(get(origin, "originId")) ?? "?";
            const domain = asString(get(origin, "domainName"));
            const isS3 = get(origin, "s3OriginConfig") !== undefined || (domain !== undefined && S3_REST_HOST.test(domain));
            if (!isS3 || get(origin, "originAccessControlId") !== undefined) continue;
            const legacy = get(origin, "s3OriginConfig", "originAccessIdentity") !== undefined;
            if (legacy) report(`Replace the origin access identity of origin "${id}" with an origin access control (originAccessControlId).`, { hardening: true });
            else report(`Set originAccessControlId on S3 origin "${id}" and keep the bucket private.`);
        }
    },
});
