import * as assert from "assert";
import { applyFix, configErrorOf, resolve, Values } from "./helpers";

const ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

/** Asserts the error's key, that its message names every related key, and that its fix clears that key. */
function assertRule(values: Values, key: string, alsoNames: string[], stack = "dev"): void {
    const error = configErrorOf(() => resolve(values, stack));
    assert.strictEqual(error.key, key, error.message);
    for (const related of alsoNames) {
        assert.ok(error.message.includes(related), `message should name ${related}: ${error.message}`);
    }
    assert.ok(error.message.includes(`(stack file Pulumi.${stack}.yaml)`));
    try {
        resolve(applyFix(values, error.fix), stack);
    } catch (next) {
        // A fix may reveal the next missing key (e.g. a VPC id, then its other subnet list), never the same one.
        assert.notStrictEqual((next as { key?: string }).key, key, String(next));
    }
}

describe("stacks: cross-field rules", () => {
    it("api.timeoutSeconds must be below cdn.originReadTimeoutSeconds", () => {
        assertRule({ api: { timeoutSeconds: 30 } }, "bulwark:api.timeoutSeconds", ["bulwark:cdn.originReadTimeoutSeconds"]);
        assertRule({ cdn: { originReadTimeoutSeconds: 10 } }, "bulwark:api.timeoutSeconds", ["(10)"]);
        // With the origin timeout at its minimum, only raising it can help.
        const error = configErrorOf(() => resolve({ api: { timeoutSeconds: 1 }, cdn: { originReadTimeoutSeconds: 1 } }));
        assert.strictEqual(error.fix, "pulumi config set --path bulwark:cdn.originReadTimeoutSeconds 2");
        assert.strictEqual(resolve({ api: { timeoutSeconds: 29 } }).api.timeoutSeconds, 29);
    });

    it("api.canaryPercent above 0 needs api.stableVersion, the version the rest of the traffic stays on", () => {
        assertRule({ api: { canaryPercent: 10 } }, "bulwark:api.stableVersion", ["bulwark:api.canaryPercent"]);
        const settings = resolve({ api: { canaryPercent: 10, stableVersion: 4 } });
        assert.deepStrictEqual([settings.api.canaryPercent, settings.api.stableVersion], [10, "4"]);
        assert.strictEqual(resolve({ api: { stableVersion: 4 } }).api.canaryPercent, 0);
    });

    it("api.upstreamTimeoutMs must be below the function timeout", () => {
        assertRule({ api: { timeoutSeconds: 3 } }, "bulwark:api.timeoutSeconds", ["bulwark:api.upstreamTimeoutMs", "(3000 ms)"]);
        assert.strictEqual(configErrorOf(() => resolve({ api: { timeoutSeconds: 3 } })).fix, "pulumi config set --path bulwark:api.timeoutSeconds 4");
        assert.strictEqual(resolve({ api: { timeoutSeconds: 3, upstreamTimeoutMs: 2500 } }).api.upstreamTimeoutMs, 2500);
    });

    it("api.redisTimeoutMs must be below the function timeout", () => {
        assertRule({ api: { timeoutSeconds: 1, redisTimeoutMs: 1000, upstreamTimeoutMs: 500 } }, "bulwark:api.redisTimeoutMs", ["bulwark:api.timeoutSeconds"]);
        assert.strictEqual(resolve({ api: { timeoutSeconds: 1, redisTimeoutMs: 999, upstreamTimeoutMs: 500 } }).api.redisTimeoutMs, 999);
    });

    it("natStrategy none needs a Secrets Manager endpoint", () => {
        assertRule({ network: { natStrategy: "none" } }, "bulwark:network.natStrategy", ["bulwark:network.interfaceEndpoints", '"secretsmanager"']);
        assertRule({ network: { natStrategy: "none", interfaceEndpoints: ["kms"] } }, "bulwark:network.natStrategy", ["secretsmanager"]);
        const settings = resolve({ network: { natStrategy: "none", interfaceEndpoints: ["secretsmanager"] } });
        assert.deepStrictEqual(settings.network.interfaceEndpoints, ["secretsmanager"]);
    });

    it("an existing VPC needs both subnet lists, disjoint, and subnet lists need the VPC", () => {
        const vpc = "vpc-0123456789abcdef0";
        const privateIds = ["subnet-00000001", "subnet-00000002"];
        const isolatedIds = ["subnet-00000003", "subnet-00000004"];
        assertRule({ network: { existingVpcId: vpc, existingIsolatedSubnetIds: isolatedIds } }, "bulwark:network.existingPrivateSubnetIds", ["bulwark:network.existingVpcId"]);
        assertRule({ network: { existingVpcId: vpc, existingPrivateSubnetIds: privateIds } }, "bulwark:network.existingIsolatedSubnetIds", ["bulwark:network.existingVpcId"]);
        assertRule({ network: { existingPrivateSubnetIds: privateIds } }, "bulwark:network.existingVpcId", ["bulwark:network.existingPrivateSubnetIds"]);
        assertRule(
            { network: { existingVpcId: vpc, existingPrivateSubnetIds: privateIds, existingIsolatedSubnetIds: ["subnet-00000003", "subnet-00000002"] } },
            "bulwark:network.existingIsolatedSubnetIds[1]",
            ["bulwark:network.existingPrivateSubnetIds"],
        );
        const settings = resolve({ network: { existingVpcId: vpc, existingPrivateSubnetIds: privateIds, existingIsolatedSubnetIds: isolatedIds } });
        assert.deepStrictEqual(settings.network.existingIsolatedSubnetIds, isolatedIds);
    });

    it("the cache engine version must belong to the engine, and Serverless needs Redis 7 or Valkey", () => {
        assertRule({ cache: { engine: "redis", engineVersion: "8.0" } }, "bulwark:cache.engineVersion", ["bulwark:cache.engine", '"redis"']);
        assertRule({ cache: { engine: "valkey", engineVersion: "6.2" } }, "bulwark:cache.engineVersion", ['"7.2", "8.0", "8.1"']);
        assertRule({ cache: { engine: "redis", engineVersion: "6.2", serverless: true } }, "bulwark:cache.engineVersion", ["bulwark:cache.serverless"]);
        assert.strictEqual(resolve({ cache: { engine: "valkey", engineVersion: "7.2", serverless: true } }).cache.serverless, true);
    });

    it("the maintenance window must not overlap the snapshot window, including across midnight and the week's end", () => {
        assertRule({ cache: { maintenanceWindow: "mon:03:30-mon:04:30" } }, "bulwark:cache.maintenanceWindow", ["bulwark:cache.snapshotWindow", '"03:00-04:00"']);
        assertRule({ cache: { snapshotWindow: "23:30-00:30", maintenanceWindow: "tue:00:00-tue:01:00" } }, "bulwark:cache.maintenanceWindow", []);
        assertRule({ cache: { snapshotWindow: "00:00-01:00", maintenanceWindow: "sat:23:30-sun:00:30" } }, "bulwark:cache.maintenanceWindow", []);
        // Touching ends do not overlap.
        assert.ok(resolve({ cache: { snapshotWindow: "04:00-05:00", maintenanceWindow: "sun:05:00-sun:06:00" } }));
    });

    it("a custom domain and its certificate come together", () => {
        assertRule({ cdn: { domainName: "api.example.com" } }, "bulwark:cdn.certificateArn", ["bulwark:cdn.domainName"]);
        assertRule({ cdn: { certificateArn: ARN } }, "bulwark:cdn.domainName", ["bulwark:cdn.certificateArn"]);
        assert.strictEqual(resolve({ cdn: { domainName: "api.example.com", certificateArn: ARN } }).cdn.certificateArn, ARN);
    });

    it("prod keeps two AZs, a cache replica and a week of snapshots; dev may go lower", () => {
        assertRule({ network: { azCount: 1 } }, "bulwark:network.azCount", ["prod profile"], "prod");
        assertRule({ cache: { replicas: 0 } }, "bulwark:cache.replicas", ["prod profile", "bulwark:cache.serverless"], "prod");
        assertRule({ cache: { snapshotRetentionDays: 3 } }, "bulwark:cache.snapshotRetentionDays", ["prod profile"], "prod");
        assert.strictEqual(resolve({ cache: { replicas: 0, serverless: true } }, "prod").cache.replicas, 0);
    });

    it("prod runs no burstable cache node; dev and a serverless prod cache may", () => {
        for (const nodeType of ["cache.t4g.small", "cache.t3.medium"]) {
            assertRule({ cache: { nodeType } }, "bulwark:cache.nodeType", ["non-burstable", "CPU credits"], "prod");
        }
        assert.strictEqual(resolve({ cache: { nodeType: "cache.r7g.large" } }, "prod").cache.nodeType, "cache.r7g.large");
        assert.strictEqual(resolve({ cache: { nodeType: "cache.t4g.small", serverless: true, replicas: 0 } }, "prod").cache.serverless, true);
        assert.strictEqual(resolve({ cache: { nodeType: "cache.t4g.small" } }).cache.nodeType, "cache.t4g.small");
        const cheap = resolve({ network: { azCount: 1 }, cache: { replicas: 0, snapshotRetentionDays: 0 } });
        assert.deepStrictEqual([cheap.network.azCount, cheap.cache.snapshotRetentionDays], [1, 0]);
        // A profile chosen by name gets the same minimums.
        assertRule({ profile: "prod", network: { azCount: 1 } }, "bulwark:network.azCount", [], "prod-eu");
    });

    it("prod keeps a KMS key per purpose; dev may share one", () => {
        assertRule({ security: { keyLayout: "shared" } }, "bulwark:security.keyLayout", ["prod profile", '"perPurpose"'], "prod");
        assert.strictEqual(resolve({ security: { keyLayout: "perPurpose" } }).security.keyLayout, "perPurpose");
        assert.strictEqual(resolve({}).security.keyLayout, "shared");
    });

    it("owning the account services needs the trail: AWS Config delivers to its bucket", () => {
        assertRule({ security: { ownAccountServices: true, enableTrail: false } }, "bulwark:security.enableTrail", ["bulwark:security.ownAccountServices", "AWS Config"]);
        assertRule({ security: { enableTrail: false } }, "bulwark:security.enableTrail", ["bulwark:security.ownAccountServices"], "prod");
        assert.strictEqual(resolve({ security: { enableTrail: false } }).security.enableTrail, false);
    });
});
