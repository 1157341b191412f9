import { CacheArgs } from "../../components/cache";

export const DATA_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-a444-555555555555";
export const LOGS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/66666666-7777-4888-a999-000000000000";

export const CACHE_TYPE = "bulwark:data:Cache";
export const RG_TYPE = "aws:elasticache/replicationGroup:ReplicationGroup";
export const SERVERLESS_TYPE = "aws:elasticache/serverlessCache:ServerlessCache";
export const SG_TYPE = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS_TYPE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const PASSWORD_TYPE = "random:index/randomPassword:RandomPassword";
export const SECRET_TYPE = "aws:secretsmanager/secret:Secret";
export const SECRET_VERSION_TYPE = "aws:secretsmanager/secretVersion:SecretVersion";

/** What the dev profile passes: one micro node, short retention, nothing protected. */
export function devArgs(overrides: Partial<CacheArgs> = {}): CacheArgs {
    return {
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
        engine: "valkey",
        engineVersion: "8.0",
        nodeType: "cache.t4g.micro",
        replicas: 0,
        serverless: false,
        snapshotRetentionDays: 1,
        snapshotWindow: "03:00-04:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        maxmemoryPolicy: "allkeys-lru",
        kmsKeyArn: DATA_KEY_ARN,
        logsKeyArn: LOGS_KEY_ARN,
        logRetentionDays: 14,
        protect: false,
        ...overrides,
    };
}

/** What the prod profile passes: a replica in another AZ, a week of snapshots, protected. */
export function prodArgs(overrides: Partial<CacheArgs> = {}): CacheArgs {
    return devArgs({
        subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb", "subnet-0cccccccccccccccc"],
        nodeType: "cache.t4g.small",
        replicas: 1,
        snapshotRetentionDays: 7,
        logRetentionDays: 90,
        protect: true,
        ...overrides,
    });
}
