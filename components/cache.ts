import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { argError } from "../stacks/errors";
import {
    CACHE_ENGINES,
    CACHE_ENGINE_VERSIONS,
    CACHE_NODE_TYPES,
    CacheEngine,
    CacheEngineVersion,
    CacheNodeType,
    DEFAULT_CACHE_ENGINE_VERSION,
    LOG_RETENTION_DAYS,
    LogRetentionDays,
    MAXMEMORY_POLICIES,
    MaxmemoryPolicy,
} from "../stacks/types";
import { MINIMUM_WINDOW_MINUTES, parseDailyWindow, parseWeeklyWindow, windowMinutes, windowsOverlap } from "../stacks/windows";

/** Valkey and Redis OSS listen here; the security group opens nothing else. */
export const CACHE_PORT = 6379;

/**
 * The only non-alphanumeric characters ElastiCache accepts in an AUTH token (CreateReplicationGroup
 * AuthToken constraints; RBAC user passwords accept them too). Anything wider fails at create time.
 */
export const AUTH_TOKEN_SPECIAL_CHARACTERS = "!&#$^<>-";
export const AUTH_TOKEN_LENGTH = 64;

/**
 * What the serverless cache's `default` user may run: everything except the @dangerous category
 * (FLUSHALL, KEYS, CONFIG, DEBUG, ...), which a read-through cache never needs.
 */
export const SERVERLESS_ACCESS_STRING = "on ~* +@all -@dangerous";

export const MAX_REPLICAS = 5;
export const MAX_SNAPSHOT_RETENTION_DAYS = 35;
/** ElastiCache Serverless limits (CacheUsageLimits): storage 1 to 5000 GB, 1000 to 15,000,000 ECPUs a second. */
export const SERVERLESS_STORAGE_GB_RANGE = [1, 5000] as const;
export const SERVERLESS_ECPU_RANGE = [1000, 15_000_000] as const;

/**
 * Replication group and serverless cache ids are at most 40 characters and Pulumi appends `-` and
 * 7 characters to the child name `${name}-rg`, so the component name gets 40 - 11.
 */
const MAX_NAME_LENGTH = 29;
const NAME_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

/** Engine versions ElastiCache Serverless offers (its `majorEngineVersion`). */
const SERVERLESS_MAJOR_VERSIONS: Record<CacheEngine, readonly string[]> = { valkey: ["7", "8"], redis: ["7"] };

export interface CacheArgs {
    /**
     * The VPC the cache's security group lives in.
     * @example network.vpcId
     */
    vpcId: pulumi.Input<string>;
    /**
     * Isolated-tier subnets (no route to the internet) for the cache nodes or serverless endpoints.
     * With `replicas >= 1` they must span at least two Availability Zones.
     * @example network.isolatedSubnetIds
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * `valkey` (node prices about 20% below Redis OSS, serverless floor about $6 a month) or `redis`.
     * @default "valkey"
     * @example "redis"
     */
    engine?: CacheEngine;
    /**
     * Engine version: valkey 7.2, 8.0, 8.1; redis 6.2, 7.0, 7.1 (serverless: valkey 7.2+ or redis 7.x).
     * @default "8.0" for valkey, "7.1" for redis
     * @example "8.1"
     */
    engineVersion?: CacheEngineVersion;
    /**
     * Node type of every node (node-based only), one of CACHE_NODE_TYPES.
     * @default "cache.t4g.micro" (smallest burstable, about $9.34 a month on Valkey)
     * @example "cache.t4g.small"
     */
    nodeType?: CacheNodeType;
    /**
     * Read replicas, 0 to 5 (node-based only). At least 1 turns on automatic failover and Multi-AZ.
     * @default 0
     * @example 1
     */
    replicas?: number;
    /**
     * Use ElastiCache Serverless instead of nodes: no node type, replicas, parameter group or slow log.
     * @default false
     * @example true
     */
    serverless?: boolean;
    /**
     * Serverless only: the most data the cache may hold, in GB (1 to 5000); a cost cap.
     * @default 1
     * @example 5
     */
    serverlessMaxStorageGb?: number;
    /**
     * Serverless only: the most ECPUs a second the cache may use (1000 to 15,000,000); a cost cap.
     * @default 5000
     * @example 20000
     */
    serverlessMaxEcpuPerSecond?: number;
    /**
     * Days of automatic daily snapshots, 0 (off) to 35.
     * @default 1
     * @example 7
     */
    snapshotRetentionDays?: number;
    /**
     * Daily UTC snapshot window "hh:mm-hh:mm", at least 60 minutes (serverless uses its start time).
     * @default "03:00-04:00"
     * @example "02:00-03:00"
     */
    snapshotWindow?: string;
    /**
     * Weekly UTC maintenance window "ddd:hh:mm-ddd:hh:mm", at least 60 minutes, not overlapping the
     * snapshot window (node-based only; serverless is patched without a window).
     * @default "sun:05:00-sun:06:00"
     * @example "tue:04:30-tue:05:30"
     */
    maintenanceWindow?: string;
    /**
     * What the engine evicts when memory is full (node-based only).
     * @default "allkeys-lru" (the cache only holds data it can fetch again)
     * @example "volatile-lru"
     */
    maxmemoryPolicy?: MaxmemoryPolicy;
    /**
     * KMS key for data at rest: the cache, its snapshots and the AUTH token's secret.
     * @example baseline.dataKeyArn
     */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * KMS key of the slow-log log group; its policy must let CloudWatch Logs use it.
     * @example baseline.logsKeyArn
     */
    logsKeyArn: pulumi.Input<string>;
    /**
     * Days to keep the slow log, one of the values CloudWatch Logs accepts.
     * @default 14
     * @example 90
     */
    logRetentionDays?: LogRetentionDays;
    /**
     * Generation of the AUTH token, 1 or more. The token reaches ElastiCache through the provider's
     * write-only inputs (`authTokenWo`, `passwordsWo`), which are sent only when this number changes:
     * raise it to rotate the token (ElastiCache's ROTATE strategy keeps the old one valid until the next
     * change, so running functions keep working until they read the new secret).
     * @default 1
     * @example 2
     */
    authTokenVersion?: number;
    /**
     * Protect the cache and its AUTH secret from deletion, and take a final snapshot when the
     * replication group is deleted anyway.
     * @default false
     * @example true
     */
    protect?: boolean;
}

/** CacheArgs with every default applied. */
export type ResolvedCacheArgs = Required<Omit<CacheArgs, "vpcId" | "subnetIds" | "kmsKeyArn" | "logsKeyArn">> &
    Pick<CacheArgs, "vpcId" | "subnetIds" | "kmsKeyArn" | "logsKeyArn">;

export function withCacheDefaults(args: CacheArgs): ResolvedCacheArgs {
    const engine = args.engine ?? "valkey";
    return {
        ...args,
        engine,
        engineVersion: args.engineVersion ?? DEFAULT_CACHE_ENGINE_VERSION[engine],
        nodeType: args.nodeType ?? "cache.t4g.micro",
        replicas: args.replicas ?? 0,
        serverless: args.serverless ?? false,
        serverlessMaxStorageGb: args.serverlessMaxStorageGb ?? 1,
        serverlessMaxEcpuPerSecond: args.serverlessMaxEcpuPerSecond ?? 5000,
        snapshotRetentionDays: args.snapshotRetentionDays ?? 1,
        snapshotWindow: args.snapshotWindow ?? "03:00-04:00",
        maintenanceWindow: args.maintenanceWindow ?? "sun:05:00-sun:06:00",
        maxmemoryPolicy: args.maxmemoryPolicy ?? "allkeys-lru",
        logRetentionDays: args.logRetentionDays ?? 14,
        authTokenVersion: args.authTokenVersion ?? 1,
        protect: args.protect ?? false,
    };
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function oneOf(values: readonly unknown[]): string {
    return `one of ${values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ")}`;
}

/**
 * Applies defaults and checks every argument a reader can get wrong, before any resource exists.
 * Throws a ConfigError naming the field, the bad value and what is allowed.
 */
export function validateCacheArgs(name: string, args: CacheArgs): ResolvedCacheArgs {
    const fail = (field: string, value: unknown, allowed: string) => argError("Cache", name, field, value, allowed);
    if (typeof name !== "string" || name.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(name)) {
        throw fail("name", name, `at most ${MAX_NAME_LENGTH} lowercase letters, digits and single hyphens, starting with a letter (ElastiCache ids derive from it)`);
    }
    for (const field of ["vpcId", "subnetIds", "kmsKeyArn", "logsKeyArn"] as const) {
        if (args[field] === undefined || args[field] === "") throw fail(field, args[field], "set");
    }
    const resolved = withCacheDefaults(args);
    const { engine, engineVersion } = resolved;

    if (!(CACHE_ENGINES as readonly unknown[]).includes(engine)) throw fail("engine", engine, oneOf(CACHE_ENGINES));
    const versions: readonly string[] = CACHE_ENGINE_VERSIONS[engine];
    if (!versions.includes(engineVersion)) throw fail("engineVersion", engineVersion, `${oneOf(versions)} for engine "${engine}"`);
    if (!(CACHE_NODE_TYPES as readonly unknown[]).includes(resolved.nodeType)) throw fail("nodeType", resolved.nodeType, oneOf(CACHE_NODE_TYPES));
    if (!isIntegerIn(resolved.replicas, 0, MAX_REPLICAS)) throw fail("replicas", resolved.replicas, `an integer from 0 to ${MAX_REPLICAS}`);
    if (typeof resolved.serverless !== "boolean") throw fail("serverless", resolved.serverless, "true or false");
    if (typeof resolved.protect !== "boolean") throw fail("protect", resolved.protect, "true or false");
    if (!isIntegerIn(resolved.authTokenVersion, 1, Number.MAX_SAFE_INTEGER)) {
        throw fail("authTokenVersion", resolved.authTokenVersion, "a whole number of at least 1 (raise it by one to rotate the AUTH token)");
    }
    if (!isIntegerIn(resolved.snapshotRetentionDays, 0, MAX_SNAPSHOT_RETENTION_DAYS)) {
        throw fail("snapshotRetentionDays", resolved.snapshotRetentionDays, `an integer from 0 (no snapshots) to ${MAX_SNAPSHOT_RETENTION_DAYS}`);
    }
    if (!(MAXMEMORY_POLICIES as readonly unknown[]).includes(resolved.maxmemoryPolicy)) {
        throw fail("maxmemoryPolicy", resolved.maxmemoryPolicy, oneOf(MAXMEMORY_POLICIES));
    }
    if (!(LOG_RETENTION_DAYS as readonly unknown[]).includes(resolved.logRetentionDays)) {
        throw fail("logRetentionDays", resolved.logRetentionDays, `a retention CloudWatch Logs accepts: ${oneOf(LOG_RETENTION_DAYS)}`);
    }

    const snapshot = typeof resolved.snapshotWindow === "string" ? parseDailyWindow(resolved.snapshotWindow) : undefined;
    if (!snapshot || windowMinutes(snapshot) < MINIMUM_WINDOW_MINUTES) {
        throw fail("snapshotWindow", resolved.snapshotWindow, `a daily UTC window "hh:mm-hh:mm" of at least ${MINIMUM_WINDOW_MINUTES} minutes, e.g. "03:00-04:00"`);
    }
    const maintenance = typeof resolved.maintenanceWindow === "string" ? parseWeeklyWindow(resolved.maintenanceWindow) : undefined;
    if (!maintenance || windowMinutes(maintenance) < MINIMUM_WINDOW_MINUTES) {
        throw fail("maintenanceWindow", resolved.maintenanceWindow, `a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of at least ${MINIMUM_WINDOW_MINUTES} minutes, e.g. "sun:05:00-sun:06:00"`);
    }
    if (windowsOverlap(snapshot, maintenance)) {
        throw fail("maintenanceWindow", resolved.maintenanceWindow, `a window that does not overlap the snapshot window "${resolved.snapshotWindow}" on any day (ElastiCache rejects overlapping windows)`);
    }

    if (resolved.serverless) {
        if (!SERVERLESS_MAJOR_VERSIONS[engine].includes(serverlessMajorVersion(engineVersion))) {
            throw fail("engineVersion", engineVersion, `a version ElastiCache Serverless runs for "${engine}" (${SERVERLESS_MAJOR_VERSIONS[engine].map((v) => `${v}.x`).join(", ")}), or "serverless" false`);
        }
        const [minGb, maxGb] = SERVERLESS_STORAGE_GB_RANGE;
        if (!isIntegerIn(resolved.serverlessMaxStorageGb, minGb, maxGb)) {
            throw fail("serverlessMaxStorageGb", resolved.serverlessMaxStorageGb, `an integer from ${minGb} to ${maxGb}`);
        }
        const [minEcpu, maxEcpu] = SERVERLESS_ECPU_RANGE;
        if (!isIntegerIn(resolved.serverlessMaxEcpuPerSecond, minEcpu, maxEcpu)) {
            throw fail("serverlessMaxEcpuPerSecond", resolved.serverlessMaxEcpuPerSecond, `an integer from ${minEcpu} to ${maxEcpu}`);
        }
    } else if (resolved.replicas >= 1 && Array.isArray(args.subnetIds) && args.subnetIds.length < 2) {
        // Only checkable when the list itself is known; each id may still be an Output.
        throw fail("subnetIds", args.subnetIds, `at least 2 subnets in different Availability Zones, because "replicas" ${resolved.replicas} turns on Multi-AZ`);
    }
    return resolved;
}

/** The parameter group family of an engine version: valkey7, valkey8, redis6.x, redis7. */
export function parameterGroupFamily(engine: CacheEngine, engineVersion: string): string {
    const major = engineVersion.split(".")[0];
    return engine === "redis" && major === "6" ? "redis6.x" : `${engine}${major}`;
}

function serverlessMajorVersion(engineVersion: string): string {
    return engineVersion.split(".")[0];
}

/**
 * Online TLS migration (the transitEncryptionMode setting) exists from Valkey 7.2 and Redis OSS 7.0;
 * older engines reject the setting, and a group created with TLS on requires it anyway.
 */
export function supportsTransitEncryptionMode(engine: CacheEngine, engineVersion: string): boolean {
    return engine === "valkey" || Number(engineVersion.split(".")[0]) >= 7;
}

/** A physical id that stays stable across runs and differs between projects, stacks and components. */
function physicalId(name: string, suffix: string): string {
    const raw = `${pulumi.getProject()}-${pulumi.getStack()}-${name}-${suffix}`.toLowerCase();
    const cleaned = raw.replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^[^a-z]+/, "").replace(/-$/, "");
    return cleaned.slice(0, 120).replace(/-$/, "");
}

/**
 * An ElastiCache cache (Valkey or Redis OSS) reachable only from security groups that `allowClient`
 * names: TLS required, AUTH token in Secrets Manager, encrypted at rest with the data key, on
 * isolated subnets. Node-based by default; `serverless: true` switches to ElastiCache Serverless.
 */
export class Cache extends pulumi.ComponentResource {
    /** Primary endpoint host (serverless: the cache endpoint). Connect with TLS. */
    readonly endpoint: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    /** The cache's security group: no rules of its own, only those `allowClient` adds. */
    readonly securityGroupId: pulumi.Output<string>;
    /** ARN of the Secrets Manager secret whose SecretString is the bare AUTH token. */
    readonly authSecretArn: pulumi.Output<string>;
    /** The replication group id (node-based only). */
    readonly replicationGroupId: pulumi.Output<string> | undefined;
    /** The serverless cache name (serverless only). */
    readonly serverlessCacheName: pulumi.Output<string> | undefined;

    private readonly name: string;
    private readonly clientNames = new Set<string>();

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = validateCacheArgs(name, args);
        super("bulwark:data:Cache", name, {}, opts);
        this.name = name;

        const authToken = this.createAuthToken(settings);
        const authSecret = this.createAuthSecret(settings, authToken);
        const securityGroup = this.createSecurityGroup(settings);
        const cache = settings.serverless
            ? this.createServerlessCache(settings, authToken, securityGroup)
            : this.createReplicationGroup(settings, authToken, securityGroup);

        this.endpoint = cache.endpoint;
        this.port = cache.port;
        this.securityGroupId = securityGroup.id;
        this.authSecretArn = authSecret.arn;
        this.replicationGroupId = cache.replicationGroupId;
        this.serverlessCacheName = cache.serverlessCacheName;
        this.registerOutputs({
            endpoint: this.endpoint,
            port: this.port,
            securityGroupId: this.securityGroupId,
            authSecretArn: this.authSecretArn,
            // Only the mode's own id: an undefined output makes the engine warn on every run.
            ...(cache.replicationGroupId ? { replicationGroupId: cache.replicationGroupId } : {}),
            ...(cache.serverlessCacheName ? { serverlessCacheName: cache.serverlessCacheName } : {}),
        });
    }

    /**
     * Lets one client security group reach the cache port. The rule is a child of the cache named
     * `${name}-from-${clientName}`; the source is that security group, never a CIDR.
     */
    allowClient(clientName: string, securityGroupId: pulumi.Input<string>): aws.vpc.SecurityGroupIngressRule {
        if (this.clientNames.has(clientName)) {
            throw argError("Cache", this.name, "allowClient.clientName", clientName, "a name not already allowed on this cache (call allowClient once per client)");
        }
        const rule = allowCacheClient(this.name, { clientName, clientSecurityGroupId: securityGroupId, cacheSecurityGroupId: this.securityGroupId }, { parent: this });
        this.clientNames.add(clientName);
        return rule;
    }

    /** A new token for each `authTokenVersion`, so raising the version is all a rotation takes. */
    private createAuthToken(settings: ResolvedCacheArgs): random.RandomPassword {
        return new random.RandomPassword(
            `${this.name}-auth-token`,
            {
                keepers: { version: String(settings.authTokenVersion) },
                length: AUTH_TOKEN_LENGTH,
                special: true,
                overrideSpecial: AUTH_TOKEN_SPECIAL_CHARACTERS,
                minUpper: 1,
                minLower: 1,
                minNumeric: 1,
            },
            { parent: this },
        );
    }

    private createAuthSecret(settings: ResolvedCacheArgs, authToken: random.RandomPassword): aws.secretsmanager.Secret {
        const secret = new aws.secretsmanager.Secret(
            `${this.name}-auth-secret`,
            {
                description: `AUTH token of the "${this.name}" cache (the bare token as SecretString)`,
                kmsKeyId: settings.kmsKeyArn,
            },
            { parent: this, protect: settings.protect },
        );
        new aws.secretsmanager.SecretVersion(
            `${this.name}-auth-secret-version`,
            { secretId: secret.id, secretStringWo: pulumi.secret(authToken.result), secretStringWoVersion: settings.authTokenVersion },
            { parent: this },
        );
        return secret;
    }

    private createSecurityGroup(settings: ResolvedCacheArgs): aws.ec2.SecurityGroup {
        // No inline ingress/egress: inline rules would fight the separate rules allowClient adds, and
        // the provider removes AWS's default allow-all egress rule, so the cache cannot call out.
        return new aws.ec2.SecurityGroup(
            `${this.name}-sg`,
            { vpcId: settings.vpcId, description: `Cache "${this.name}": ingress only from allowed client security groups` },
            { parent: this },
        );
    }

    private createReplicationGroup(
        settings: ResolvedCacheArgs,
        authToken: random.RandomPassword,
        securityGroup: aws.ec2.SecurityGroup,
    ): CacheEndpoint {
        const subnetGroup = new aws.elasticache.SubnetGroup(
            `${this.name}-subnet-group`,
            { subnetIds: settings.subnetIds, description: `Cache "${this.name}": isolated subnets` },
            { parent: this },
        );
        const parameterGroup = new aws.elasticache.ParameterGroup(
            `${this.name}-params`,
            {
                family: parameterGroupFamily(settings.engine, settings.engineVersion),
                description: `Cache "${this.name}" parameters`,
                parameters: [{ name: "maxmemory-policy", value: settings.maxmemoryPolicy }],
            },
            { parent: this },
        );
        const slowLog = new aws.cloudwatch.LogGroup(
            `${this.name}-slow-log`,
            { retentionInDays: settings.logRetentionDays, kmsKeyId: settings.logsKeyArn },
            { parent: this },
        );
        const highlyAvailable = settings.replicas >= 1;
        const finalSnapshot = settings.protect ? this.finalSnapshotIdentifier(settings, subnetGroup) : undefined;
        const group = new aws.elasticache.ReplicationGroup(
            `${this.name}-rg`,
            {
                description: `Cache "${this.name}"`,
                engine: settings.engine,
                engineVersion: settings.engineVersion,
                nodeType: settings.nodeType,
                clusterMode: "disabled",
                numCacheClusters: 1 + settings.replicas,
                automaticFailoverEnabled: highlyAvailable,
                multiAzEnabled: highlyAvailable,
                port: CACHE_PORT,
                subnetGroupName: subnetGroup.name,
                securityGroupIds: [securityGroup.id],
                parameterGroupName: parameterGroup.name,
                atRestEncryptionEnabled: true,
                kmsKeyId: settings.kmsKeyArn,
                transitEncryptionEnabled: true,
                transitEncryptionMode: supportsTransitEncryptionMode(settings.engine, settings.engineVersion) ? "required" : undefined,
                // Write-only: never in the group's outputs, sent only when the version changes.
                authTokenWo: pulumi.secret(authToken.result),
                authTokenWoVersion: settings.authTokenVersion,
                authTokenUpdateStrategy: "ROTATE",
                snapshotRetentionLimit: settings.snapshotRetentionDays,
                snapshotWindow: settings.snapshotWindow,
                maintenanceWindow: settings.maintenanceWindow,
                autoMinorVersionUpgrade: true,
                // Changes wait for the maintenance window instead of restarting nodes mid-deploy.
                applyImmediately: false,
                finalSnapshotIdentifier: finalSnapshot,
                logDeliveryConfigurations: [
                    { destination: slowLog.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
                ],
            },
            { parent: this, protect: settings.protect },
        );
        return {
            endpoint: group.primaryEndpointAddress,
            port: group.port.apply((port) => port ?? CACHE_PORT),
            replicationGroupId: group.replicationGroupId,
            serverlessCacheName: undefined,
        };
    }

    /**
     * ElastiCache takes the final snapshot under the identifier in the deleted group's state, and a
     * snapshot name can exist once: a fixed name works for the first replacement and makes the second
     * fail (SnapshotAlreadyExistsFault), leaving the old group behind. The suffix is regenerated with
     * every input that replaces the group (the provider's ForceNew arguments Bulwark sets), so each
     * generation of the group names its own snapshot; changing the identifier alone is an in-place update.
     */
    private finalSnapshotIdentifier(settings: ResolvedCacheArgs, subnetGroup: aws.elasticache.SubnetGroup): pulumi.Output<string> {
        const suffix = new random.RandomId(
            `${this.name}-final-snapshot-suffix`,
            {
                byteLength: 4,
                // The replacing inputs that can vary here; port, at-rest encryption and cluster mode are fixed.
                keepers: { subnetGroupName: subnetGroup.name, kmsKeyId: settings.kmsKeyArn },
            },
            { parent: this },
        );
        return pulumi.interpolate`${physicalId(this.name, "final")}-${suffix.hex}`;
    }

    /**
     * Serverless caches only authenticate through RBAC user groups, and every group needs a user
     * named `default`. Giving that user the AUTH token as its password means a client that sends
     * just the token (AUTH <token>, as the API function does) works the same on both modes.
     */
    private createServerlessCache(
        settings: ResolvedCacheArgs,
        authToken: random.RandomPassword,
        securityGroup: aws.ec2.SecurityGroup,
    ): CacheEndpoint {
        const defaultUser = new aws.elasticache.User(
            `${this.name}-default-user`,
            {
                userId: physicalId(this.name, "default"),
                userName: "default",
                engine: settings.engine,
                accessString: SERVERLESS_ACCESS_STRING,
                passwordsWo: pulumi.secret(authToken.result),
                passwordsWoVersion: settings.authTokenVersion,
            },
            { parent: this },
        );
        const userGroup = new aws.elasticache.UserGroup(
            `${this.name}-user-group`,
            { userGroupId: physicalId(this.name, "users"), engine: settings.engine, userIds: [defaultUser.userId] },
            { parent: this },
        );
        const cache = new aws.elasticache.ServerlessCache(
            `${this.name}-serverless`,
            {
                description: `Cache "${this.name}"`,
                engine: settings.engine,
                majorEngineVersion: serverlessMajorVersion(settings.engineVersion),
                kmsKeyId: settings.kmsKeyArn,
                securityGroupIds: [securityGroup.id],
                subnetIds: settings.subnetIds,
                userGroupId: userGroup.userGroupId,
                cacheUsageLimits: {
                    dataStorage: { maximum: settings.serverlessMaxStorageGb, unit: "GB" },
                    ecpuPerSeconds: [{ maximum: settings.serverlessMaxEcpuPerSecond }],
                },
                snapshotRetentionLimit: settings.snapshotRetentionDays,
                dailySnapshotTime: settings.snapshotWindow.split("-")[0],
            },
            { parent: this, protect: settings.protect },
        );
        const primary = cache.endpoints.apply((endpoints) => endpoints?.[0]);
        return {
            endpoint: primary.apply((e) => e?.address ?? ""),
            port: primary.apply((e) => e?.port ?? CACHE_PORT),
            replicationGroupId: undefined,
            serverlessCacheName: cache.name,
        };
    }
}

interface CacheEndpoint {
    endpoint: pulumi.Output<string>;
    port: pulumi.Output<number>;
    replicationGroupId: pulumi.Output<string> | undefined;
    serverlessCacheName: pulumi.Output<string> | undefined;
}

export interface CacheClientArgs {
    /** The client's name, in the rule's name and description. @example "api" */
    clientName: string;
    /** The client's security group, the rule's only source. @example fn.securityGroupId */
    clientSecurityGroupId: pulumi.Input<string>;
    /** The cache's security group. @example cache.securityGroupId, or a data stack's output */
    cacheSecurityGroupId: pulumi.Input<string>;
}

/**
 * The ingress rule `Cache.allowClient` adds, for a client in another stack than the cache (a layered
 * app stack admits itself to the data stack's cache, which cannot read the app's outputs without a
 * cycle). Named `${cacheName}-from-${clientName}` either way, so both layouts deploy the same rule.
 */
export function allowCacheClient(cacheName: string, args: CacheClientArgs, opts?: pulumi.CustomResourceOptions): aws.vpc.SecurityGroupIngressRule {
    const { clientName, clientSecurityGroupId, cacheSecurityGroupId } = args ?? ({} as CacheClientArgs);
    if (typeof clientName !== "string" || !NAME_PATTERN.test(clientName)) {
        throw argError("Cache", cacheName, "allowClient.clientName", clientName, "lowercase letters, digits and single hyphens, starting with a letter");
    }
    if (clientSecurityGroupId === undefined || clientSecurityGroupId === "") {
        throw argError("Cache", cacheName, "allowClient.securityGroupId", clientSecurityGroupId, `the security group of client "${clientName}"`);
    }
    if (cacheSecurityGroupId === undefined || cacheSecurityGroupId === "") {
        throw argError("Cache", cacheName, "allowClient.cacheSecurityGroupId", cacheSecurityGroupId, "the cache's security group (the data stack's cacheSecurityGroupId output)");
    }
    return new aws.vpc.SecurityGroupIngressRule(
        `${cacheName}-from-${clientName}`,
        {
            securityGroupId: cacheSecurityGroupId,
            referencedSecurityGroupId: clientSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: CACHE_PORT,
            toPort: CACHE_PORT,
            description: `Cache clients: ${clientName}`,
        },
        opts,
    );
}
