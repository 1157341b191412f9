import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CacheArgs, Cache, parameterGroupFamily, validateCacheArgs } from "../../components/cache";
import { ConfigError } from "../../stacks/errors";
import { record } from "../helpers/offline";
import { devArgs, prodArgs } from "./fixtures";

function rejection(name: string, args: CacheArgs): ConfigError {
    try {
        validateCacheArgs(name, args);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
        return error;
    }
    assert.fail("expected validateCacheArgs to throw");
}

describe("validateCacheArgs", () => {
    it("accepts the dev and prod settings and fills in the defaults", () => {
        assert.strictEqual(validateCacheArgs("cache", devArgs()).replicas, 0);
        assert.strictEqual(validateCacheArgs("cache", prodArgs()).replicas, 1);
        const resolved = validateCacheArgs("cache", { vpcId: "vpc-1", subnetIds: ["s"], kmsKeyArn: "k", logsKeyArn: "l", engine: "redis" });
        assert.deepStrictEqual(
            [resolved.engineVersion, resolved.nodeType, resolved.replicas, resolved.serverless, resolved.maxmemoryPolicy, resolved.protect],
            ["7.1", "cache.t4g.micro", 0, false, "allkeys-lru", false],
        );
    });

    const bad: [string, Partial<CacheArgs>, RegExp][] = [
        ["an unknown engine", { engine: "memcached" as any }, /"engine" is "memcached": it must be one of "valkey", "redis"/],
        ["a version of the other engine", { engine: "valkey", engineVersion: "7.1" as any }, /"engineVersion" is "7.1": it must be one of "7.2", "8.0", "8.1" for engine "valkey"/],
        ["an unknown redis version", { engine: "redis", engineVersion: "5.0.6" as any }, /"engineVersion" is "5.0.6": it must be one of "6.2", "7.0", "7.1" for engine "redis"/],
        ["a node type without the cache. prefix", { nodeType: "t4g.micro" as any }, /"nodeType" is "t4g.micro": it must be one of "cache.t4g.micro"/],
        ["a previous-generation node type", { nodeType: "cache.t2.micro" as any }, /"nodeType" is "cache.t2.micro"/],
        ["six replicas", { replicas: 6 }, /"replicas" is 6: it must be an integer from 0 to 5/],
        ["negative replicas", { replicas: -1 }, /"replicas" is -1/],
        ["fractional replicas", { replicas: 1.5 }, /"replicas" is 1.5/],
        ["36 days of snapshots", { snapshotRetentionDays: 36 }, /"snapshotRetentionDays" is 36: it must be an integer from 0 \(no snapshots\) to 35/],
        ["a malformed snapshot window", { snapshotWindow: "3:00-4:00" }, /"snapshotWindow" is "3:00-4:00": it must be a daily UTC window "hh:mm-hh:mm"/],
        ["a 30-minute snapshot window", { snapshotWindow: "03:00-03:30" }, /"snapshotWindow" is "03:00-03:30": it must be .* at least 60 minutes/],
        ["a malformed maintenance window", { maintenanceWindow: "sunday:05:00-sunday:06:00" }, /"maintenanceWindow" is "sunday:05:00-sunday:06:00": it must be a weekly UTC window/],
        ["a 59-minute maintenance window", { maintenanceWindow: "sun:05:00-sun:05:59" }, /"maintenanceWindow" is "sun:05:00-sun:05:59"/],
        ["overlapping windows", { snapshotWindow: "05:00-07:00", maintenanceWindow: "sun:06:00-sun:08:00" }, /"maintenanceWindow" is "sun:06:00-sun:08:00": it must be a window that does not overlap the snapshot window "05:00-07:00"/],
        ["windows overlapping across midnight", { snapshotWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" }, /does not overlap the snapshot window "23:30-00:30"/],
        ["an unknown maxmemory policy", { maxmemoryPolicy: "lru" as any }, /"maxmemoryPolicy" is "lru": it must be one of "volatile-lru", "allkeys-lru"/],
        ["a retention CloudWatch rejects", { logRetentionDays: 10 as any }, /"logRetentionDays" is 10: it must be a retention CloudWatch Logs accepts/],
        ["a replica with a single subnet", { replicas: 1, subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"] }, /"subnetIds" is \["subnet-0aaaaaaaaaaaaaaaa"\]: it must be at least 2 subnets in different Availability Zones/],
        ["no data key", { kmsKeyArn: undefined as any }, /"kmsKeyArn" is not set: it must be set/],
        ["no logs key", { logsKeyArn: undefined as any }, /"logsKeyArn" is not set/],
        ["serverless Redis OSS 6.2", { serverless: true, engine: "redis", engineVersion: "6.2" }, /"engineVersion" is "6.2": it must be a version ElastiCache Serverless runs for "redis" \(7.x\)/],
        ["serverless storage of 0 GB", { serverless: true, serverlessMaxStorageGb: 0 }, /"serverlessMaxStorageGb" is 0: it must be an integer from 1 to 5000/],
        ["serverless ECPU limit below 1000", { serverless: true, serverlessMaxEcpuPerSecond: 500 }, /"serverlessMaxEcpuPerSecond" is 500: it must be an integer from 1000 to 15000000/],
        ["a string for protect", { protect: "yes" as any }, /"protect" is "yes": it must be true or false/],
    ];
    for (const [what, overrides, message] of bad) {
        it(`rejects ${what}, naming the field and the fix`, () => {
            const error = rejection("cache", devArgs(overrides));
            assert.match(error.message, /^In "cache" Cache, /);
            assert.match(error.message, message);
            assert.match(error.message, /Pass a "[A-Za-z.]+" that meets this where the "cache" Cache is created/);
        });
    }

    it("rejects component names ElastiCache ids cannot carry", () => {
        assert.match(rejection("Cache", devArgs()).message, /"name" is "Cache": it must be at most 29 lowercase letters/);
        assert.match(rejection("a".repeat(30), devArgs()).message, /"name" is "a{30}"/);
        assert.match(rejection("my--cache", devArgs()).message, /"name" is "my--cache"/);
        assert.strictEqual(validateCacheArgs("a".repeat(29), devArgs()).engine, "valkey");
    });

    it("checks the subnet count only when the list is known", () => {
        assert.strictEqual(validateCacheArgs("cache", devArgs({ replicas: 1, subnetIds: pulumi.output(["subnet-1"]) })).replicas, 1);
        assert.strictEqual(validateCacheArgs("cache", devArgs({ serverless: true, subnetIds: ["subnet-1"], replicas: 1 })).serverless, true);
    });

    it("maps engine versions to parameter group families", () => {
        assert.deepStrictEqual(
            [["valkey", "7.2"], ["valkey", "8.0"], ["valkey", "8.1"], ["redis", "6.2"], ["redis", "7.0"], ["redis", "7.1"]].map(([e, v]) =>
                parameterGroupFamily(e as any, v),
            ),
            ["valkey7", "valkey8", "valkey8", "redis6.x", "redis7", "redis7"],
        );
    });
});

describe("Cache with bad arguments", () => {
    it("fails the program with the named message before registering anything", async () => {
        let caught: unknown;
        const rec = await record(() => {
            try {
                new Cache("cache", devArgs({ nodeType: "cache.x9.huge" as any, replicas: 1 }));
            } catch (error) {
                caught = error;
            }
        });
        assert.ok(caught instanceof ConfigError);
        assert.match((caught as Error).message, /In "cache" Cache, "nodeType" is "cache.x9.huge"/);
        assert.deepStrictEqual(rec.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("registers nothing for any bad field, including window overlap and replica count", async () => {
        for (const overrides of [{ replicas: 9 }, { engineVersion: "9.0" as any }, { snapshotWindow: "05:00-07:00", maintenanceWindow: "sun:06:00-sun:07:00" }]) {
            let caught: unknown;
            const rec = await record(() => {
                try {
                    new Cache("cache", devArgs(overrides));
                } catch (error) {
                    caught = error;
                }
            });
            assert.ok(caught instanceof ConfigError, JSON.stringify(overrides));
            assert.strictEqual(rec.resources.length, 1, rec.resources.map((r) => r.name).join(", "));
        }
    });
});
