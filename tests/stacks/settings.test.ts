import * as assert from "assert";
import { DEV_PROFILE, PROD_PROFILE, Settings } from "../../stacks/settings";
import { applyFix, configErrorOf, resolve } from "./helpers";

function assertDeeplyFrozen(value: unknown, path = "settings"): void {
    if (typeof value !== "object" || value === null) {
        return;
    }
    assert.ok(Object.isFrozen(value), `${path} is not frozen`);
    for (const [key, child] of Object.entries(value)) {
        assertDeeplyFrozen(child, `${path}.${key}`);
    }
}

describe("stacks: profiles", () => {
    it("dev gets the documented cheap defaults", () => {
        const dev = resolve({});
        assert.deepStrictEqual(
            { ...dev, tags: { ...dev.tags } },
            {
                stack: "dev", environment: "dev", profile: "dev", region: "us-east-1", protect: false,
                tags: { project: "bulwark", stack: "dev" },
                network: {
                    cidr: "10.0.0.0/16", azCount: 2, natStrategy: "instance", natInstanceCount: "one",
                    natInstanceType: "t4g.nano", natInstanceAmi: undefined, interfaceEndpoints: [], flowLogRetentionDays: 14,
                    existingVpcId: undefined, existingPrivateSubnetIds: undefined, existingIsolatedSubnetIds: undefined,
                },
                api: {
                    memoryMb: 512, timeoutSeconds: 10, reservedConcurrency: undefined, canaryPercent: 0, stableVersion: undefined,
                    upstreamUrl: "https://jsonplaceholder.typicode.com", logRetentionDays: 14, cacheTtlSeconds: 300,
                    redisTimeoutMs: 50, upstreamTimeoutMs: 3000,
                },
                cache: {
                    engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.micro", replicas: 0, serverless: true,
                    snapshotRetentionDays: 1, snapshotWindow: "03:00-04:00", maintenanceWindow: "sun:05:00-sun:06:00",
                    maxmemoryPolicy: "allkeys-lru",
                },
                cdn: {
                    priceClass: "PriceClass_100", wafMode: "block", rateLimitPer5Min: 2000, originReadTimeoutSeconds: 30,
                    domainName: undefined, certificateArn: undefined, staticAssets: false, apiCacheTtlSeconds: 5,
                    logRetentionDays: 30,
                },
                security: {
                    ownAccountServices: false, alertEmails: [], kmsDeletionWindowDays: 7, trailLogRetentionDays: 90,
                    enableTrail: true, keyLayout: "shared",
                },
                monitoring: {
                    hitRateThreshold: 80, durationAlarmPercent: 80, cacheCpuPercent: 75, cacheMemoryPercent: 80,
                    cdn5xxRatePercent: 5, dashboard: true,
                },
            } satisfies Settings,
        );
    });

    it("prod differs from dev exactly where it must be resilient", () => {
        const dev = resolve({});
        const prod = resolve({}, "prod");
        const differences: Record<string, [unknown, unknown]> = {};
        for (const section of ["network", "api", "cache", "cdn", "security", "monitoring"] as const) {
            for (const [field, devValue] of Object.entries(dev[section])) {
                const prodValue = (prod[section] as unknown as Record<string, unknown>)[field];
                if (JSON.stringify(devValue) !== JSON.stringify(prodValue)) {
                    differences[`${section}.${field}`] = [devValue, prodValue];
                }
            }
        }
        assert.deepStrictEqual(differences, {
            "network.cidr": ["10.0.0.0/16", "10.10.0.0/16"],
            "network.azCount": [2, 3],
            "network.natStrategy": ["instance", "perAz"],
            "network.natInstanceCount": ["one", "perAz"],
            "network.interfaceEndpoints": [[], ["secretsmanager"]],
            "network.flowLogRetentionDays": [14, 365],
            "api.memoryMb": [512, 1024],
            "api.timeoutSeconds": [10, 15],
            "api.reservedConcurrency": [undefined, 50],
            "api.logRetentionDays": [14, 90],
            "cache.nodeType": ["cache.t4g.micro", "cache.m7g.large"],
            "cache.serverless": [true, false],
            "cache.replicas": [0, 1],
            "cache.snapshotRetentionDays": [1, 7],
            "cdn.logRetentionDays": [30, 365],
            "security.ownAccountServices": [false, true],
            "security.kmsDeletionWindowDays": [7, 30],
            "security.trailLogRetentionDays": [90, 365],
            "security.keyLayout": ["shared", "perPurpose"],
        });
        assert.strictEqual(prod.protect, true);
        assert.strictEqual(prod.profile, "prod");
    });

    it("merges given fields over the profile and keeps the rest", () => {
        const settings = resolve({ api: { memoryMb: 2048 }, cache: { replicas: 2 } }, "prod");
        assert.strictEqual(settings.api.memoryMb, 2048);
        assert.strictEqual(settings.api.timeoutSeconds, PROD_PROFILE.api.timeoutSeconds);
        assert.strictEqual(settings.cache.replicas, 2);
        assert.strictEqual(settings.cache.nodeType, PROD_PROFILE.cache.nodeType);
    });

    it("accepts numbers and booleans given as text, and returns them typed", () => {
        const settings = resolve({ api: { memoryMb: "1024", canaryPercent: "2.5", stableVersion: "3" }, cdn: { staticAssets: "true" }, protect: "true" });
        assert.strictEqual(settings.api.memoryMb, 1024);
        assert.strictEqual(settings.api.canaryPercent, 2.5);
        assert.strictEqual(settings.cdn.staticAssets, true);
        assert.strictEqual(settings.protect, true);
    });

    it("keeps the stable Lambda version as text whether config stored it as a number or a string", () => {
        assert.strictEqual(resolve({ api: { stableVersion: 7 } }).api.stableVersion, "7");
        assert.strictEqual(resolve({ api: { stableVersion: "12" } }).api.stableVersion, "12");
    });

    it("lets null clear an optional profile default", () => {
        assert.strictEqual(resolve({ api: { reservedConcurrency: null } }, "prod").api.reservedConcurrency, undefined);
    });

    it("gives the other engine its own default version", () => {
        assert.strictEqual(resolve({ cache: { engine: "redis" } }).cache.engineVersion, "7.1");
        // dev's cache is Serverless, which runs Redis OSS 7 only: 6.2 needs nodes.
        assert.strictEqual(resolve({ cache: { engine: "redis", engineVersion: "6.2", serverless: false } }).cache.engineVersion, "6.2");
    });

    it("returns a deeply frozen object and leaves the profiles untouched", () => {
        const settings = resolve({ network: { interfaceEndpoints: ["kms"] }, security: { alertEmails: ["a@example.com"] } });
        assertDeeplyFrozen(settings);
        assert.throws(() => {
            (settings.api as { memoryMb: number }).memoryMb = 1;
        }, TypeError);
        assert.throws(() => (settings.security.alertEmails as string[]).push("b@example.com"), TypeError);
        assertDeeplyFrozen(DEV_PROFILE, "DEV_PROFILE");
        assert.deepStrictEqual(DEV_PROFILE.network.interfaceEndpoints, []);
    });
});

describe("stacks: profile selection", () => {
    it("requires bulwark:profile for stacks not named dev or prod, naming the key and the stack file", () => {
        const error = configErrorOf(() => resolve({}, "staging"));
        assert.strictEqual(error.key, "bulwark:profile");
        assert.strictEqual(
            error.message,
            'bulwark:profile is not set: it must be "dev" or "prod" for environment "staging": only the dev and prod ' +
                "environments pick their profile from their name. Set it with `pulumi config set bulwark:profile dev` " +
                "(stack file Pulumi.staging.yaml).",
        );
    });

    it("uses the named profile for other stacks", () => {
        const settings = resolve({ profile: "prod" }, "prod-eu");
        assert.strictEqual(settings.profile, "prod");
        assert.strictEqual(settings.network.natStrategy, "perAz");
        assert.strictEqual(settings.tags.stack, "prod-eu");
    });

    it("rejects an unknown profile and a profile that contradicts the stack name", () => {
        assert.strictEqual(configErrorOf(() => resolve({ profile: "test" }, "qa")).key, "bulwark:profile");
        const contradiction = configErrorOf(() => resolve({ profile: "dev" }, "prod"));
        assert.strictEqual(contradiction.key, "bulwark:profile");
        assert.match(contradiction.allowed, /the prod environment always uses the prod profile/);
        assert.strictEqual(resolve({ profile: "prod" }, "prod").profile, "prod");
    });

    it("a layered stack <environment>-<layer> takes its environment's profile and reports both", () => {
        const settings = resolve({ layer: "network" }, "prod-network");
        assert.strictEqual(settings.layer, "network");
        assert.strictEqual(settings.environment, "prod");
        assert.strictEqual(settings.profile, "prod");
        assert.strictEqual(settings.tags.stack, "prod-network");
        const single = resolve({}, "prod");
        assert.strictEqual(single.layer, undefined);
        assert.strictEqual(single.environment, "prod");
        // A stack named like a layer is still one stack until bulwark:layer says otherwise.
        assert.strictEqual(configErrorOf(() => resolve({}, "dev-network")).key, "bulwark:profile");
    });

    it("rejects an unknown layer and a layer whose stack name does not say it, naming the fix", () => {
        const unknown = configErrorOf(() => resolve({ layer: "networking" }, "dev-networking"));
        assert.strictEqual(unknown.key, "bulwark:layer");
        assert.match(unknown.allowed, /"baseline", "network", "data" or "app"|baseline.*network.*data.*app/);
        assert.match(unknown.message, /pulumi config set bulwark:layer network/);
        const misnamed = configErrorOf(() => resolve({ layer: "data" }, "dev"));
        assert.strictEqual(misnamed.key, "bulwark:layer");
        assert.match(misnamed.allowed, /stack named <environment>-data \(e\.g\. dev-data\)/);
        assert.match(misnamed.message, /pulumi stack init dev-data/);
        assert.strictEqual(configErrorOf(() => resolve({ layer: "app" }, "-app")).key, "bulwark:layer");
    });

    it("requires aws:region and checks its shape", () => {
        for (const region of [undefined, "US-EAST-1", "useast1"]) {
            const error = configErrorOf(() => resolve({}, "dev", { region }));
            assert.strictEqual(error.key, "aws:region");
            assert.strictEqual(error.fix, "pulumi config set aws:region us-east-1");
        }
        assert.strictEqual(resolve({}, "dev", { region: "us-gov-west-1" }).region, "us-gov-west-1");
    });
});

describe("stacks: unknown keys", () => {
    it("suggests the closest field for a misspelt section key and a command that renames it", () => {
        const values = { api: { memroyMb: 1024 } };
        const error = configErrorOf(() => resolve(values));
        assert.strictEqual(error.key, "bulwark:api.memroyMb");
        assert.match(error.allowed, /did you mean "memoryMb"\?/);
        assert.strictEqual(
            error.fix,
            "pulumi config rm --path bulwark:api.memroyMb && pulumi config set --path bulwark:api.memoryMb 1024",
        );
        assert.strictEqual(resolve(applyFix(values, error.fix)).api.memoryMb, 1024);
    });

    it("suggests the closest top-level key", () => {
        const error = configErrorOf(() => resolve({ netwrok: { cidr: "10.1.0.0/16" } }));
        assert.strictEqual(error.key, "bulwark:netwrok");
        assert.match(error.allowed, /did you mean "network"\?/);
        assert.strictEqual(error.fix, "pulumi config rm bulwark:netwrok");
    });

    it("lists the known keys without a guess when nothing is close", () => {
        const error = configErrorOf(() => resolve({ cdn: { zzzzzzzz: 1 } }));
        assert.doesNotMatch(error.allowed, /did you mean/);
        assert.match(error.allowed, /priceClass, wafMode/);
    });

    it("rejects a section given as a plain value", () => {
        const error = configErrorOf(() => resolve({ network: "10.0.0.0/16" }));
        assert.strictEqual(error.key, "bulwark:network");
        assert.strictEqual(error.fix, "pulumi config set --path bulwark:network.cidr 10.0.0.0/16");
    });
});

describe("stacks: secrets", () => {
    it("rejects a bulwark key held as a secret without printing it", () => {
        const error = configErrorOf(() =>
            resolve({ api: { upstreamUrl: "https://hunter2.example.com" } }, "dev", { secretKeys: ["api"] }),
        );
        assert.strictEqual(error.key, "bulwark:api");
        assert.ok(!error.message.includes("hunter2"), error.message);
        assert.strictEqual(error.value, "[secret]");
        assert.strictEqual(error.fix, "pulumi config rm bulwark:api");
    });
});

describe("stacks: tags", () => {
    it("merges stack tags into the defaults and turns numbers into text", () => {
        assert.deepStrictEqual(
            { ...resolve({ tags: { owner: "team-a", "cost-center": 1234 } }).tags },
            { project: "bulwark", stack: "dev", owner: "team-a", "cost-center": "1234" },
        );
    });

    it("rejects reserved, aws: and malformed tags, naming the tag", () => {
        for (const [tags, key] of [
            [{ stack: "other" }, "bulwark:tags.stack"],
            [{ "aws:owner": "x" }, "bulwark:tags.aws:owner"],
            [{ owner: "a;b" }, "bulwark:tags.owner"],
            [{ owner: { nested: true } }, "bulwark:tags.owner"],
            [{ ["k".repeat(129)]: "x" }, `bulwark:tags.${"k".repeat(129)}`],
            ["owner=me", "bulwark:tags"],
        ] as const) {
            assert.strictEqual(configErrorOf(() => resolve({ tags })).key, key);
        }
    });

    it("caps the number of stack tags below AWS's 50 per resource", () => {
        const tags = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`t${i}`, "x"]));
        assert.strictEqual(configErrorOf(() => resolve({ tags })).key, "bulwark:tags");
        delete tags.t40;
        assert.strictEqual(Object.keys(resolve({ tags }).tags).length, 42);
    });
});
