/**
 * Config fuzzing through the real program (index.ts under the offline engine, config handed over as
 * the Pulumi CLI hands it: namespaced keys, structured values as JSON text). tests/stacks/properties
 * already checks resolveSettings alone; this checks what a user sees:
 *
 *  - every invalid configuration stops the program with a ConfigError that names the field, and
 *    BEFORE any resource is registered (no half-built stack);
 *  - every valid configuration plans to the end with no mandatory policy finding.
 *
 * Seeds are fixed (FC_SEED overrides); fast-check prints the seed and the counterexample on failure.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { ProgramError, runProgram } from "../../tools/engine/run";
import {
    CACHE_ENGINE_VERSIONS, CACHE_NODE_TYPES, INTERFACE_ENDPOINT_SERVICES, KEY_LAYOUTS, LOG_RETENTION_DAYS, MAXMEMORY_POLICIES,
    NAT_INSTANCE_COUNTS, NAT_INSTANCE_TYPES, NAT_STRATEGIES, PRICE_CLASSES, PROD_MINIMUMS, resolveSettings, SECTION_NAMES,
    SECTION_RULES, WAF_MODES,
} from "../../stacks/settings";
import { blocking, BULWARK_PROGRAM, configWith, describeFindings, planAndCheck, seed } from "./harness";

type Stack = "dev" | "prod";

/** A bad configuration and the config keys an error about it may name (any one of them, or a path below it). */
interface BadCase {
    stack: Stack;
    what: string;
    sections: Record<string, unknown>;
    secretKeys?: string[];
    expectKeys: string[];
}

const k = (section: string, field?: string) => (field ? `bulwark:${section}.${field}` : `bulwark:${section}`);

/** What survives the trip through the stack file: JSON text. */
function throughJson(value: unknown): unknown {
    const text = JSON.stringify({ value });
    return text === undefined ? undefined : (JSON.parse(text) as { value?: unknown }).value;
}

const junk = fc.oneof(
    fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);
const stackName = fc.constantFrom<Stack>("dev", "prod");

const fields = SECTION_NAMES.flatMap((section) => Object.keys(SECTION_RULES[section]).map((field) => ({ section, field })));

const badField: fc.Arbitrary<BadCase> = fc
    .tuple(fc.constantFrom(...fields), junk, stackName)
    .map(([{ section, field }, value, stack]) => ({ section, field, value: throughJson(value), stack }))
    .filter(({ section, field, value }) => {
        const rule = (SECTION_RULES[section] as unknown as Record<string, { parse(v: unknown): { ok: boolean } }>)[field];
        return value !== undefined && !rule.parse(value).ok;
    })
    .map(({ section, field, value, stack }) => ({ stack, what: `${section}.${field} = ${JSON.stringify(value)}`, sections: { [section]: { [field]: value } }, expectKeys: [k(section, field)] }));

const unknownField: fc.Arbitrary<BadCase> = fc
    .tuple(fc.constantFrom(...SECTION_NAMES), fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/), fc.integer(), stackName)
    .filter(([section, name]) => !Object.prototype.hasOwnProperty.call(SECTION_RULES[section], name))
    .map(([section, name, value, stack]) => ({ stack, what: `unknown ${section}.${name}`, sections: { [section]: { [name]: value } }, expectKeys: [k(section, name)] }));

const sectionNotAnObject: fc.Arbitrary<BadCase> = fc
    .tuple(fc.constantFrom(...SECTION_NAMES), fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { minLength: 1, maxLength: 2 })), stackName)
    .map(([section, value, stack]) => ({ stack, what: `${section} = ${JSON.stringify(value)}`, sections: { [section]: value }, expectKeys: [k(section)] }));

const unknownTopLevel: fc.Arbitrary<BadCase> = fc
    .tuple(fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/), stackName)
    .filter(([name]) => !["profile", "protect", "tags", ...SECTION_NAMES].includes(name))
    .map(([name, stack]) => ({ stack, what: `unknown bulwark:${name}`, sections: { [name]: { enabled: true } }, expectKeys: [k(name)] }));

const secretSection: fc.Arbitrary<BadCase> = fc
    .tuple(fc.constantFrom(...SECTION_NAMES), stackName)
    .map(([section, stack]) => ({ stack, what: `bulwark:${section} set with --secret`, sections: { [section]: {} }, secretKeys: [k(section)], expectKeys: [k(section)] }));

/** Each field valid alone, the combination not. */
const crossField: fc.Arbitrary<BadCase> = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 60 }), stackName).chain(([origin, stack]) =>
        fc.integer({ min: origin, max: 900 }).map((timeout) => ({
            stack, what: `api.timeoutSeconds ${timeout} >= cdn.originReadTimeoutSeconds ${origin}`,
            sections: { api: { timeoutSeconds: timeout }, cdn: { originReadTimeoutSeconds: origin } },
            expectKeys: [k("api", "timeoutSeconds"), k("cdn", "originReadTimeoutSeconds")],
        })),
    ),
    // redisTimeoutMs is at most 1000 alone, so only a 1-second function timeout leaves it no room.
    stackName.map((stack) => ({
        stack, what: "api.redisTimeoutMs 1000 >= timeoutSeconds 1 s",
        sections: { api: { timeoutSeconds: 1, redisTimeoutMs: 1000, upstreamTimeoutMs: 500 } },
        expectKeys: [k("api", "redisTimeoutMs"), k("api", "timeoutSeconds")],
    })),
    fc.tuple(fc.subarray(INTERFACE_ENDPOINT_SERVICES.filter((s) => s !== "secretsmanager")), stackName).map(([endpoints, stack]) => ({
        stack, what: `natStrategy none with endpoints ${JSON.stringify(endpoints)}`,
        sections: { network: { natStrategy: "none", interfaceEndpoints: endpoints } },
        expectKeys: [k("network", "natStrategy"), k("network", "interfaceEndpoints")],
    })),
    fc.tuple(fc.constantFrom("valkey" as const, "redis" as const), stackName).chain(([engine, stack]) =>
        fc.constantFrom(...CACHE_ENGINE_VERSIONS[engine === "valkey" ? "redis" : "valkey"]).map((version) => ({
            stack, what: `cache.engine ${engine} with version ${version}`,
            sections: { cache: { engine, engineVersion: version } },
            expectKeys: [k("cache", "engineVersion"), k("cache", "engine")],
        })),
    ),
    stackName.map((stack) => ({
        stack, what: "serverless Redis 6.2", sections: { cache: { engine: "redis", engineVersion: "6.2", serverless: true } },
        expectKeys: [k("cache", "engineVersion"), k("cache", "serverless")],
    })),
    fc.tuple(fc.integer({ min: 0, max: 22 }), stackName).map(([hour, stack]) => {
        const hh = (h: number) => String(h).padStart(2, "0");
        return {
            stack, what: `snapshot window overlaps maintenance at ${hh(hour)}:00`,
            sections: { cache: { snapshotWindow: `${hh(hour)}:00-${hh(hour + 1)}:00`, maintenanceWindow: `sun:${hh(hour)}:30-sun:${hh(hour + 1)}:30` } },
            expectKeys: [k("cache", "maintenanceWindow"), k("cache", "snapshotWindow")],
        };
    }),
    fc.tuple(fc.boolean(), stackName).map(([domainOnly, stack]) => ({
        stack, what: domainOnly ? "cdn.domainName without certificateArn" : "cdn.certificateArn without domainName",
        sections: { cdn: domainOnly ? { domainName: "api.example.com" } : { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d" } },
        expectKeys: [k("cdn", "domainName"), k("cdn", "certificateArn")],
    })),
    fc.integer({ min: 1, max: PROD_MINIMUMS.azCount - 1 }).map((azCount) => ({
        stack: "prod" as const, what: `prod with ${azCount} AZ`, sections: { network: { azCount } }, expectKeys: [k("network", "azCount")],
    })),
    fc.integer({ min: 0, max: PROD_MINIMUMS.cacheReplicas - 1 }).map((replicas) => ({
        stack: "prod" as const, what: `prod with ${replicas} cache replicas`, sections: { cache: { replicas, serverless: false } }, expectKeys: [k("cache", "replicas")],
    })),
    fc.constantFrom(...CACHE_NODE_TYPES.filter((t) => t.startsWith("cache.t"))).map((nodeType) => ({
        stack: "prod" as const, what: `prod on a burstable ${nodeType}`, sections: { cache: { nodeType, serverless: false } }, expectKeys: [k("cache", "nodeType")],
    })),
    fc.integer({ min: 0, max: PROD_MINIMUMS.snapshotRetentionDays - 1 }).map((days) => ({
        stack: "prod" as const, what: `prod with ${days} days of snapshots`, sections: { cache: { snapshotRetentionDays: days } }, expectKeys: [k("cache", "snapshotRetentionDays")],
    })),
    stackName.map((stack) => ({
        stack, what: "existingVpcId without its subnets", sections: { network: { existingVpcId: "vpc-0123456789abcdef0" } },
        expectKeys: [k("network", "existingPrivateSubnetIds"), k("network", "existingIsolatedSubnetIds")],
    })),
);

/**
 * Rules a component checks on its arguments: its check throws only after the resources created before
 * it are registered, so the settings must reject the same combinations first.
 */
const componentOnlyRules: fc.Arbitrary<BadCase> = fc.oneof(
    fc.tuple(fc.double({ min: 0.5, max: 50, noNaN: true }), stackName).map(([percent, stack]) => ({
        stack, what: `api.canaryPercent ${percent} without api.stableVersion`,
        sections: { api: { canaryPercent: percent } },
        expectKeys: [k("api", "stableVersion"), k("api", "canaryPercent")],
    })),
    // The upstream timeout (default 3000 ms) must stay below the function's own timeout; the Function
    // checks it too, but the settings must stop it before the network and cache are registered.
    fc.tuple(fc.integer({ min: 1, max: 3 }), stackName).map(([timeout, stack]) => ({
        stack, what: `api.timeoutSeconds ${timeout} (at most the 3 s upstream timeout)`,
        sections: { api: { timeoutSeconds: timeout, redisTimeoutMs: 5 } },
        expectKeys: [k("api", "timeoutSeconds")],
    })),
);

const badCase = fc.oneof(
    { arbitrary: badField, weight: 4 },
    { arbitrary: crossField, weight: 4 },
    { arbitrary: unknownField, weight: 1 },
    { arbitrary: sectionNotAnObject, weight: 1 },
    { arbitrary: unknownTopLevel, weight: 1 },
    { arbitrary: secretSection, weight: 1 },
);

/** index.ts's program, required once (it reads config when called, not when loaded). */
function bulwarkProgram(): () => Promise<unknown> {
    return require(BULWARK_PROGRAM) as () => Promise<unknown>;
}

/** Runs index.ts with the bad config; returns the failure and every resource the program registered before it. */
async function runBad(bad: BadCase): Promise<{ error: unknown; registered: string[] }> {
    const { config, secretKeys } = configWith(bad.stack, bad.sections);
    const registered: string[] = [];
    const program = bulwarkProgram();
    try {
        await runProgram({
            program: () => {
                // Sees every resource the program creates (components and custom resources alike).
                pulumi.runtime.registerStackTransformation((args) => {
                    registered.push(`${args.type}::${args.name}`);
                    return undefined;
                });
                return program();
            },
            project: "bulwark",
            stack: bad.stack,
            config,
            secretKeys: [...secretKeys, ...(bad.secretKeys ?? [])],
        });
    } catch (error) {
        return { error, registered };
    }
    return { error: undefined, registered };
}

async function assertRejectedUpFront(bad: BadCase): Promise<void> {
    const { error, registered } = await runBad(bad);
    assert.ok(error instanceof ProgramError, `${bad.what} on ${bad.stack}: the program ran to the end`);
    const cause = error.causes[0] as { name?: string; key?: string; message?: string };
    assert.strictEqual(cause?.name, "ConfigError", `${bad.what}: the first failure is ${String(cause)}`);
    assert.deepStrictEqual(registered, [], `${bad.what}: ${registered.length} resources were registered before the error: ${registered.slice(0, 5).join(", ")}...`);
    const named = bad.expectKeys.find((key) => cause.key === key || cause.key?.startsWith(`${key}.`) || cause.key?.startsWith(`${key}[`));
    assert.ok(named, `${bad.what}: the error names ${cause.key}, expected one of ${bad.expectKeys.join(", ")}: ${cause.message}`);
    assert.ok(error.message.includes(cause.key!), `${bad.what}: the message does not name ${cause.key}: ${error.message}`);
}

const retention = fc.constantFrom(...LOG_RETENTION_DAYS);

/** Valid settings that change what gets built (topology, engines, optional features), cross-field rules met by construction. */
function validSections(stack: Stack): fc.Arbitrary<Record<string, Record<string, unknown>>> {
    const prod = stack === "prod";
    const timing = fc.integer({ min: 2, max: 60 }).chain((origin) =>
        fc.integer({ min: 1, max: origin - 1 }).chain((timeout) =>
            fc.record({ origin: fc.constant(origin), timeout: fc.constant(timeout), redisTimeoutMs: fc.integer({ min: 5, max: Math.min(1000, timeout * 1000 - 1) }), upstreamTimeoutMs: fc.integer({ min: 100, max: timeout * 1000 - 1 }) }),
        ),
    );
    const cacheShape = fc.boolean().chain((serverless) =>
        fc.constantFrom("valkey" as const, "redis" as const).chain((engine) =>
            fc.record({
                serverless: fc.constant(serverless),
                engine: fc.constant(engine),
                engineVersion: fc.constantFrom(...CACHE_ENGINE_VERSIONS[engine].filter((v) => !(serverless && v.startsWith("6.")))),
                replicas: fc.integer({ min: prod && !serverless ? PROD_MINIMUMS.cacheReplicas : 0, max: 3 }),
            }),
        ),
    );
    return fc
        .record({
            network: fc.record({
                azCount: fc.integer({ min: prod ? Math.max(PROD_MINIMUMS.azCount, 2) : 1, max: 3 }),
                natStrategy: fc.constantFrom(...NAT_STRATEGIES),
                natInstanceCount: fc.constantFrom(...NAT_INSTANCE_COUNTS),
                natInstanceType: fc.constantFrom(...NAT_INSTANCE_TYPES),
                interfaceEndpoints: fc.subarray([...INTERFACE_ENDPOINT_SERVICES], { maxLength: 4 }),
                flowLogRetentionDays: retention,
            }),
            timing,
            cacheShape,
            canary: fc.option(fc.tuple(fc.double({ min: 0.5, max: 50, noNaN: true }), fc.integer({ min: 1, max: 40 })), { nil: undefined }),
            api: fc.record({
                memoryMb: fc.integer({ min: 128, max: 4096 }),
                reservedConcurrency: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
                cacheTtlSeconds: fc.integer({ min: 1, max: 86400 }),
                logRetentionDays: retention,
            }),
            cache: fc.record({
                // prod refuses burstable (cache.t*) nodes unless the cache is serverless.
                nodeType: fc.constantFrom(...CACHE_NODE_TYPES.filter((t) => !prod || !t.startsWith("cache.t"))),
                snapshotRetentionDays: fc.integer({ min: prod ? PROD_MINIMUMS.snapshotRetentionDays : 0, max: 35 }),
                maxmemoryPolicy: fc.constantFrom(...MAXMEMORY_POLICIES),
            }),
            cdn: fc.record({
                priceClass: fc.constantFrom(...PRICE_CLASSES),
                wafMode: fc.constantFrom(...WAF_MODES),
                rateLimitPer5Min: fc.integer({ min: 100, max: 100_000 }),
                staticAssets: fc.boolean(),
                apiCacheTtlSeconds: fc.integer({ min: 0, max: 3600 }),
                logRetentionDays: retention,
            }),
            customDomain: fc.boolean(),
            security: fc.record({
                ownAccountServices: fc.boolean(),
                enableTrail: fc.boolean(),
                alertEmails: fc.subarray(["ops@example.com", "oncall@example.org"]),
                kmsDeletionWindowDays: fc.integer({ min: 7, max: 30 }),
                keyLayout: prod ? fc.constant("perPurpose") : fc.constantFrom(...KEY_LAYOUTS),
            }),
            monitoring: fc.record({ dashboard: fc.boolean(), hitRateThreshold: fc.integer({ min: 0, max: 100 }) }),
        })
        .map(({ network, timing, cacheShape, canary, api, cache, cdn, customDomain, security, monitoring }) => ({
            network: {
                ...network,
                // Without a NAT the function reads its secret through an endpoint (a rule of the settings).
                interfaceEndpoints: network.natStrategy === "none" && !network.interfaceEndpoints.includes("secretsmanager")
                    ? [...network.interfaceEndpoints, "secretsmanager"]
                    : network.interfaceEndpoints,
            },
            api: {
                ...api,
                timeoutSeconds: timing.timeout,
                redisTimeoutMs: timing.redisTimeoutMs,
                upstreamTimeoutMs: timing.upstreamTimeoutMs,
                ...(canary ? { canaryPercent: canary[0], stableVersion: String(canary[1]) } : {}),
            },
            cache: { ...cache, ...cacheShape },
            cdn: {
                ...cdn,
                originReadTimeoutSeconds: timing.origin,
                ...(customDomain ? { domainName: "api.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d" } : {}),
            },
            // Owning the account services needs the trail: AWS Config delivers to its bucket (a rule of the settings).
            security: { ...security, enableTrail: security.enableTrail || security.ownAccountServices },
            monitoring,
        }));
}

describe("evidence: config fuzzing through index.ts", function () {
    this.timeout(300_000);
    after(() => pulumi.runtime.setAllConfig({}, []));

    it("every invalid configuration fails with a ConfigError naming the field, before any resource is registered", async () => {
        await fc.assert(fc.asyncProperty(badCase, assertRejectedUpFront), { numRuns: 120, seed: seed(20261125) });
    });

    it("what a component checks (canary without a stable version, a timeout within the upstream's) is rejected before any resource is registered", async () => {
        await fc.assert(fc.asyncProperty(componentOnlyRules, assertRejectedUpFront), { numRuns: 8, seed: seed(5) });
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`every valid ${stack} configuration plans to the end with no mandatory finding`, async () => {
            await fc.assert(
                fc.asyncProperty(validSections(stack), async (sections) => {
                    const { config, secretKeys } = configWith(stack, sections);
                    // The generator is meant to make only valid settings; a rejection here is a generator bug, said plainly.
                    const values = Object.fromEntries(Object.entries(config).filter(([key]) => key.startsWith("bulwark:")).map(([key, text]) => [key.slice(8), JSON.parse(text)]));
                    assert.doesNotThrow(() => resolveSettings({ stack, region: config["aws:region"], values }), "the generated settings are invalid");
                    const { evaluation } = await planAndCheck({ stack, project: "bulwark", config, secretKeys });
                    const findings = blocking(evaluation);
                    assert.deepStrictEqual(findings, [], `mandatory findings with ${JSON.stringify(sections)}:\n${describeFindings(findings)}`);
                }),
                { numRuns: 5, seed: seed(stack === "dev" ? 7 : 11), endOnFailure: true },
            );
        });
    }
});
