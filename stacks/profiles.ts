/**
 * Per-environment defaults. A stack's `bulwark:*` config is merged over one of these.
 * dev is cheap (NAT instance, one cache node, short log retention); prod is resilient
 * (3 AZs, NAT gateway per AZ, a cache replica, week-long snapshots, protected resources).
 */
import { deepFreeze } from "./freeze";
import { Profile, ProfileName } from "./types";

const SHARED_API = {
    canaryPercent: 0,
    upstreamUrl: "https://jsonplaceholder.typicode.com",
    cacheTtlSeconds: 300,
    redisTimeoutMs: 50,
    upstreamTimeoutMs: 3000,
} as const;

const SHARED_CACHE = {
    engine: "valkey",
    engineVersion: "8.0",
    serverless: false,
    snapshotWindow: "03:00-04:00",
    maintenanceWindow: "sun:05:00-sun:06:00",
    maxmemoryPolicy: "allkeys-lru",
} as const;

const SHARED_CDN = {
    priceClass: "PriceClass_100",
    rateLimitPer5Min: 2000,
    originReadTimeoutSeconds: 30,
    staticAssets: false,
    apiCacheTtlSeconds: 5,
} as const;

const SHARED_MONITORING = {
    hitRateThreshold: 80,
    durationAlarmPercent: 80,
    cacheCpuPercent: 75,
    cacheMemoryPercent: 80,
    cdn5xxRatePercent: 5,
    dashboard: true,
} as const;

export const DEV_PROFILE: Profile = deepFreeze({
    protect: false,
    network: {
        cidr: "10.0.0.0/16",
        azCount: 2,
        natStrategy: "instance",
        natInstanceCount: "one",
        natInstanceType: "t4g.nano",
        interfaceEndpoints: [],
        flowLogRetentionDays: 14,
    },
    api: { ...SHARED_API, memoryMb: 512, timeoutSeconds: 10, logRetentionDays: 14 },
    // Serverless Valkey: a $6.13 floor against $9.34 for one t4g.micro node, with the same TLS (always on),
    // KMS encryption at rest, AUTH token (on the default user) and daily snapshot; nodeType stays for
    // a switch back to nodes.
    cache: { ...SHARED_CACHE, serverless: true, nodeType: "cache.t4g.micro", replicas: 0, snapshotRetentionDays: 1 },
    cdn: { ...SHARED_CDN, wafMode: "block", logRetentionDays: 30 },
    security: {
        ownAccountServices: false,
        alertEmails: [],
        kmsDeletionWindowDays: 7,
        trailLogRetentionDays: 90,
        enableTrail: true,
        keyLayout: "shared",
    },
    monitoring: SHARED_MONITORING,
});

export const PROD_PROFILE: Profile = deepFreeze({
    protect: true,
    network: {
        cidr: "10.10.0.0/16",
        azCount: 3,
        natStrategy: "perAz",
        natInstanceCount: "perAz",
        natInstanceType: "t4g.nano",
        interfaceEndpoints: ["secretsmanager"],
        flowLogRetentionDays: 365,
    },
    api: { ...SHARED_API, memoryMb: 1024, timeoutSeconds: 15, reservedConcurrency: 50, logRetentionDays: 90 },
    // Not burstable: a t4g node that spends its CPU credits is throttled to its baseline under steady load.
    cache: { ...SHARED_CACHE, nodeType: "cache.m7g.large", replicas: 1, snapshotRetentionDays: 7 },
    cdn: { ...SHARED_CDN, wafMode: "block", logRetentionDays: 365 },
    security: {
        ownAccountServices: true,
        alertEmails: [],
        kmsDeletionWindowDays: 30,
        trailLogRetentionDays: 365,
        enableTrail: true,
        keyLayout: "perPurpose",
    },
    monitoring: SHARED_MONITORING,
});

export const PROFILES: Readonly<Record<ProfileName, Profile>> = { dev: DEV_PROFILE, prod: PROD_PROFILE };

/** The least a prod stack may have, whatever its config says: the reasons are in the error messages. */
export const PROD_MINIMUMS = {
    azCount: 2,
    cacheReplicas: 1,
    snapshotRetentionDays: 7,
} as const;
