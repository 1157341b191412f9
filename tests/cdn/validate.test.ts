import * as assert from "assert";
import { Cdn, CdnArgs, validateCdnArgs } from "../../components/cdn";
import { ConfigError } from "../../stacks/errors";
import { record } from "../helpers/offline";
import { baseArgs, CERTIFICATE_ARN, EDGE_KEY_ARN } from "./helpers";

/** Every case: the argument that is wrong, and what the message must say about it. */
const BAD_ARGS: { why: string; name?: string; args: Partial<CdnArgs> & Record<string, unknown>; field: string; says: RegExp }[] = [
    { why: "an uppercase component name (it prefixes bucket names)", name: "Cdn", args: {}, field: "name", says: /"name" is "Cdn": it must be 1 to 30 lowercase/ },
    { why: "a too long component name", name: "c".repeat(31), args: {}, field: "name", says: /1 to 30 lowercase/ },
    { why: "a plain website URL as functionUrl", args: { functionUrl: "https://api.example.com/" }, field: "functionUrl", says: /it must be a Lambda function URL/ },
    { why: "an http:// function URL", args: { functionUrl: "http://abc.lambda-url.eu-west-1.on.aws/" }, field: "functionUrl", says: /Lambda function URL/ },
    { why: "a missing functionUrl", args: { functionUrl: undefined }, field: "functionUrl", says: /"functionUrl" is not set/ },
    { why: "an empty functionName", args: { functionName: "" }, field: "functionName", says: /"functionName" is "": it must be the API function's name/ },
    { why: "a functionName with spaces", args: { functionName: "my api" }, field: "functionName", says: /Lambda function name/ },
    { why: "$LATEST as the alias", args: { aliasName: "$LATEST" }, field: "aliasName", says: /"aliasName" is "\$LATEST": it must be a Lambda alias name/ },
    { why: "a version number as the alias", args: { aliasName: "3" }, field: "aliasName", says: /not \$LATEST or a version number/ },
    { why: "an unknown price class", args: { priceClass: "PriceClass_300" as any }, field: "priceClass", says: /"priceClass" is "PriceClass_300": it must be one of PriceClass_100, PriceClass_200, PriceClass_All/ },
    { why: "an unknown WAF mode", args: { wafMode: "off" as any }, field: "wafMode", says: /"wafMode" is "off": it must be one of block, count/ },
    { why: "a rate limit below AWS's minimum", args: { rateLimitPer5Min: 9 }, field: "rateLimitPer5Min", says: /"rateLimitPer5Min" is 9: it must be an integer between 10 and 2000000000/ },
    { why: "a fractional rate limit", args: { rateLimitPer5Min: 100.5 }, field: "rateLimitPer5Min", says: /an integer between 10/ },
    { why: "an origin timeout above 60", args: { originReadTimeoutSeconds: 61 }, field: "originReadTimeoutSeconds", says: /between 1 and 60/ },
    { why: "an origin timeout of 0", args: { originReadTimeoutSeconds: 0 }, field: "originReadTimeoutSeconds", says: /between 1 and 60/ },
    { why: "a negative API TTL", args: { apiCacheTtlSeconds: -1 }, field: "apiCacheTtlSeconds", says: /between 0 and 3600/ },
    { why: "an API TTL above an hour", args: { apiCacheTtlSeconds: 3601 }, field: "apiCacheTtlSeconds", says: /between 0 and 3600/ },
    { why: "a retention CloudWatch does not offer", args: { logRetentionDays: 45 as any }, field: "logRetentionDays", says: /"logRetentionDays" is 45: it must be one of the CloudWatch Logs retention periods/ },
    { why: "a domain without its certificate", args: { domainName: "api.example.com" }, field: "certificateArn", says: /"certificateArn" is not set: it must be set together with domainName/ },
    { why: "a certificate without a domain", args: { certificateArn: CERTIFICATE_ARN }, field: "domainName", says: /"domainName" is not set: it must be set together with certificateArn/ },
    { why: "an uppercase domain", args: { domainName: "API.example.com", certificateArn: CERTIFICATE_ARN }, field: "domainName", says: /a lowercase hostname/ },
    { why: "a certificate outside us-east-1", args: { domainName: "api.example.com", certificateArn: CERTIFICATE_ARN.replace("us-east-1", "eu-west-1") }, field: "certificateArn", says: /in us-east-1: CloudFront only uses certificates from that region/ },
    { why: "something that is not a certificate ARN", args: { domainName: "api.example.com", certificateArn: "cert-123" }, field: "certificateArn", says: /an ACM certificate ARN such as/ },
    { why: "Host in the cache key", args: { cacheKeyHeaders: ["Accept", "host"] }, field: "cacheKeyHeaders", says: /without Host: a function URL answers only to its own host name/ },
    { why: "Authorization in the cache key", args: { cacheKeyHeaders: ["Authorization"] }, field: "cacheKeyHeaders", says: /without Authorization/ },
    { why: "a duplicate cache key header", args: { cacheKeyHeaders: ["Accept", "accept"] }, field: "cacheKeyHeaders", says: /free of duplicates/ },
    { why: "a header name with a space", args: { cacheKeyHeaders: ["X Bad"] }, field: "cacheKeyHeaders", says: /header names only; "X Bad"/ },
    { why: "more than 10 cache key headers", args: { cacheKeyHeaders: Array.from({ length: 11 }, (_, i) => `X-H${i}`) }, field: "cacheKeyHeaders", says: /at most 10 header names/ },
    { why: "no edge key (there is no SSE-S3 fallback)", args: { edgeKmsKeyArn: undefined }, field: "edgeKmsKeyArn", says: /"edgeKmsKeyArn" is not set: it must be the ARN of a KMS key in us-east-1/ },
    { why: "an empty edge key", args: { edgeKmsKeyArn: "" }, field: "edgeKmsKeyArn", says: /"edgeKmsKeyArn" is "": it must be the ARN of a KMS key in us-east-1/ },
    { why: "an edge key outside us-east-1", args: { edgeKmsKeyArn: EDGE_KEY_ARN.replace("us-east-1", "eu-west-1") }, field: "edgeKmsKeyArn", says: /it must be a KMS key ARN in us-east-1, where the WAF log group and both buckets live/ },
    { why: "an alias ARN as the edge key", args: { edgeKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/edge" }, field: "edgeKmsKeyArn", says: /a KMS key ARN in us-east-1/ },
    { why: "settings for an edge provider (there is none: children set region and use the stack's provider)", args: { edgeProviderArgs: { profile: "other" } } as any, field: "edgeProviderArgs", says: /it must be left out/ },
    { why: "a query string name with a space", args: { cacheKeyQueryStrings: ["a b"] }, field: "cacheKeyQueryStrings", says: /parameter names only; "a b"/ },
    { why: "a duplicate query string", args: { cacheKeyQueryStrings: ["page", "page"] }, field: "cacheKeyQueryStrings", says: /free of duplicates/ },
    { why: "more than 10 query strings", args: { cacheKeyQueryStrings: Array.from({ length: 11 }, (_, i) => `q${i}`) }, field: "cacheKeyQueryStrings", says: /at most 10 names/ },
    { why: "a non-boolean staticAssets", args: { staticAssets: "yes" as any }, field: "staticAssets", says: /true or false/ },
    // There is no switch for these: an unknown argument must not be silently ignored.
    { why: "an attempt to switch the WAF off", args: { waf: false }, field: "waf", says: /"waf" is false: it must be left out: Cdn takes only functionUrl/ },
    { why: "an attempt to allow plain HTTP viewers", args: { viewerProtocolPolicy: "allow-all" }, field: "viewerProtocolPolicy", says: /"viewerProtocolPolicy" is "allow-all": it must be left out/ },
    { why: "an attempt to bring a web ACL of one's own", args: { webAclId: "" }, field: "webAclId", says: /it must be left out/ },
];

describe("validateCdnArgs", () => {
    it("applies the documented defaults", () => {
        const normalized = validateCdnArgs("cdn", baseArgs());
        assert.deepStrictEqual(
            {
                priceClass: normalized.priceClass,
                wafMode: normalized.wafMode,
                rateLimitPer5Min: normalized.rateLimitPer5Min,
                originReadTimeoutSeconds: normalized.originReadTimeoutSeconds,
                customDomain: normalized.customDomain,
                staticAssets: normalized.staticAssets,
                apiCacheTtlSeconds: normalized.apiCacheTtlSeconds,
                cacheKeyHeaders: normalized.cacheKeyHeaders,
                logRetentionDays: normalized.logRetentionDays,
                cacheKeyQueryStrings: normalized.cacheKeyQueryStrings,
                protect: normalized.protect,
                tags: normalized.tags,
            },
            {
                priceClass: "PriceClass_100",
                wafMode: "block",
                rateLimitPer5Min: 2000,
                originReadTimeoutSeconds: 30,
                customDomain: undefined,
                staticAssets: false,
                apiCacheTtlSeconds: 5,
                cacheKeyHeaders: [],
                logRetentionDays: 30,
                cacheKeyQueryStrings: [],
                protect: false,
                tags: {},
            },
        );
    });

    it("accepts the edges of every range and a custom domain with its certificate", () => {
        for (const args of [
            { rateLimitPer5Min: 10, originReadTimeoutSeconds: 1, apiCacheTtlSeconds: 0 },
            { rateLimitPer5Min: 2_000_000_000, originReadTimeoutSeconds: 60, apiCacheTtlSeconds: 3600 },
            { domainName: "api.example.com", certificateArn: CERTIFICATE_ARN },
            { functionName: "arn:aws:lambda:eu-west-1:123456789012:function:api-fn", cacheKeyHeaders: ["Accept", "CloudFront-Viewer-Country"] },
        ]) {
            assert.doesNotThrow(() => validateCdnArgs("cdn", baseArgs(args)), JSON.stringify(args));
        }
        assert.deepStrictEqual(validateCdnArgs("cdn", baseArgs({ domainName: "api.example.com", certificateArn: CERTIFICATE_ARN })).customDomain, {
            domainName: "api.example.com",
            certificateArn: CERTIFICATE_ARN,
        });
    });

    for (const bad of BAD_ARGS) {
        it(`rejects ${bad.why}, naming "${bad.field}"`, () => {
            assert.throws(
                () => validateCdnArgs(bad.name ?? "cdn", { ...baseArgs(), ...bad.args } as CdnArgs),
                (error: unknown) => {
                    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
                    assert.strictEqual(error.key, `"${bad.name ?? "cdn"}" Cdn.${bad.field}`);
                    assert.match(error.message, bad.says);
                    assert.match(error.message, /^In ".*" Cdn, ".*" is .*: it must be .*\. Pass a ".*" that meets this where the ".*" Cdn is created/);
                    return true;
                },
            );
        });
    }
});

describe("Cdn with bad arguments", () => {
    it("registers nothing, not even the component, when an argument is bad", async () => {
        const thrown: unknown[] = [];
        const rec = await record(() => {
            for (const bad of BAD_ARGS) {
                try {
                    new Cdn(bad.name ?? "cdn", { ...baseArgs(), ...bad.args } as CdnArgs);
                } catch (error) {
                    thrown.push(error);
                }
            }
        });
        assert.strictEqual(thrown.length, BAD_ARGS.length);
        assert.ok(thrown.every((e) => e instanceof ConfigError));
        assert.deepStrictEqual(rec.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type}::${r.name}`), []);
    });
});
