/**
 * The typed shape of a stack's settings and the lists of values each field accepts.
 * Defaults live in profiles.ts; validation lives in settings.ts.
 */

/** Named sets of defaults: `dev` is cheap, `prod` is resilient. */
export const PROFILE_NAMES = ["dev", "prod"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The layers of the layered layout, in deploy order: each layer's stack reads the outputs of the
 * layers before it through StackReferences (see stacks/layers.ts for what each exports).
 */
export const LAYER_NAMES = ["baseline", "network", "data", "app"] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

/** How private subnets reach the internet. */
export const NAT_STRATEGIES = ["none", "instance", "single", "perAz"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/** With `natStrategy: instance`, one NAT instance for the VPC or one per Availability Zone. */
export const NAT_INSTANCE_COUNTS = ["one", "perAz"] as const;
export type NatInstanceCount = (typeof NAT_INSTANCE_COUNTS)[number];

/** Small burstable instance types that are enough for a NAT instance. */
export const NAT_INSTANCE_TYPES = ["t4g.nano", "t4g.micro", "t4g.small", "t3.nano", "t3.micro"] as const;
export type NatInstanceType = (typeof NAT_INSTANCE_TYPES)[number];

/** AWS services the VPC may reach through interface endpoints (PrivateLink) instead of a NAT. */
export const INTERFACE_ENDPOINT_SERVICES = [
    "secretsmanager", "kms", "logs", "sts", "ssm", "monitoring", "xray", "lambda", "sns", "sqs", "ecr.api", "ecr.dkr",
    "elasticache",
] as const;
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/**
 * Endpoints the API function cannot work without when the VPC has no NAT: it reads its secret from
 * Secrets Manager at cold start. KMS is not here: Secrets Manager calls KMS itself on the caller's behalf
 * (kms:ViaService), so the function never opens a connection to KMS.
 */
export const ENDPOINTS_REQUIRED_WITHOUT_NAT: readonly InterfaceEndpointService[] = ["secretsmanager"];

export const CACHE_ENGINES = ["valkey", "redis"] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];

/** ElastiCache engine versions supported per engine. */
export const CACHE_ENGINE_VERSIONS = {
    valkey: ["7.2", "8.0", "8.1"],
    redis: ["6.2", "7.0", "7.1"],
} as const satisfies Record<CacheEngine, readonly string[]>;
export type CacheEngineVersion = (typeof CACHE_ENGINE_VERSIONS)[CacheEngine][number];

/** The engine version used when `cache.engineVersion` is not set: the newest listed per engine. */
export const DEFAULT_CACHE_ENGINE_VERSION: Record<CacheEngine, CacheEngineVersion> = {
    valkey: "8.0",
    redis: "7.1",
};

export const CACHE_NODE_TYPES = [
    "cache.t4g.micro", "cache.t4g.small", "cache.t4g.medium", "cache.t3.micro", "cache.t3.small", "cache.t3.medium",
    "cache.m7g.large", "cache.m7g.xlarge", "cache.r7g.large", "cache.r7g.xlarge", "cache.m6g.large", "cache.r6g.large",
] as const;
export type CacheNodeType = (typeof CACHE_NODE_TYPES)[number];

/** Redis/Valkey `maxmemory-policy` values. */
export const MAXMEMORY_POLICIES = [
    "volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl",
    "noeviction",
] as const;
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];

export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** How the security baseline splits its KMS keys: one per purpose, or one shared (see SecuritySettings.keyLayout). */
export const KEY_LAYOUTS = ["perPurpose", "shared"] as const;
export type KeyLayout = (typeof KEY_LAYOUTS)[number];

export const WAF_MODES = ["block", "count"] as const;
export type WafMode = (typeof WAF_MODES)[number];

/** Tag keys Bulwark sets on every resource itself; a stack cannot override them. */
export const RESERVED_TAG_KEYS = ["project", "stack"] as const;

export interface NetworkSettings {
    /**
     * The VPC's IPv4 range: a private (RFC 1918) CIDR from /16 to /23. Each of the public, private and
     * isolated tiers takes a quarter of it, split into 8 equal subnets (see carveSubnets).
     * dev "10.0.0.0/16", prod "10.10.0.0/16" (different, so the two can be peered later).
     */
    readonly cidr: string;
    /** Availability Zones to spread subnets over, 1 to 6. dev 2, prod 3; prod needs at least 2 to survive an AZ outage. */
    readonly azCount: number;
    /**
     * How private subnets reach the internet (the API calls its upstream over it).
     * `none`: no egress at all, AWS services only through interface endpoints (must include secretsmanager);
     * `instance`: NAT instances (about $3 a month each, no per-GB fee); `single`: one managed NAT gateway;
     * `perAz`: one managed NAT gateway per AZ (about $33 a month each), so an AZ outage cannot cut egress.
     * dev "instance", prod "perAz".
     */
    readonly natStrategy: NatStrategy;
    /** With `natStrategy: instance`: "one" NAT instance, or "perAz". dev "one", prod "perAz". */
    readonly natInstanceCount: NatInstanceCount;
    /** With `natStrategy: instance`: the instance type. Default "t4g.nano" (enough for a few Gbit/s bursts). */
    readonly natInstanceType: NatInstanceType;
    /** With `natStrategy: instance`: pin the NAT AMI (e.g. a fck-nat image) instead of looking up the latest. Default unset. */
    readonly natInstanceAmi?: string;
    /**
     * Interface endpoints (each about $7.30 a month per AZ) that keep AWS API calls inside the VPC.
     * dev [] (the NAT instance gives egress), prod ["secretsmanager"] (the secret never leaves the VPC).
     */
    readonly interfaceEndpoints: readonly InterfaceEndpointService[];
    /** Days to keep VPC flow logs in CloudWatch Logs. dev 14, prod 365. */
    readonly flowLogRetentionDays: LogRetentionDays;
    /** Use this existing VPC instead of creating one; needs both subnet lists below. Default unset. */
    readonly existingVpcId?: string;
    /** With existingVpcId: subnets (at least 2, with egress) for the API function. Default unset. */
    readonly existingPrivateSubnetIds?: readonly string[];
    /** With existingVpcId: subnets (at least 2, no route to the internet) for the cache. Default unset. */
    readonly existingIsolatedSubnetIds?: readonly string[];
}

export interface ApiSettings {
    /**
     * Lambda memory in MB, 128 to 10240 (CPU scales with it). dev 512, prod 1024.
     * Below 256 is accepted but not recommended (per the issue, seed 002 ran out of memory below that).
     */
    readonly memoryMb: number;
    /** Lambda timeout in seconds, 1 to 900; must be below cdn.originReadTimeoutSeconds. dev 10, prod 15. */
    readonly timeoutSeconds: number;
    /** Reserved concurrency (also a cost cap), or unset for the shared pool. dev unset, prod 50. */
    readonly reservedConcurrency?: number;
    /** Percent of traffic (0 to 50) sent to the new version during a deploy. Default 0 (all at once). */
    readonly canaryPercent: number;
    /**
     * The published version the `live` alias keeps serving while `canaryPercent` of traffic tries the
     * newest one; with canaryPercent 0 it rolls back to this version without a rebuild. Default unset.
     */
    readonly stableVersion?: string;
    /** The https origin the API caches. No credentials in it: those belong in Secrets Manager. Default "https://jsonplaceholder.typicode.com". */
    readonly upstreamUrl: string;
    /** Days to keep the function's logs. dev 14, prod 90. */
    readonly logRetentionDays: LogRetentionDays;
    /** Seconds an upstream response stays in Redis, 1 to 86400. Default 300. */
    readonly cacheTtlSeconds: number;
    /** Milliseconds to wait for Redis before going to the upstream, 5 to 1000 and below the function timeout. Default 50. */
    readonly redisTimeoutMs: number;
    /** Milliseconds to wait for the upstream, 100 to 899000 and below the function timeout. Default 3000. */
    readonly upstreamTimeoutMs: number;
}

export interface CacheSettings {
    /** "valkey" (about 20% cheaper than Redis OSS on nodes) or "redis". Default "valkey". */
    readonly engine: CacheEngine;
    /** Engine version from CACHE_ENGINE_VERSIONS for the engine. Default valkey "8.0", redis "7.1". */
    readonly engineVersion: CacheEngineVersion;
    /** Node type for node-based clusters. dev "cache.t4g.micro" (unused while serverless), prod "cache.m7g.large" (prod refuses burstable cache.t* nodes). */
    readonly nodeType: CacheNodeType;
    /** Read replicas, 0 to 5; at least 1 gives automatic failover. dev 0, prod 1 (prod needs at least 1 unless serverless). */
    readonly replicas: number;
    /** ElastiCache Serverless instead of nodes (nodeType and replicas are then unused; Redis needs 7.0 or later). dev true, prod false. */
    readonly serverless: boolean;
    /** Days of automatic snapshots, 0 (off) to 35. dev 1, prod 7 (prod needs at least 7). */
    readonly snapshotRetentionDays: number;
    /** Daily UTC snapshot window "hh:mm-hh:mm", at least 60 minutes. Default "03:00-04:00". */
    readonly snapshotWindow: string;
    /** Weekly UTC maintenance window "ddd:hh:mm-ddd:hh:mm", at least 60 minutes, not overlapping the snapshot window. Default "sun:05:00-sun:06:00". */
    readonly maintenanceWindow: string;
    /** What Redis evicts when full (node-based only). Default "allkeys-lru": the cache holds only re-fetchable data. */
    readonly maxmemoryPolicy: MaxmemoryPolicy;
}

export interface CdnSettings {
    /** CloudFront edge locations used. dev and prod "PriceClass_100" (North America and Europe, cheapest). */
    readonly priceClass: PriceClass;
    /** WAF action for its rules: "count" only logs, "block" blocks. dev and prod "block". */
    readonly wafMode: WafMode;
    /** Requests per IP per 5 minutes before the WAF rate rule acts, 10 (AWS's minimum) to 2000000000. Default 2000. */
    readonly rateLimitPer5Min: number;
    /** Seconds CloudFront waits for the origin, 1 to 60 (higher needs a quota increase). Default 30. */
    readonly originReadTimeoutSeconds: number;
    /** A custom domain for the distribution (lowercase hostname); needs certificateArn. Default unset. */
    readonly domainName?: string;
    /** ACM certificate for domainName; CloudFront only uses certificates in us-east-1. Default unset. */
    readonly certificateArn?: string;
    /** Serve static assets from a private S3 bucket through the distribution. Default false. */
    readonly staticAssets: boolean;
    /** Default and maximum TTL (seconds, 0 to 3600) CloudFront caches API responses. Default 5. */
    readonly apiCacheTtlSeconds: number;
    /** Days to keep CDN/WAF logs. dev 30, prod 365. */
    readonly logRetentionDays: LogRetentionDays;
}

export interface SecuritySettings {
    /**
     * Create the account-level services: GuardDuty, Security Hub, IAM Access Analyzer and the account's
     * S3 public access block. Each exists once per account and region, so only one stack may own them.
     * dev false, prod true.
     */
    readonly ownAccountServices: boolean;
    /** Addresses subscribed to the alarm topic (each confirms by email). Default []. */
    readonly alertEmails: readonly string[];
    /** Days a scheduled KMS key deletion waits, 7 to 30: the window to notice a mistake. dev 7, prod 30. */
    readonly kmsDeletionWindowDays: number;
    /** Days to keep CloudTrail logs in CloudWatch Logs. dev 90, prod 365. */
    readonly trailLogRetentionDays: LogRetentionDays;
    /** Create a CloudTrail trail for this stack; must be true with ownAccountServices (AWS Config delivers to its bucket). Default true. */
    readonly enableTrail: boolean;
    /**
     * KMS keys: "perPurpose" (logs, data, trail, alerts, edge: a grant for one purpose never opens another's
     * data) or "shared" (one key whose policy holds every purpose's statements, plus the edge key outside
     * us-east-1: $1 a month instead of $5). dev "shared", prod "perPurpose" (the prod profile requires it).
     */
    readonly keyLayout: KeyLayout;
}

export interface MonitoringSettings {
    /** Alarm when the cache hit rate (percent, 0 to 100) falls below this. Default 80. */
    readonly hitRateThreshold: number;
    /** Alarm when p99 duration exceeds this percent (50 to 100) of the function timeout. Default 80. */
    readonly durationAlarmPercent: number;
    /** Alarm when cache CPU percent (1 to 100) exceeds this. Default 75. */
    readonly cacheCpuPercent: number;
    /** Alarm when cache memory use percent (1 to 100) exceeds this. Default 80. */
    readonly cacheMemoryPercent: number;
    /** Alarm when the CDN 5xx error rate percent (above 0, up to 100) exceeds this. Default 5. */
    readonly cdn5xxRatePercent: number;
    /** Create a CloudWatch dashboard (first 3 per account are free). Default true. */
    readonly dashboard: boolean;
}

/** Everything index.ts needs to build one stack, validated and deeply frozen. */
export interface Settings {
    /** The Pulumi stack name. */
    readonly stack: string;
    /**
     * `bulwark:layer`: the one layer this stack deploys in the layered layout, whose stacks are named
     * `<environment>-<layer>` (dev-network). Unset: the whole platform in one stack.
     */
    readonly layer?: LayerName;
    /** The environment: the stack name, less the `-<layer>` suffix of a layered stack (dev-network: dev). */
    readonly environment: string;
    /** The profile whose defaults apply: the environment's name for dev and prod, else `bulwark:profile`. */
    readonly profile: ProfileName;
    /** `aws:region` (required). */
    readonly region: string;
    /** Protect stateful resources from deletion (Pulumi `protect`). dev false, prod true. */
    readonly protect: boolean;
    /** Tags on every resource: `{ project: "bulwark", stack }` plus `bulwark:tags`. */
    readonly tags: Readonly<Record<string, string>>;
    readonly network: NetworkSettings;
    readonly api: ApiSettings;
    readonly cache: CacheSettings;
    readonly cdn: CdnSettings;
    readonly security: SecuritySettings;
    readonly monitoring: MonitoringSettings;
}

/** The sections of Settings that are objects of fields set with `--path`. */
export const SECTION_NAMES = ["network", "api", "cache", "cdn", "security", "monitoring"] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** A profile: the default of every section field, plus protect. */
export type Profile = { readonly protect: boolean } & { readonly [S in SectionName]: Settings[S] };
