import * as assert from "assert";
import { Function, FunctionArgs, functionNameFor, liveRoute, validateFunctionArgs } from "../../components/function";
import { ConfigError } from "../../stacks/errors";
import { record } from "../helpers/offline";
import { ENDPOINT_SG, functionArgs } from "./fixture";

const SCOPE = { project: "bulwark", stack: "dev" };

function rejection(overrides: Partial<FunctionArgs>, name = "api"): ConfigError {
    try {
        validateFunctionArgs(name, functionArgs(overrides), SCOPE);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
        return error;
    }
    assert.fail(`expected ${JSON.stringify(overrides)} to be rejected`);
}

describe("validateFunctionArgs", () => {
    const cases: [string, Partial<FunctionArgs>, string, RegExp][] = [
        ["memory below Lambda's floor", { memoryMb: 64 }, "memoryMb", /"memoryMb" is 64: it must be an integer between 128 and 10240/],
        ["memory above Lambda's ceiling", { memoryMb: 10241 }, "memoryMb", /"memoryMb" is 10241/],
        ["fractional memory", { memoryMb: 512.5 }, "memoryMb", /"memoryMb" is 512.5/],
        ["a timeout of 0", { timeoutSeconds: 0 }, "timeoutSeconds", /"timeoutSeconds" is 0: it must be an integer between 1 and 900/],
        ["a timeout above Lambda's 900 s", { timeoutSeconds: 901, originReadTimeoutSeconds: 180 }, "timeoutSeconds", /"timeoutSeconds" is 901/],
        ["a timeout equal to CloudFront's", { timeoutSeconds: 30 }, "timeoutSeconds", /"timeoutSeconds" is 30: it must be less than "originReadTimeoutSeconds" \(30\)/],
        ["a timeout above CloudFront's", { timeoutSeconds: 20, originReadTimeoutSeconds: 15 }, "timeoutSeconds", /less than "originReadTimeoutSeconds" \(15\)/],
        ["a CloudFront timeout out of range", { originReadTimeoutSeconds: 0 }, "originReadTimeoutSeconds", /"originReadTimeoutSeconds" is 0/],
        ["a Redis timeout equal to the function's", { timeoutSeconds: 2, redisTimeoutMs: 2000 }, "redisTimeoutMs", /"redisTimeoutMs" is 2000: it must be an integer from 1 to below "timeoutSeconds" in milliseconds \(2000\)/],
        ["a Redis timeout of 0", { redisTimeoutMs: 0 }, "redisTimeoutMs", /"redisTimeoutMs" is 0/],
        ["an upstream timeout beyond the function's", { timeoutSeconds: 3, upstreamTimeoutMs: 3000 }, "upstreamTimeoutMs", /"upstreamTimeoutMs" is 3000/],
        ["reserved concurrency 0 (would throttle every request)", { reservedConcurrency: 0 }, "reservedConcurrency", /"reservedConcurrency" is 0: it must be a whole number of at least 1/],
        ["a canary above half the traffic", { canaryPercent: 51, stableVersion: "3" }, "canaryPercent", /"canaryPercent" is 51: it must be a number between 0 and 50/],
        ["a negative canary", { canaryPercent: -1, stableVersion: "3" }, "canaryPercent", /"canaryPercent" is -1/],
        ["a canary without a stable version", { canaryPercent: 10 }, "stableVersion", /"stableVersion" is not set: it must be set to the version serving traffic now when "canaryPercent" is 10/],
        ["a stable version that is not a version number", { stableVersion: "$LATEST" }, "stableVersion", /"stableVersion" is "\$LATEST": it must be a published version number/],
        ["stable version 0", { stableVersion: "0" }, "stableVersion", /"stableVersion" is "0"/],
        ["a TTL of 0", { cacheTtlSeconds: 0 }, "cacheTtlSeconds", /"cacheTtlSeconds" is 0/],
        ["a retention CloudWatch does not offer", { logRetentionDays: 10 as any }, "logRetentionDays", /"logRetentionDays" is 10: it must be one of CloudWatch Logs' retention periods: 1, 3, 5/],
        ["an upstream that is not a URL", { upstreamUrl: "jsonplaceholder" }, "upstreamUrl", /"upstreamUrl" is "jsonplaceholder": it must be an http or https URL/],
        ["an upstream over ftp", { upstreamUrl: "ftp://example.com" }, "upstreamUrl", /it must be an http or https URL/],
        ["an upstream with a query", { upstreamUrl: "https://example.com/?a=1" }, "upstreamUrl", /without query or fragment/],
        ["no subnets", { subnetIds: [] }, "subnetIds", /"subnetIds" is \[\]: it must be a list of 1 to 16 private subnet ids/],
        ["an unknown egress mode", { httpsEgress: "internet" as any }, "httpsEgress", /"httpsEgress" is "internet": it must be one of "nat", "endpoints"/],
        ["endpoints without endpoint groups", { httpsEgress: "endpoints", egressSecurityGroupIds: [] }, "egressSecurityGroupIds", /at least one interface endpoint security group/],
        ["a code path instead of an archive", { code: "build/app" as any }, "code", /"code" is "string": it must be a pulumi.asset.Archive/],
        ["no cache", { cache: undefined as any }, "cache", /"cache" is not set: it must be the cache's endpoint, port, securityGroupId and authSecretArn/],
    ];

    for (const [what, overrides, field, message] of cases) {
        it(`rejects ${what}, naming "${field}"`, () => {
            const error = rejection(overrides);
            assert.strictEqual(error.key, `"api" Function.${field}`);
            assert.match(error.message, /^In "api" Function, /);
            assert.match(error.message, message);
            assert.match(error.message, new RegExp(`Pass a "${field}" that meets this where the "api" Function is created`));
        });
    }

    it("never repeats upstream credentials in its message", () => {
        const error = rejection({ upstreamUrl: "https://user:hunter2@api.example.com/v1" });
        assert.match(error.message, /"upstreamUrl" is "https:\/\/\*\*\*@api.example.com\/v1": it must be a URL without credentials/);
        assert.ok(!error.message.includes("hunter2"));
        assert.ok(!JSON.stringify(error.value).includes("hunter2"));
    });

    it("rejects a component name that makes the function name longer than Lambda allows", () => {
        const long = "a".repeat(60);
        const error = rejection({}, long);
        assert.strictEqual(error.key, `"${long}" Function.name`);
        assert.match(error.message, /fits Lambda's 64 characters/);
    });

    it("accepts the boundaries and applies the documented defaults", () => {
        const code = functionArgs().code;
        const minimal = validateFunctionArgs("api", {
            vpcId: "vpc-1", subnetIds: ["subnet-1"], code, upstreamUrl: "http://origin.internal",
            cache: functionArgs().cache, logsKeyArn: "k1", envKeyArn: "k2",
        }, SCOPE);
        assert.deepStrictEqual(
            {
                httpsEgress: minimal.httpsEgress, egressSecurityGroupIds: minimal.egressSecurityGroupIds, memoryMb: minimal.memoryMb,
                timeoutSeconds: minimal.timeoutSeconds, originReadTimeoutSeconds: minimal.originReadTimeoutSeconds,
                canaryPercent: minimal.canaryPercent, stableVersion: minimal.stableVersion, upstreamTimeoutMs: minimal.upstreamTimeoutMs,
                cacheTtlSeconds: minimal.cacheTtlSeconds, redisTimeoutMs: minimal.redisTimeoutMs, logRetentionDays: minimal.logRetentionDays,
                protect: minimal.protect, reservedConcurrency: minimal.reservedConcurrency,
            },
            {
                httpsEgress: "nat", egressSecurityGroupIds: [], memoryMb: 512, timeoutSeconds: 10, originReadTimeoutSeconds: 30,
                canaryPercent: 0, stableVersion: undefined, upstreamTimeoutMs: 3000, cacheTtlSeconds: 300, redisTimeoutMs: 50,
                logRetentionDays: 14, protect: false, reservedConcurrency: undefined,
            },
        );
        for (const overrides of [
            { memoryMb: 128 }, { memoryMb: 10240 }, { timeoutSeconds: 29 }, { timeoutSeconds: 1, redisTimeoutMs: 999, upstreamTimeoutMs: 999 },
            { canaryPercent: 50, stableVersion: "12" }, { canaryPercent: 0.5, stableVersion: "2" }, { reservedConcurrency: 1 },
            { httpsEgress: "endpoints" as const, egressSecurityGroupIds: [ENDPOINT_SG] }, { logRetentionDays: 3653 as const },
        ]) {
            assert.doesNotThrow(() => validateFunctionArgs("api", functionArgs(overrides), SCOPE), JSON.stringify(overrides));
        }
    });

    it("registers nothing when the arguments are bad", async () => {
        let thrown: unknown;
        const rec = await record(() => {
            try {
                new Function("api", functionArgs({ memoryMb: 64 }));
            } catch (error) {
                thrown = error;
            }
        });
        assert.ok(thrown instanceof ConfigError);
        assert.match((thrown as Error).message, /"memoryMb" is 64/);
        assert.deepStrictEqual(rec.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type), []);
    });
});

describe("functionNameFor", () => {
    it("joins project, stack and name, replacing characters Lambda rejects", () => {
        assert.strictEqual(functionNameFor({ project: "bulwark", stack: "prod" }, "api"), "bulwark-prod-api");
        assert.strictEqual(functionNameFor({ project: "bulwark", stack: "team.dev" }, "api"), "bulwark-team-dev-api");
    });
});

describe("liveRoute: where the live alias sends traffic", () => {
    it("all traffic on the newest version when no stable version is set", () => {
        assert.deepStrictEqual(liveRoute("8", undefined, 0), { functionVersion: "8" });
    });

    it("a canary: the stable version keeps the rest, the newest gets canaryPercent as a weight", () => {
        assert.deepStrictEqual(liveRoute("8", "7", 10), { functionVersion: "7", routingConfig: { additionalVersionWeights: { "8": 0.1 } } });
        assert.deepStrictEqual(liveRoute("8", "7", 50), { functionVersion: "7", routingConfig: { additionalVersionWeights: { "8": 0.5 } } });
        assert.deepStrictEqual(liveRoute("12", "9", 2.5), { functionVersion: "9", routingConfig: { additionalVersionWeights: { "12": 0.025 } } });
    });

    it("a rollback: canaryPercent 0 with a stable version pins everything to it", () => {
        assert.deepStrictEqual(liveRoute("8", "7", 0), { functionVersion: "7" });
    });

    it("no weight on the alias's own version when nothing newer was published", () => {
        assert.deepStrictEqual(liveRoute("7", "7", 10), { functionVersion: "7" });
    });
});
