import * as assert from "assert";
import { allowCacheClient, AUTH_TOKEN_SPECIAL_CHARACTERS, CACHE_PORT, Cache, SERVERLESS_ACCESS_STRING } from "../../components/cache";
import { RecordedResource } from "../../tools/engine/recorder";
import { Recording, assertRejects, isSecret, record, unwrap, UNKNOWN } from "../helpers/offline";
import {
    CACHE_TYPE, DATA_KEY_ARN, INGRESS_TYPE, LOGS_KEY_ARN, PASSWORD_TYPE, RG_TYPE, SECRET_TYPE, SECRET_VERSION_TYPE,
    SERVERLESS_TYPE, SG_TYPE, devArgs, prodArgs,
} from "./fixtures";

const NODE_CHILDREN = {
    [PASSWORD_TYPE]: 1,
    [SECRET_TYPE]: 1,
    [SECRET_VERSION_TYPE]: 1,
    [SG_TYPE]: 1,
    "aws:elasticache/subnetGroup:SubnetGroup": 1,
    "aws:elasticache/parameterGroup:ParameterGroup": 1,
    "aws:cloudwatch/logGroup:LogGroup": 1,
    [RG_TYPE]: 1,
};

/** True when `needle` occurs in `value` outside every secret wrapper. */
function appearsInPlain(value: unknown, needle: string): boolean {
    if (isSecret(value)) return false;
    if (typeof value === "string") return value.includes(needle);
    if (Array.isArray(value)) return value.some((v) => appearsInPlain(v, needle));
    if (typeof value === "object" && value !== null) return Object.values(value).some((v) => appearsInPlain(v, needle));
    return false;
}

/** Paths of the secret-wrapped values in which `needle` occurs. */
function secretPathsContaining(value: unknown, needle: string, path = ""): string[] {
    if (isSecret(value)) return JSON.stringify(unwrap(value)).includes(needle) ? [path] : [];
    if (Array.isArray(value)) return value.flatMap((v, i) => secretPathsContaining(v, needle, `${path}[${i}]`));
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => secretPathsContaining(v, needle, path ? `${path}.${k}` : k));
    }
    return [];
}

function generatedToken(rec: Recording): string {
    const token = unwrap(rec.one(PASSWORD_TYPE).outputs).result;
    assert.strictEqual(typeof token, "string");
    return token as string;
}

describe("Cache (node-based, dev-like)", () => {
    let rec: Recording;
    before(async () => {
        // Export what index.ts would, so the stack outputs are checked for the token too.
        rec = await record(() => {
            const cache = new Cache("cache", devArgs());
            const { endpoint, port, securityGroupId, authSecretArn, replicationGroupId } = cache;
            return { endpoint, port, securityGroupId, authSecretArn, replicationGroupId };
        });
    });

    it("creates exactly the node-based children, all parented to the component", () => {
        rec.assertChildren(rec.one(CACHE_TYPE).urn, NODE_CHILDREN);
        const nonStack = rec.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
        assert.strictEqual(nonStack.length, 1 + Object.values(NODE_CHILDREN).reduce((a, b) => a + b));
    });

    it("names every child after the component", () => {
        const names = rec.childrenOf(rec.one(CACHE_TYPE).urn).map((r) => r.name).sort();
        assert.deepStrictEqual(names, [
            "cache-auth-secret", "cache-auth-secret-version", "cache-auth-token", "cache-params", "cache-rg", "cache-sg",
            "cache-slow-log", "cache-subnet-group",
        ]);
    });

    it("runs one micro node without failover, encrypted in transit and at rest", () => {
        const rg = rec.inputs(RG_TYPE);
        assert.strictEqual(rg.engine, "valkey");
        assert.strictEqual(rg.engineVersion, "8.0");
        assert.strictEqual(rg.nodeType, "cache.t4g.micro");
        assert.strictEqual(rg.clusterMode, "disabled");
        assert.strictEqual(rg.numCacheClusters, 1);
        assert.strictEqual(rg.automaticFailoverEnabled, false);
        assert.strictEqual(rg.multiAzEnabled, false);
        assert.strictEqual(rg.port, CACHE_PORT);
        assert.strictEqual(rg.transitEncryptionEnabled, true);
        assert.strictEqual(rg.transitEncryptionMode, "required");
        assert.strictEqual(rg.atRestEncryptionEnabled, true);
        assert.strictEqual(rg.kmsKeyId, DATA_KEY_ARN);
        assert.strictEqual(rg.autoMinorVersionUpgrade, true);
        assert.strictEqual(rg.applyImmediately, false);
        assert.strictEqual(rg.snapshotRetentionLimit, 1);
        assert.strictEqual(rg.snapshotWindow, "03:00-04:00");
        assert.strictEqual(rg.maintenanceWindow, "sun:05:00-sun:06:00");
        assert.strictEqual(rg.finalSnapshotIdentifier, undefined);
        assert.strictEqual(rec.one(RG_TYPE).options.protect, false);
        assert.strictEqual(rec.one(SECRET_TYPE).options.protect, false);
    });

    it("wires the subnet group, security group and parameter group into the replication group", () => {
        const rg = rec.inputs(RG_TYPE);
        const subnetGroup = rec.one("aws:elasticache/subnetGroup:SubnetGroup");
        const securityGroup = rec.one(SG_TYPE);
        const parameterGroup = rec.one("aws:elasticache/parameterGroup:ParameterGroup");
        assert.deepStrictEqual(unwrap(subnetGroup.inputs).subnetIds, devArgs().subnetIds);
        assert.strictEqual(rg.subnetGroupName, unwrap(subnetGroup.outputs).name);
        assert.deepStrictEqual(rg.securityGroupIds, [securityGroup.id]);
        assert.strictEqual(rg.parameterGroupName, unwrap(parameterGroup.outputs).name);
        assert.deepStrictEqual(unwrap(parameterGroup.inputs).parameters, [{ name: "maxmemory-policy", value: "allkeys-lru" }]);
        assert.strictEqual(unwrap(parameterGroup.inputs).family, "valkey8");
    });

    it("delivers the slow log as JSON to a KMS-encrypted log group with the given retention", () => {
        const logGroup = rec.one("aws:cloudwatch/logGroup:LogGroup");
        assert.deepStrictEqual(unwrap(logGroup.inputs).kmsKeyId, LOGS_KEY_ARN);
        assert.strictEqual(unwrap(logGroup.inputs).retentionInDays, 14);
        assert.deepStrictEqual(rec.inputs(RG_TYPE).logDeliveryConfigurations, [
            { destination: unwrap(logGroup.outputs).name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
        ]);
    });

    it("gives the security group no rules and no CIDR source of any kind", () => {
        const sg = rec.one(SG_TYPE);
        const inputs = unwrap(sg.inputs);
        assert.strictEqual(inputs.vpcId, devArgs().vpcId);
        assert.strictEqual(inputs.ingress, undefined);
        assert.strictEqual(inputs.egress, undefined);
        assert.ok(!/cidr/i.test(JSON.stringify(inputs)), JSON.stringify(inputs));
        assert.strictEqual(rec.ofType(INGRESS_TYPE).length, 0);
        assert.strictEqual(rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0);
        assert.strictEqual(rec.ofType("aws:ec2/securityGroupRule:SecurityGroupRule").length, 0);
    });

    it("makes a 64-character token from the characters ElastiCache accepts", () => {
        const inputs = rec.inputs(PASSWORD_TYPE);
        assert.strictEqual(inputs.length, 64);
        assert.strictEqual(inputs.special, true);
        assert.strictEqual(inputs.overrideSpecial, "!&#$^<>-");
        const token = generatedToken(rec);
        assert.strictEqual(token.length, 64);
        assert.match(token, /^[A-Za-z0-9!&#$^<>-]+$/);
        assert.ok(!/[/"@ ]/.test(AUTH_TOKEN_SPECIAL_CHARACTERS));
    });

    it("keeps the token secret everywhere: only inside secret wrappers, and exactly where it is used", () => {
        const token = generatedToken(rec);
        for (const resource of rec.resources) {
            assert.ok(!appearsInPlain(resource.inputs, token), `${resource.name} has the token in a plain input`);
            if (resource.type !== PASSWORD_TYPE) {
                assert.ok(!appearsInPlain(resource.outputs, token), `${resource.name} has the token in a plain output`);
            }
        }
        assert.deepStrictEqual(Object.keys(rec.run.stackOutputs).sort(), ["authSecretArn", "endpoint", "port", "replicationGroupId", "securityGroupId"]);
        assert.ok(!appearsInPlain(rec.run.stackOutputs, token));
        const usedIn = rec.resources.flatMap((r) => secretPathsContaining(r.inputs, token).map((path) => `${r.name}.${path}`)).sort();
        assert.deepStrictEqual(usedIn, ["cache-auth-secret-version.secretStringWo", "cache-rg.authTokenWo"]);
    });

    it("sends the token through write-only inputs only, versioned, and rotates without locking clients out", () => {
        const rg = rec.inputs(RG_TYPE);
        assert.strictEqual(rg.authToken, undefined, "authToken would keep the token in the group's outputs and diff it on every run");
        assert.strictEqual(rg.authTokenWoVersion, 1);
        assert.strictEqual(rg.authTokenUpdateStrategy, "ROTATE");
        assert.strictEqual(rec.inputs(SECRET_VERSION_TYPE).secretString, undefined);
        assert.strictEqual(rec.inputs(SECRET_VERSION_TYPE).secretStringWoVersion, 1);
        assert.deepStrictEqual(rec.inputs(PASSWORD_TYPE).keepers, { version: "1" });
    });

    it("makes a new token and sends it to both the group and the secret when authTokenVersion rises", async () => {
        const rotated = await record(() => void new Cache("cache", devArgs({ authTokenVersion: 2 })));
        assert.deepStrictEqual(rotated.inputs(PASSWORD_TYPE).keepers, { version: "2" });
        assert.strictEqual(rotated.inputs(RG_TYPE).authTokenWoVersion, 2);
        assert.strictEqual(rotated.inputs(SECRET_VERSION_TYPE).secretStringWoVersion, 2);
        assert.strictEqual(rotated.inputs(RG_TYPE).authTokenWo, generatedToken(rotated));
    });

    it("stores the bare token in a secret encrypted with the data key", () => {
        assert.strictEqual(rec.inputs(SECRET_TYPE).kmsKeyId, DATA_KEY_ARN);
        const version = rec.inputs(SECRET_VERSION_TYPE);
        assert.strictEqual(version.secretId, rec.one(SECRET_TYPE).id);
        assert.strictEqual(version.secretStringWo, generatedToken(rec));
    });
});

describe("Cache (node-based, prod-like)", () => {
    let rec: Recording;
    let cache: Cache;
    before(async () => {
        rec = await record(() => {
            cache = new Cache("cache", prodArgs());
        });
    });

    it("runs a primary and a replica with automatic failover across AZs", () => {
        const rg = rec.inputs(RG_TYPE);
        assert.strictEqual(rg.nodeType, "cache.t4g.small");
        assert.strictEqual(rg.numCacheClusters, 2);
        assert.strictEqual(rg.automaticFailoverEnabled, true);
        assert.strictEqual(rg.multiAzEnabled, true);
        assert.deepStrictEqual(unwrap(rec.one(RG_TYPE).outputs).memberClusters.length, 2);
    });

    it("keeps a week of snapshots, protects the data and takes a final snapshot", () => {
        const rg = rec.inputs(RG_TYPE);
        assert.strictEqual(rg.snapshotRetentionLimit, 7);
        assert.match(rg.finalSnapshotIdentifier, /^bulwark-dev-cache-final-[0-9a-f]{8}$/);
        assert.strictEqual(rec.one(RG_TYPE).options.protect, true);
        assert.strictEqual(rec.one(SECRET_TYPE).options.protect, true);
        assert.strictEqual(rec.inputs("aws:cloudwatch/logGroup:LogGroup").retentionInDays, 90);
    });

    it("names each generation's final snapshot apart: the suffix is regenerated with every input that replaces the group", async () => {
        const suffix = rec.one("random:index/randomId:RandomId");
        assert.strictEqual(suffix.name, "cache-final-snapshot-suffix");
        assert.strictEqual(rec.inputs(RG_TYPE).finalSnapshotIdentifier, `bulwark-dev-cache-final-${unwrap(suffix.outputs).hex}`);
        assert.deepStrictEqual(rec.one(RG_TYPE).propertyDependencies.finalSnapshotIdentifier, [suffix.urn]);
        const keepers = unwrap(suffix.inputs).keepers;
        assert.deepStrictEqual(Object.keys(keepers).sort(), ["kmsKeyId", "subnetGroupName"]);
        assert.strictEqual(keepers.subnetGroupName, rec.inputs(RG_TYPE).subnetGroupName);
        assert.strictEqual(keepers.kmsKeyId, rec.inputs(RG_TYPE).kmsKeyId);
        // A new key replaces the group (kms_key_id is ForceNew) and changes a keeper, which replaces the
        // suffix: the random provider draws a new value (the mocks keep theirs, so the keepers are what is checked).
        const otherKey = DATA_KEY_ARN.replace(/.{4}$/, "ffff");
        const rekeyed = await record(() => void new Cache("cache", prodArgs({ kmsKeyArn: otherKey })));
        assert.strictEqual(unwrap(rekeyed.one("random:index/randomId:RandomId").inputs).keepers.kmsKeyId, otherKey);
    });

    it("sets numCacheClusters to 1 + replicas for every replica count", async () => {
        for (const replicas of [2, 5]) {
            const each = await record(() => void new Cache("cache", prodArgs({ replicas })));
            assert.strictEqual(each.inputs(RG_TYPE).numCacheClusters, 1 + replicas);
            assert.strictEqual(each.inputs(RG_TYPE).automaticFailoverEnabled, true);
        }
    });

    it("exposes the primary endpoint, port, security group and secret ARN", async () => {
        const rg = unwrap(rec.one(RG_TYPE).outputs);
        const outputs = unwrap(rec.one(CACHE_TYPE).outputs);
        assert.match(rg.primaryEndpointAddress, /^master\.cache-rg-[0-9a-f]{7}\./);
        assert.strictEqual(outputs.endpoint, rg.primaryEndpointAddress);
        assert.strictEqual(outputs.port, 6379);
        assert.strictEqual(outputs.securityGroupId, rec.one(SG_TYPE).id);
        assert.strictEqual(outputs.authSecretArn, unwrap(rec.one(SECRET_TYPE).outputs).arn);
        assert.strictEqual(outputs.replicationGroupId, rg.replicationGroupId);
        assert.strictEqual(await (cache.endpoint as any).promise(), rg.primaryEndpointAddress);
        assert.match(await (cache.authSecretArn as any).promise(), /^arn:aws:secretsmanager:us-east-1:123456789012:secret:/);
        assert.strictEqual(cache.serverlessCacheName, undefined);
    });
});

describe("Cache engines and families", () => {
    const cases: [string, string, string, string | undefined][] = [
        ["valkey", "7.2", "valkey7", "required"],
        ["valkey", "8.1", "valkey8", "required"],
        ["redis", "7.1", "redis7", "required"],
        ["redis", "7.0", "redis7", "required"],
        // Redis OSS 6.2 predates online TLS migration: the mode setting is left out, TLS stays required.
        ["redis", "6.2", "redis6.x", undefined],
    ];
    for (const [engine, engineVersion, family, mode] of cases) {
        it(`${engine} ${engineVersion} uses parameter family ${family}`, async () => {
            const rec = await record(() => void new Cache("cache", devArgs({ engine: engine as any, engineVersion: engineVersion as any })));
            const rg = rec.inputs(RG_TYPE);
            assert.strictEqual(rg.engine, engine);
            assert.strictEqual(rg.engineVersion, engineVersion);
            assert.strictEqual(rg.transitEncryptionEnabled, true);
            assert.strictEqual(rg.transitEncryptionMode, mode);
            assert.strictEqual(rec.inputs("aws:elasticache/parameterGroup:ParameterGroup").family, family);
        });
    }

    it("applies the maxmemory policy it is given", async () => {
        const rec = await record(() => void new Cache("cache", devArgs({ maxmemoryPolicy: "volatile-ttl" })));
        assert.deepStrictEqual(rec.inputs("aws:elasticache/parameterGroup:ParameterGroup").parameters, [
            { name: "maxmemory-policy", value: "volatile-ttl" },
        ]);
    });

    it("defaults to one Valkey 8.0 t4g.micro node with allkeys-lru", async () => {
        const rec = await record(() =>
            void new Cache("cache", { vpcId: "vpc-1", subnetIds: ["subnet-1"], kmsKeyArn: DATA_KEY_ARN, logsKeyArn: LOGS_KEY_ARN }),
        );
        const rg = rec.inputs(RG_TYPE);
        assert.deepStrictEqual(
            [rg.engine, rg.engineVersion, rg.nodeType, rg.numCacheClusters, rg.snapshotRetentionLimit, rg.snapshotWindow, rg.maintenanceWindow],
            ["valkey", "8.0", "cache.t4g.micro", 1, 1, "03:00-04:00", "sun:05:00-sun:06:00"],
        );
        assert.strictEqual(rec.inputs("aws:cloudwatch/logGroup:LogGroup").retentionInDays, 14);
        assert.deepStrictEqual(rec.inputs("aws:elasticache/parameterGroup:ParameterGroup").parameters[0].value, "allkeys-lru");
    });
});

describe("Cache.allowClient", () => {
    it("opens the cache port to one client security group, and nothing else", async () => {
        const rec = await record(() => {
            const cache = new Cache("cache", devArgs());
            cache.allowClient("api", "sg-0123456789abcdef0");
        });
        const cache = rec.one(CACHE_TYPE);
        const rule = rec.one(INGRESS_TYPE);
        assert.strictEqual(rule.name, "cache-from-api");
        assert.strictEqual(rule.parent, cache.urn);
        const inputs = unwrap(rule.inputs);
        assert.strictEqual(inputs.securityGroupId, rec.one(SG_TYPE).id);
        assert.strictEqual(inputs.referencedSecurityGroupId, "sg-0123456789abcdef0");
        assert.strictEqual(inputs.ipProtocol, "tcp");
        assert.strictEqual(inputs.fromPort, 6379);
        assert.strictEqual(inputs.toPort, 6379);
        assert.strictEqual(inputs.cidrIpv4, undefined);
        assert.strictEqual(inputs.cidrIpv6, undefined);
        assert.strictEqual(inputs.prefixListId, undefined);
        rec.assertChildren(cache.urn, { ...NODE_CHILDREN, [INGRESS_TYPE]: 1 });
    });

    it("adds one rule per client", async () => {
        const rec = await record(() => {
            const cache = new Cache("cache", devArgs());
            cache.allowClient("api", "sg-0aaaaaaaaaaaaaaaa");
            cache.allowClient("worker", "sg-0bbbbbbbbbbbbbbbb");
        });
        const rules = rec.ofType(INGRESS_TYPE).map((r) => [r.name, unwrap(r.inputs).referencedSecurityGroupId]).sort();
        assert.deepStrictEqual(rules, [["cache-from-api", "sg-0aaaaaaaaaaaaaaaa"], ["cache-from-worker", "sg-0bbbbbbbbbbbbbbbb"]]);
    });

    it("refuses the same client twice and a malformed client name, naming the argument", async () => {
        await assertRejects(
            record(() => {
                const cache = new Cache("cache", devArgs());
                cache.allowClient("api", "sg-0aaaaaaaaaaaaaaaa");
                cache.allowClient("api", "sg-0bbbbbbbbbbbbbbbb");
            }),
            /In "cache" Cache, "allowClient.clientName" is "api": it must be a name not already allowed/,
        );
        await assertRejects(
            record(() => void new Cache("cache", devArgs()).allowClient("API Lambda", "sg-0aaaaaaaaaaaaaaaa")),
            /"allowClient.clientName" is "API Lambda": it must be lowercase letters/,
        );
    });
});

describe("allowCacheClient (a client in another stack than the cache)", () => {
    it("adds the rule allowClient would, on the cache group it is given, at the stack's root", async () => {
        const rec = await record(() => {
            allowCacheClient("cache", { clientName: "api", clientSecurityGroupId: "sg-0aaaaaaaaaaaaaaaa", cacheSecurityGroupId: "sg-0cccccccccccccccc" });
        });
        const rule = rec.one(INGRESS_TYPE);
        assert.strictEqual(rule.name, "cache-from-api");
        assert.strictEqual(rule.parent, rec.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.urn);
        const inputs = unwrap(rule.inputs);
        assert.deepStrictEqual(
            [inputs.securityGroupId, inputs.referencedSecurityGroupId, inputs.ipProtocol, inputs.fromPort, inputs.toPort],
            ["sg-0cccccccccccccccc", "sg-0aaaaaaaaaaaaaaaa", "tcp", CACHE_PORT, CACHE_PORT],
        );
    });

    it("registers nothing without the cache's group or the client's, naming the argument", async () => {
        await assertRejects(
            record(() => void allowCacheClient("cache", { clientName: "api", clientSecurityGroupId: "sg-0aaaaaaaaaaaaaaaa", cacheSecurityGroupId: "" })),
            /"allowClient.cacheSecurityGroupId" is "": it must be the cache's security group \(the data stack's cacheSecurityGroupId output\)/,
        );
        await assertRejects(
            record(() => void allowCacheClient("cache", { clientName: "api", clientSecurityGroupId: undefined as unknown as string, cacheSecurityGroupId: "sg-0cccccccccccccccc" })),
            /"allowClient.securityGroupId" is not set: it must be the security group of client "api"/,
        );
    });
});

describe("Cache (serverless)", () => {
    let rec: Recording;
    let cache: Cache;
    before(async () => {
        rec = await record(() => {
            cache = new Cache("cache", devArgs({ serverless: true, snapshotRetentionDays: 3, snapshotWindow: "02:30-03:30" }));
            cache.allowClient("api", "sg-0123456789abcdef0");
        });
    });

    it("creates a serverless cache, its RBAC user and group, and no node-only children", () => {
        rec.assertChildren(rec.one(CACHE_TYPE).urn, {
            [PASSWORD_TYPE]: 1,
            [SECRET_TYPE]: 1,
            [SECRET_VERSION_TYPE]: 1,
            [SG_TYPE]: 1,
            "aws:elasticache/user:User": 1,
            "aws:elasticache/userGroup:UserGroup": 1,
            [SERVERLESS_TYPE]: 1,
            [INGRESS_TYPE]: 1,
        });
        const names = rec.childrenOf(rec.one(CACHE_TYPE).urn).map((r) => r.name);
        assert.ok(names.every((n) => n.startsWith("cache-")), names.join(", "));
    });

    it("encrypts with the data key, sits in the given subnets behind the cache security group, with small limits", () => {
        const inputs = rec.inputs(SERVERLESS_TYPE);
        assert.strictEqual(inputs.engine, "valkey");
        assert.strictEqual(inputs.majorEngineVersion, "8");
        assert.strictEqual(inputs.kmsKeyId, DATA_KEY_ARN);
        assert.deepStrictEqual(inputs.subnetIds, devArgs().subnetIds);
        assert.deepStrictEqual(inputs.securityGroupIds, [rec.one(SG_TYPE).id]);
        assert.deepStrictEqual(inputs.cacheUsageLimits, { dataStorage: { maximum: 1, unit: "GB" }, ecpuPerSeconds: [{ maximum: 5000 }] });
        assert.strictEqual(inputs.snapshotRetentionLimit, 3);
        assert.strictEqual(inputs.dailySnapshotTime, "02:30");
        assert.strictEqual(inputs.userGroupId, unwrap(rec.one("aws:elasticache/userGroup:UserGroup").outputs).userGroupId);
    });

    it("authenticates the default user with the token, secret everywhere", () => {
        const token = generatedToken(rec);
        const user = rec.inputs("aws:elasticache/user:User");
        assert.strictEqual(user.userName, "default");
        assert.strictEqual(user.engine, "valkey");
        assert.strictEqual(user.accessString, SERVERLESS_ACCESS_STRING);
        assert.strictEqual(user.authenticationMode, undefined, "passwords there would sit in the user's outputs");
        assert.strictEqual(user.passwordsWo, token);
        assert.strictEqual(user.passwordsWoVersion, 1);
        assert.strictEqual(user.noPasswordRequired, undefined);
        assert.deepStrictEqual(rec.inputs("aws:elasticache/userGroup:UserGroup").userIds, [user.userId]);
        for (const resource of rec.resources) {
            assert.ok(!appearsInPlain(resource.inputs, token), `${resource.name} has the token in a plain input`);
        }
        const usedIn = rec.resources.flatMap((r) => secretPathsContaining(r.inputs, token).map((path) => `${r.name}.${path}`)).sort();
        assert.deepStrictEqual(usedIn, ["cache-auth-secret-version.secretStringWo", "cache-default-user.passwordsWo"]);
    });

    it("exposes the serverless endpoint and protects it like the node-based cache", async () => {
        const outputs = unwrap(rec.one(SERVERLESS_TYPE).outputs);
        assert.strictEqual(await (cache.endpoint as any).promise(), outputs.endpoints[0].address);
        assert.strictEqual(await (cache.port as any).promise(), 6379);
        assert.strictEqual(cache.replicationGroupId, undefined);
        assert.strictEqual(await (cache.serverlessCacheName as any).promise(), outputs.name);
        assert.strictEqual(rec.one(SERVERLESS_TYPE).options.protect, false);
        const prod = await record(() => void new Cache("cache", prodArgs({ serverless: true, replicas: 0 })));
        assert.strictEqual(prod.one(SERVERLESS_TYPE).options.protect, true);
        assert.strictEqual(prod.one(SECRET_TYPE).options.protect, true);
    });

    it("runs Redis OSS 7 serverless with a redis-engine user group", async () => {
        const redis = await record(() => void new Cache("cache", devArgs({ serverless: true, engine: "redis", engineVersion: "7.1" })));
        assert.strictEqual(redis.inputs(SERVERLESS_TYPE).majorEngineVersion, "7");
        assert.strictEqual(redis.inputs("aws:elasticache/user:User").engine, "redis");
        assert.strictEqual(redis.inputs("aws:elasticache/userGroup:UserGroup").engine, "redis");
    });
});

describe("Cache under preview", () => {
    it("plans with every AWS-computed value unknown and the settings known", async () => {
        const rec = await record(() => void new Cache("cache", prodArgs()).allowClient("api", "sg-0123456789abcdef0"), { preview: true });
        const rg: RecordedResource = rec.one(RG_TYPE);
        assert.strictEqual(unwrap(rg.inputs).numCacheClusters, 2);
        assert.deepStrictEqual(unwrap(rg.inputs).securityGroupIds, [UNKNOWN]);
        // Auto-names are chosen before anything exists, so they are known in preview.
        assert.match(unwrap(rg.inputs).subnetGroupName, /^cache-subnet-group-[0-9a-f]{7}$/);
        assert.strictEqual(unwrap(rec.one(INGRESS_TYPE).inputs).securityGroupId, UNKNOWN);
        assert.ok(isSecret(rg.inputs.authTokenWo), "the token is secret even while unknown");
    });
});
