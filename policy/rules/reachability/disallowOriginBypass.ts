import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument } from "../../lib/iam";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, get, isUnknown } from "../../lib/values";
import { flagsOff } from "../exposure/configurePublicAccessBlock";
import { BUCKET_TYPES, companionsOf } from "./buckets";
import { describe } from "./links";
import { FUNCTION_URL, OAC, originDependencies, originsOf } from "./origins";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

function oacTypes(distribution: PolicyResource): (string | "unknown")[] {
    return originDependencies(distribution, OAC).map((o) => {
        const type = get(propsOf(o), "originAccessControlOriginType");
        return isUnknown(type) ? "unknown" : (asString(type) ?? "");
    });
}

/**
 * Why a bucket can still be read without CloudFront, if it can: `open` grants reach others today;
 * `unguarded` only leave the public access block off, which exposes nothing by itself (new buckets
 * are blocked by default since April 2023, and an open grant is listed apart).
 */
function bucketOpenings(resources: PolicyResource[], bucket: PolicyResource): { open: string[]; unguarded: string[] } {
    const openings: string[] = [];
    const open: string[] = [];
    const account = resourcesOfType(resources, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").some((a) => flagsOff(propsOf(a)).length === 0);
    if (!account) {
        const blocks = companionsOf(resources, bucket, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        if (blocks.found.length === 0 && !blocks.maybe) openings.push("it has no public access block");
        for (const block of blocks.found) {
            const off = flagsOff(propsOf(block));
            if (off.length > 0) openings.push(`its public access block leaves ${off.join(", ")} off`);
        }
    }
    for (const holder of [bucket, ...companionsOf(resources, bucket, "aws:s3/bucketPolicy:BucketPolicy").found]) {
        const doc = parsePolicyDocument(get(propsOf(holder), "policy"));
        if (!doc || typeof doc === "symbol" || isParseError(doc)) continue;
        const isOpen = doc.statements.some((s) => s.effect === "Allow" && s.principals?.anyone && Object.keys(s.conditions).length === 0);
        if (isOpen) open.push('its policy allows Principal "*" without a condition');
    }
    return { open, unguarded: openings };
}

export const disallowOriginBypass = stackRule({
    name: "cloudfront-disallow-origin-bypass",
    category: "exposure",
    description: "CloudFront origins must not be callable around CloudFront.",
    what: 'For each Distribution, the resources its origins depend on: a Lambda FunctionUrl must use authorizationType AWS_IAM and the distribution must sign with an origin access control of type "lambda"; an S3 bucket origin needs an origin access control of type "s3" (or a legacy identity) and must not be public (public access block complete, no unconditioned "*" policy). Origins on a *.lambda-url.* domain outside the stack need an originAccessControlId.',
    why: "An origin that answers the internet directly skips the WAF, the cache, the rate limits and the access logs: attackers go around the front door, and every request bills the function.",
    fix: 'Set the function URL\'s authorizationType to "AWS_IAM" and give its origin an OriginAccessControl (originAccessControlOriginType "lambda", signingBehavior "always"); for S3 use an "s3" origin access control, a complete public access block and a bucket policy for cloudfront.amazonaws.com with aws:SourceArn.',
    frameworks: { fsbp: ["CloudFront.13", "Lambda.1", "S3.8"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    hardening: "a bucket whose only opening is a missing or incomplete public access block (AWS blocks new buckets by default since April 2023)",
    validate({ resources }, report) {
        for (const distribution of resourcesOfType(resources, DISTRIBUTION)) {
            const oacs = oacTypes(distribution);
            const signs = (kind: string) => oacs.includes(kind) || oacs.includes("unknown");
            for (const url of originDependencies(distribution, FUNCTION_URL)) {
                if (asString(get(propsOf(url), "authorizationType")) === "NONE") {
                    report(url, `Set authorizationType of ${describe(url)} to "AWS_IAM": with NONE anyone can call it without going through distribution "${distribution.name}".`);
                }
                if (!signs("lambda")) {
                    report(distribution, `Give the origin for ${describe(url)} an origin access control of type "lambda" on distribution "${distribution.name}", and require AWS_IAM on the URL.`);
                }
            }
            for (const origin of originsOf(distribution)) {
                const domain = asString(get(origin, "domainName"));
                if (domain?.includes(".lambda-url.") && get(origin, "originAccessControlId") === undefined) {
                    report(distribution, `Set originAccessControlId (type "lambda") on origin "${asString(get(origin, "originId")) ?? domain}" and require AWS_IAM on that function URL.`);
                }
            }
            const buckets = dependenciesOfTypes(distribution, BUCKET_TYPES);
            const hasIdentity = originsOf(distribution).some((o) => get(o, "s3OriginConfig", "originAccessIdentity") !== undefined);
            for (const bucket of buckets) {
                if (!signs("s3") && !hasIdentity) {
                    report(distribution, `Give the origin for ${describe(bucket)} an origin access control of type "s3" on distribution "${distribution.name}": without one the bucket must be public to serve.`);
                }
                const { open, unguarded } = bucketOpenings(resources, bucket);
                const openings = [...unguarded, ...open];
                if (openings.length > 0) report(bucket, `Make ${describe(bucket)} private so only distribution "${distribution.name}" reads it: ${openings.join("; ")}.`, { hardening: open.length === 0 });
            }
        }
    },
});

function dependenciesOfTypes(distribution: PolicyResource, types: string[]): PolicyResource[] {
    return types.flatMap((t) => originDependencies(distribution, t));
}
