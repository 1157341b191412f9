import * as pulumi from "@pulumi/pulumi";
import { FunctionArgs } from "../../components/function";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const VPC_ID = "vpc-0a1b2c3d4e5f60718";
export const SUBNET_IDS = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"];
export const CACHE_SG = "sg-0cacecacecacecace";
export const ENDPOINT_SG = "sg-0e0e0e0e0e0e0e0e0";
export const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bulwark-dev-cache-auth-AbCdEf`;
export const DATA_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-4333-a444-555555555555`;
export const LOGS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/66666666-7777-4888-a999-000000000000`;
export const CACHE_HOST = "master.bulwark-dev-cache.abc123.use1.cache.amazonaws.com";

/** Valid arguments as index.ts would pass them for dev; tests change one thing at a time. */
export function functionArgs(overrides: Partial<FunctionArgs> = {}): FunctionArgs {
    return {
        vpcId: VPC_ID,
        subnetIds: SUBNET_IDS,
        httpsEgress: "nat",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler=async()=>({})") }),
        memoryMb: 512,
        timeoutSeconds: 10,
        originReadTimeoutSeconds: 30,
        upstreamUrl: "https://jsonplaceholder.typicode.com",
        cacheTtlSeconds: 300,
        redisTimeoutMs: 50,
        cache: { endpoint: CACHE_HOST, port: 6379, securityGroupId: CACHE_SG, authSecretArn: SECRET_ARN },
        logRetentionDays: 14,
        logsKeyArn: LOGS_KEY_ARN,
        envKeyArn: DATA_KEY_ARN,
        ...overrides,
    };
}
