import * as assert from "assert";
import fc from "fast-check";
import { CDN_ARG_NAMES, CdnArgs, MANAGED_RULE_GROUPS, validateCdnArgs } from "../../components/cdn";
import { ConfigError } from "../../stacks/errors";
import { LOG_RETENTION_DAYS, PRICE_CLASSES, WAF_MODES } from "../../stacks/types";
import { UNKNOWN } from "../helpers/offline";
import { baseArgs, CERTIFICATE_ARN, EDGE_KEY_ARN, recordCdn, T } from "./helpers";

/** Any combination of valid settings, including the extremes of every range. */
const validArgs: fc.Arbitrary<Partial<CdnArgs>> = fc.record(
    {
        priceClass: fc.constantFrom(...PRICE_CLASSES),
        wafMode: fc.constantFrom(...WAF_MODES),
        rateLimitPer5Min: fc.oneof(fc.constantFrom(10, 2_000_000_000), fc.integer({ min: 10, max: 2_000_000_000 })),
        originReadTimeoutSeconds: fc.integer({ min: 1, max: 60 }),
        staticAssets: fc.boolean(),
        apiCacheTtlSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3600 })),
        cacheKeyHeaders: fc.subarray(["Accept", "Accept-Language", "CloudFront-Viewer-Country", "X-Api-Version"]),
        logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS),
        protect: fc.boolean(),
        customDomain: fc.boolean(),
    },
    { requiredKeys: [] },
).map(({ customDomain, ...args }) => (customDomain ? { ...args, domainName: "api.example.com", certificateArn: CERTIFICATE_ARN } : args));

describe("Cdn invariants over every valid setting", () => {
    it("always has a CLOUDFRONT web ACL from us-east-1 attached, HTTPS-only viewers and signed origins", async () => {
        await fc.assert(
            fc.asyncProperty(validArgs, fc.boolean(), async (args, preview) => {
                const rec = await recordCdn(args, { preview });
                const distribution = rec.one(T.distribution);
                const inputs = distribution.inputs as any;

                const webAcl = rec.one(T.webAcl);
                assert.strictEqual(webAcl.inputs.scope, "CLOUDFRONT");
                assert.strictEqual(webAcl.inputs.region, "us-east-1");
                assert.deepStrictEqual(distribution.propertyDependencies.webAclId, [webAcl.urn]);
                assert.strictEqual(inputs.webAclId, preview ? UNKNOWN : webAcl.outputs.arn);
                const ruleNames = (webAcl.inputs.rules as any[]).map((r) => r.name);
                assert.deepStrictEqual(ruleNames, ["rate-limit-per-ip", ...MANAGED_RULE_GROUPS]);
                assert.strictEqual(rec.ofType(T.wafLogging).length, 1);

                const behaviors = [inputs.defaultCacheBehavior, ...(inputs.orderedCacheBehaviors ?? [])];
                assert.strictEqual(behaviors.length, args.staticAssets ? 2 : 1);
                for (const behavior of behaviors) assert.strictEqual(behavior.viewerProtocolPolicy, "redirect-to-https");

                const oacIds = rec.ofType(T.oac).map((o) => (preview ? UNKNOWN : o.id));
                for (const origin of inputs.origins) assert.ok(oacIds.includes(origin.originAccessControlId), `${origin.originId} is unsigned`);
                const api = inputs.origins.find((o: any) => o.originId === "api");
                assert.strictEqual(api.customOriginConfig.originProtocolPolicy, "https-only");
                assert.deepStrictEqual(api.customOriginConfig.originSslProtocols, ["TLSv1.2"]);

                const certificate = inputs.viewerCertificate;
                if (args.domainName) {
                    assert.strictEqual(certificate.minimumProtocolVersion, "TLSv1.2_2021");
                    assert.strictEqual(certificate.sslSupportMethod, "sni-only");
                } else {
                    assert.deepStrictEqual(certificate, { cloudfrontDefaultCertificate: true });
                }
                for (const permission of rec.ofType(T.permission)) {
                    assert.deepStrictEqual(permission.propertyDependencies.sourceArn, [distribution.urn]);
                }

                // Everything that stores data is in us-east-1 and encrypted with the customer managed edge key.
                const buckets = rec.ofType(T.bucket);
                assert.strictEqual(buckets.length, args.staticAssets ? 2 : 1);
                const encryption = rec.ofType(T.encryption);
                assert.strictEqual(encryption.length, buckets.length);
                for (const config of encryption) {
                    assert.deepStrictEqual(config.inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: EDGE_KEY_ARN }, bucketKeyEnabled: true }]);
                }
                assert.strictEqual(rec.one(T.logGroup).inputs.kmsKeyId, EDGE_KEY_ARN);
                const stores = [T.bucket, T.encryption, T.publicAccess, T.ownership, T.versioning, T.lifecycle, T.bucketPolicy, T.logGroup];
                for (const resource of stores.flatMap((type) => rec.ofType(type))) {
                    assert.strictEqual(resource.inputs.region, "us-east-1", resource.name);
                }
            }),
            { numRuns: 20 },
        );
    });

    it("rejects any argument Cdn does not define, so nothing can be switched off by a key it ignores", () => {
        const known = new Set<string>(CDN_ARG_NAMES);
        fc.assert(
            fc.property(
                fc.string({ minLength: 1, maxLength: 30 }).filter((key) => !known.has(key) && key !== "__proto__"),
                fc.anything(),
                (key, value) => {
                    assert.throws(
                        () => validateCdnArgs("cdn", { ...baseArgs(), [key]: value } as CdnArgs),
                        (error: unknown) => error instanceof ConfigError && error.message.includes("it must be left out"),
                    );
                },
            ),
            { numRuns: 300 },
        );
    });
});
