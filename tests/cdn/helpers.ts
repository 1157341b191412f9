import { Cdn, CdnArgs } from "../../components/cdn";
import { record, Recording } from "../helpers/offline";

export const FUNCTION_HOST = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws";
export const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
export const EDGE_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-8444-555555555555";

export const T = {
    cdn: "bulwark:edge:Cdn",
    provider: "pulumi:providers:aws",
    distribution: "aws:cloudfront/distribution:Distribution",
    oac: "aws:cloudfront/originAccessControl:OriginAccessControl",
    cachePolicy: "aws:cloudfront/cachePolicy:CachePolicy",
    headersPolicy: "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    permission: "aws:lambda/permission:Permission",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    bucket: "aws:s3/bucket:Bucket",
    publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    deliverySource: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
    deliveryDestination: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
    delivery: "aws:cloudwatch/logDelivery:LogDelivery",
} as const;

export function baseArgs(overrides: Partial<CdnArgs> = {}): CdnArgs {
    return { functionUrl: `https://${FUNCTION_HOST}/`, functionName: "api-fn", aliasName: "live", edgeKmsKeyArn: EDGE_KEY_ARN, ...overrides };
}

/** Records one Cdn named "cdn" in an eu-west-1 stack, so anything that lands in us-east-1 got there on purpose. */
export function recordCdn(overrides: Partial<CdnArgs> = {}, options: { preview?: boolean } = {}): Promise<Recording> {
    return record(() => new Cdn("cdn", baseArgs(overrides)), { region: "eu-west-1", ...options });
}

export function statements(policyJson: string): any[] {
    return JSON.parse(policyJson).Statement;
}
