/**
 * Generated inputs: every valid combination resolves to what was asked, and any single bad field
 * fails with a ConfigError that names that field.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import { ConfigError } from "../../stacks/errors";
import {
    CACHE_ENGINE_VERSIONS, CACHE_NODE_TYPES, INTERFACE_ENDPOINT_SERVICES, KEY_LAYOUTS, LOG_RETENTION_DAYS, MAXMEMORY_POLICIES,
    NAT_INSTANCE_COUNTS, NAT_INSTANCE_TYPES, NAT_STRATEGIES, PRICE_CLASSES, SECTION_NAMES, SECTION_RULES, WAF_MODES,
} from "../../stacks/settings";
import { resolve, Values } from "./helpers";

const retention = fc.constantFrom(...LOG_RETENTION_DAYS);

/** Valid config for a stack of the given profile; cross-field rules are met by construction. */
function validValues(profile: "dev" | "prod"): fc.Arbitrary<Values> {
    const prod = profile === "prod";
    const network = fc
        .record({
            third: fc.integer({ min: 0, max: 255 }),
            prefix: fc.integer({ min: 16, max: 23 }),
            azCount: fc.integer({ min: prod ? 2 : 1, max: 6 }),
            natStrategy: fc.constantFrom(...NAT_STRATEGIES),
            natInstanceCount: fc.constantFrom(...NAT_INSTANCE_COUNTS),
            natInstanceType: fc.constantFrom(...NAT_INSTANCE_TYPES),
            interfaceEndpoints: fc.subarray([...INTERFACE_ENDPOINT_SERVICES]),
            flowLogRetentionDays: retention,
        })
        .map(({ third, prefix, natStrategy, interfaceEndpoints, ...rest }) => {
            const block = third & (0xff << (24 - prefix)) & 0xff;
            const endpoints = natStrategy === "none" && !interfaceEndpoints.includes("secretsmanager")
                ? [...interfaceEndpoints, "secretsmanager"]
                : interfaceEndpoints;
            return { ...rest, cidr: `10.${block}.0.0/${prefix}`, natStrategy, interfaceEndpoints: endpoints };
        });
    const timing = fc.integer({ min: 2, max: 60 }).chain((origin) =>
        fc.integer({ min: 1, max: origin - 1 }).chain((timeout) =>
            fc.record({
                origin: fc.constant(origin),
                timeout: fc.constant(timeout),
                redisTimeoutMs: fc.integer({ min: 5, max: Math.min(1000, timeout * 1000 - 1) }),
                upstreamTimeoutMs: fc.integer({ min: 100, max: Math.min(899_000, timeout * 1000 - 1) }),
            }),
        ),
    );
    const engine = fc.constantFrom("valkey" as const, "redis" as const).chain((name) =>
        fc.record({ engine: fc.constant(name), engineVersion: fc.constantFrom(...CACHE_ENGINE_VERSIONS[name]) }),
    );
    return fc
        .record({
            network,
            timing,
            engine,
            api: fc.record({
                memoryMb: fc.integer({ min: 128, max: 10240 }),
                canaryPercent: fc.double({ min: 0, max: 50, noNaN: true }),
                cacheTtlSeconds: fc.integer({ min: 1, max: 86400 }),
                logRetentionDays: retention,
                reservedConcurrency: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
                stableVersion: fc.integer({ min: 1, max: 500 }).map(String),
            }),
            cache: fc.record({
                // prod refuses burstable (cache.t*) nodes.
                nodeType: fc.constantFrom(...CACHE_NODE_TYPES.filter((t) => !prod || !t.startsWith("cache.t"))),
                replicas: fc.integer({ min: prod ? 1 : 0, max: 5 }),
                snapshotRetentionDays: fc.integer({ min: prod ? 7 : 0, max: 35 }),
                maxmemoryPolicy: fc.constantFrom(...MAXMEMORY_POLICIES),
                serverless: fc.boolean(),
            }),
            cdn: fc.record({
                priceClass: fc.constantFrom(...PRICE_CLASSES),
                wafMode: fc.constantFrom(...WAF_MODES),
                rateLimitPer5Min: fc.integer({ min: 10, max: 2_000_000_000 }),
                apiCacheTtlSeconds: fc.integer({ min: 0, max: 3600 }),
                staticAssets: fc.boolean(),
            }),
            security: fc.record({
                kmsDeletionWindowDays: fc.integer({ min: 7, max: 30 }),
                alertEmails: fc.uniqueArray(fc.constantFrom("a@example.com", "ops@example.org", "x.y+z@sub.example.net"), { maxLength: 3 }),
                ownAccountServices: fc.boolean(),
                keyLayout: prod ? fc.constant("perPurpose") : fc.constantFrom(...KEY_LAYOUTS),
            }),
            monitoring: fc.record({
                hitRateThreshold: fc.double({ min: 0, max: 100, noNaN: true }),
                durationAlarmPercent: fc.integer({ min: 50, max: 100 }),
                cdn5xxRatePercent: fc.double({ min: 0.01, max: 100, noNaN: true }),
            }),
        })
        .map(({ network, timing, engine, api, cache, cdn, security, monitoring }) => ({
            network,
            api: { ...api, timeoutSeconds: timing.timeout, redisTimeoutMs: timing.redisTimeoutMs, upstreamTimeoutMs: timing.upstreamTimeoutMs },
            // ElastiCache Serverless runs Redis OSS 7 and Valkey only (a rule of the settings).
            cache: { ...cache, ...engine, ...(cache.serverless && engine.engine === "redis" && engine.engineVersion.startsWith("6.") ? { engineVersion: "7.1" } : {}) },
            cdn: { ...cdn, originReadTimeoutSeconds: timing.origin },
            security,
            monitoring,
        }));
}

describe("stacks: properties", () => {
    for (const profile of ["dev", "prod"] as const) {
        it(`every valid ${profile} combination resolves to exactly the values given`, () => {
            fc.assert(
                fc.property(validValues(profile), (values) => {
                    const settings = resolve(values, profile) as unknown as Record<string, Record<string, unknown>>;
                    for (const [section, fields] of Object.entries(values)) {
                        for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
                            assert.deepStrictEqual(settings[section][field], value, `${section}.${field}`);
                        }
                    }
                    assert.ok(Object.isFrozen(settings.network.interfaceEndpoints));
                }),
                { numRuns: 200 },
            );
        });
    }

    it("any single bad field fails with a ConfigError naming that field and the stack file", () => {
        const fields = SECTION_NAMES.flatMap((section) => Object.keys(SECTION_RULES[section]).map((field) => ({ section, field })));
        const junk = fc.oneof(
            fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }),
            fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
        );
        fc.assert(
            fc.property(fc.constantFrom(...fields), junk, fc.constantFrom("dev", "prod"), ({ section, field }, value, stack) => {
                const rule = (SECTION_RULES[section] as unknown as Record<string, { parse(v: unknown): { ok: boolean } }>)[field];
                fc.pre(!rule.parse(value).ok);
                try {
                    resolve({ [section]: { [field]: value } }, stack);
                    assert.fail(`${section}.${field} = ${JSON.stringify(value)} was accepted`);
                } catch (error) {
                    assert.ok(error instanceof ConfigError, String(error));
                    assert.ok(error.key.startsWith(`bulwark:${section}.${field}`), `${error.key} for ${section}.${field}`);
                    assert.ok(error.message.includes(`(stack file Pulumi.${stack}.yaml)`), error.message);
                }
            }),
            { numRuns: 500 },
        );
    });
});
