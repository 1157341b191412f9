/**
 * Table-driven: every field rejects bad values with one message shape that names the key, the value,
 * what is allowed and where to set it, and the suggested command really fixes that key.
 */
import * as assert from "assert";
import { formatValue } from "../../stacks/errors";
import { SECTION_NAMES, SECTION_RULES, SectionName } from "../../stacks/settings";
import { applyFix, configErrorOf, resolve } from "./helpers";

type BadCase = unknown | { value: unknown; mentions: string; key?: string };
const VALID_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

/** Bad values for every field; `mentions` pins the specific reason where one is given. */
const BAD_VALUES: { [S in SectionName]: Record<keyof (typeof SECTION_RULES)[S], BadCase[]> } = {
    network: {
        cidr: [
            { value: "10.0.0.0/8", mentions: "/16" },
            { value: "8.8.0.0/16", mentions: "RFC 1918" },
            { value: "172.32.0.0/16", mentions: "RFC 1918" },
            { value: "10.0.1.0/16", mentions: "such as 10.0.0.0/16" },
            { value: "10.0.0.0/24", mentions: "/23 or larger" },
            "not-a-cidr", 10,
        ],
        azCount: [0, 7, 2.5, "two"],
        natStrategy: ["nat", ""],
        natInstanceCount: ["two"],
        natInstanceType: ["m5.large"],
        natInstanceAmi: ["ami-xyz", "ami-1234567"],
        interfaceEndpoints: [
            { value: ["s3"], mentions: "secretsmanager", key: "bulwark:network.interfaceEndpoints[0]" },
            { value: ["kms", "kms"], mentions: "not a repeat", key: "bulwark:network.interfaceEndpoints[1]" },
            "kms",
        ],
        flowLogRetentionDays: [15, 0],
        existingVpcId: ["vpc-123", "vpc-XYZ12345"],
        existingPrivateSubnetIds: [["subnet-12345678"], { value: ["sub-1", "subnet-12345678"], mentions: "subnet id", key: "bulwark:network.existingPrivateSubnetIds[0]" }],
        existingIsolatedSubnetIds: [["subnet-12345678"], "subnet-12345678"],
    },
    api: {
        memoryMb: [64, 10241, 512.5, "lots"],
        timeoutSeconds: [0, 901],
        reservedConcurrency: [0, -1, 1.5],
        canaryPercent: [-1, 51, "half"],
        stableVersion: ["$LATEST", 0, "v3", 2.5],
        upstreamUrl: [
            { value: "http://example.com", mentions: "clear text" },
            { value: "https://user:hunter2@example.com", mentions: "Secrets Manager" },
            "not a url",
        ],
        logRetentionDays: [10],
        cacheTtlSeconds: [0, 86401],
        upstreamTimeoutMs: [99, 899_001, "slow"],
        redisTimeoutMs: [4, 1001],
    },
    cache: {
        engine: ["memcached"],
        engineVersion: ["9.9"],
        nodeType: ["cache.m5.large"],
        replicas: [-1, 6],
        serverless: ["yes"],
        snapshotRetentionDays: [36, -1],
        snapshotWindow: ["3-4", "03:00-03:30", "24:00-01:00"],
        maintenanceWindow: ["sunday:05:00-sunday:06:00", "sun:05:00-sun:05:30", "Sun:05:00-Sun:06:00"],
        maxmemoryPolicy: ["lru"],
    },
    cdn: {
        priceClass: ["100"],
        wafMode: ["off"],
        rateLimitPer5Min: [9, 2000000001],
        originReadTimeoutSeconds: [0, 61],
        domainName: ["Example.com", "localhost", "-a.example.com", "a..example.com"],
        certificateArn: [
            { value: VALID_ARN.replace("us-east-1", "eu-west-1"), mentions: "only uses certificates from that region" },
            "arn:aws:iam::123456789012:server-certificate/x",
        ],
        staticAssets: [1],
        apiCacheTtlSeconds: [-1, 3601],
        logRetentionDays: [2],
    },
    security: {
        ownAccountServices: ["maybe"],
        alertEmails: [
            { value: ["ops@example.com", "ops"], mentions: "email address", key: "bulwark:security.alertEmails[1]" },
            { value: ["a@example.com", "A@example.com"], mentions: "not a repeat", key: "bulwark:security.alertEmails[1]" },
            "ops@example.com",
        ],
        kmsDeletionWindowDays: [6, 31],
        trailLogRetentionDays: [100],
        enableTrail: ["no", null],
        keyLayout: [{ value: "one", mentions: '"perPurpose", "shared"' }, "PerPurpose", true],
    },
    monitoring: {
        hitRateThreshold: [-1, 101],
        durationAlarmPercent: [49, 101],
        cacheCpuPercent: [0, 101],
        cacheMemoryPercent: [0, 101],
        cdn5xxRatePercent: [0, 101],
        dashboard: ["on"],
    },
};

function normalize(badCase: BadCase, defaultKey: string): { value: unknown; mentions?: string; key: string } {
    if (typeof badCase === "object" && badCase !== null && "mentions" in badCase) {
        const { value, mentions, key } = badCase as { value: unknown; mentions: string; key?: string };
        return { value, mentions, key: key ?? defaultKey };
    }
    return { value: badCase, key: defaultKey };
}

describe("stacks: every field rejects bad values", () => {
    it("has bad values for every field of every section", () => {
        for (const section of SECTION_NAMES) {
            assert.deepStrictEqual(Object.keys(BAD_VALUES[section]).sort(), Object.keys(SECTION_RULES[section]).sort(), section);
        }
    });

    for (const section of SECTION_NAMES) {
        for (const [field, badCases] of Object.entries(BAD_VALUES[section] as Record<string, BadCase[]>)) {
            for (const badCase of badCases) {
                const { value, mentions, key } = normalize(badCase, `bulwark:${section}.${field}`);
                it(`${section}.${field} = ${JSON.stringify(value)}`, () => {
                    const values = { [section]: { [field]: value } };
                    const error = configErrorOf(() => resolve(values));
                    assert.strictEqual(error.key, key);
                    const shown = key === `bulwark:${section}.${field}` ? value : error.value;
                    const verb = error.fix.startsWith("pulumi config rm") ? "Remove" : "Set";
                    assert.ok(
                        error.message.startsWith(`${key} is ${formatValue(shown)}: it must be ${error.allowed}. ${verb} it with \`${error.fix}\``),
                        error.message,
                    );
                    assert.ok(error.message.endsWith("` (stack file Pulumi.dev.yaml)."), error.message);
                    assert.match(error.fix, /^pulumi config (set|rm) --path /);
                    if (mentions !== undefined) {
                        assert.ok(error.allowed.includes(mentions), `"${error.allowed}" should mention "${mentions}"`);
                    }
                    const fixed = applyFix(values, error.fix);
                    try {
                        resolve(fixed);
                    } catch (next) {
                        const nextKey = (next as { key?: string }).key ?? "";
                        assert.ok(!nextKey.startsWith(`bulwark:${section}.${field}`), `the fix left ${nextKey} broken: ${String(next)}`);
                    }
                });
            }
        }
    }
});
