import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { renderPolicyDocument, PolicyDocumentInput } from "./policy-document";
import { answerFor, MockFile, outputsFor, unansweredInvoke } from "./mock-file";
import { CREATED_AT, fillDeclaredOutputs, genericOutput } from "./outputs";
import { invokeResultSchema, resourceSchema } from "./schema";
import { STACK_REFERENCE_TYPE, StackOutputs, stackReferenceState } from "./stack-outputs";
import { answerPublicParameter } from "./ssm-public";
import { ComponentExpansion, EXPANDERS } from "./remote";

/**
 * An offline stand-in for AWS behind `pulumi.runtime.setMocks`: deterministic ids, ARNs in AWS's own
 * shapes, and the outputs AWS computes (endpoints, domain names, versions) so that a program which
 * interpolates them behaves as it would against the real provider. Resource types it does not know
 * still get an id and a generic ARN; invokes it does not know fail loudly, because a silently empty
 * lookup would let a program plan offline and break against AWS.
 */

export const OFFLINE_ACCOUNT_ID = "123456789012";

export interface ExistingVpc {
    id: string;
    cidrBlock: string;
}

export interface ExistingSubnet {
    id: string;
    vpcId: string;
    availabilityZone: string;
    cidrBlock: string;
}

/** What the offline account already holds besides each region's default VPC, for lookups. */
export interface ExistingWorld {
    vpcs?: ExistingVpc[];
    subnets?: ExistingSubnet[];
    /** Answers and outputs the user supplied (`--mock-file`). */
    mocks?: MockFile;
    /** Other stacks' outputs (`--stack-outputs`), by the name a StackReference gives. */
    stackOutputs?: Map<string, StackOutputs>;
    /** Filled during the run: remote components expanded offline, or why one could not be, by `<type>::<name>`. */
    expansions?: Map<string, ComponentExpansion | { unsupported: string }>;
}

/** Every region of an account starts with a default VPC (172.31.0.0/16) and a public subnet per AZ. */
export const DEFAULT_VPC_ID = "vpc-0default000000000";

/** The EC2 subnet filters the offline world can answer (anything else selects what only the account knows). */
const SUBNET_FILTERS = ["vpc-id", "availability-zone", "default-for-az"];

function filterValue(inputs: Record<string, any>, name: string): string | undefined {
    const filter = (inputs.filters ?? []).find((f: { name: string }) => f.name === name);
    return filter?.values?.[0];
}

export interface OfflineAwsOptions {
    stack: string;
    region: string;
    accountId?: string;
    /** Mirror `pulumi preview` of a new stack: ids and everything AWS computes stay unknown. */
    preview?: boolean;
    existing?: ExistingWorld;
}

type State = Record<string, any>;

interface Context {
    type: string;
    name: string;
    inputs: State;
    hash: (salt?: string) => string;
    region: string;
    account: string;
    /** The region this resource lives in: its own `region` input, else its explicit provider's, else the stack's. */
    resourceRegion: string;
    created: Map<string, CreatedResource>;
}

interface CreatedResource {
    type: string;
    state: State;
}

/** Provider inputs arrive JSON-encoded for object-typed properties (defaultTags); resources' tags arrive as objects. */
function parseMaybeJson(value: unknown): Record<string, any> | undefined {
    if (typeof value === "string") {
        try {
            return JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    return typeof value === "object" && value !== null ? (value as Record<string, any>) : undefined;
}

type Computer = (ctx: Context, state: State) => { id: string; outputs?: State };

/** Properties the provider fills with `<name>-<7 hex>` when the program leaves them out (auto-naming). */
export const AUTO_NAMED_PROPERTIES: Record<string, string> = {
    "aws:iam/role:Role": "name",
    "aws:iam/policy:Policy": "name",
    "aws:iam/rolePolicy:RolePolicy": "name",
    "aws:lambda/function:Function": "name",
    "aws:cloudwatch/logGroup:LogGroup": "name",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
    "aws:cloudwatch/eventRule:EventRule": "name",
    "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": "name",
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": "name",
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:ec2/securityGroup:SecurityGroup": "name",
    "aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId",
    "aws:elasticache/subnetGroup:SubnetGroup": "name",
    "aws:elasticache/parameterGroup:ParameterGroup": "name",
    "aws:elasticache/serverlessCache:ServerlessCache": "name",
    "aws:elasticache/user:User": "userName",
    "aws:secretsmanager/secret:Secret": "name",
    "aws:sns/topic:Topic": "name",
    "aws:sqs/queue:Queue": "name",
    "aws:cloudtrail/trail:Trail": "name",
    "aws:wafv2/webAcl:WebAcl": "name",
    "aws:cloudfront/originAccessControl:OriginAccessControl": "name",
    "aws:cloudfront/cachePolicy:CachePolicy": "name",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": "name",
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": "name",
    "aws:lb/targetGroup:TargetGroup": "name",
    "aws:accessanalyzer/analyzer:Analyzer": "analyzerName",
    "aws:lambda/permission:Permission": "statementId",
    "aws:ec2/launchTemplate:LaunchTemplate": "name",
    "aws:iam/instanceProfile:InstanceProfile": "name",
};

/**
 * The property Pulumi auto-names on a type: the explicit table first, else `name` wherever the
 * provider takes a `name` input it does not require (pulumi-aws's setAutonaming applies AutoName to
 * every resource with a `name` input, which is why the SDK makes it optional).
 */
export function autoNamedProperty(type: string): string | undefined {
    if (AUTO_NAMED_PROPERTIES[type]) return AUTO_NAMED_PROPERTIES[type];
    const schema = resourceSchema(type);
    return schema && schema.inputs.has("name") && !schema.required.has("name") ? "name" : undefined;
}

/** Pulumi's auto-naming: the logical name, a dash and seven random hex characters (deterministic here). */
export function autoName(logicalName: string, hash: string): string {
    return `${logicalName}-${hash.slice(0, 7)}`;
}

function uuid(hex: string): string {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function arn(ctx: Context, service: string, resource: string, opts: { region?: string; account?: string } = {}): string {
    const region = opts.region ?? ctx.resourceRegion;
    const account = opts.account ?? ctx.account;
    return `arn:aws:${service}:${region}:${account}:${resource}`;
}

function shortRegion(region: string): string {
    // ElastiCache endpoints abbreviate the region: us-east-1 -> use1.
    const [area, direction, number] = region.split("-");
    return `${area}${direction?.[0] ?? ""}${number ?? ""}`;
}

const ec2 = (prefix: string, resourceType: string): Computer => (ctx) => {
    const id = `${prefix}-${ctx.hash().slice(0, 17)}`;
    return { id, outputs: { arn: arn(ctx, "ec2", `${resourceType}/${id}`), ownerId: ctx.account } };
};

const named = (service: string, resource: (name: string) => string, nameProperty = "name"): Computer => (ctx, state) => {
    const name = state[nameProperty] ?? ctx.name;
    return { id: name, outputs: { arn: arn(ctx, service, resource(name)) } };
};

const COMPUTERS: Record<string, Computer> = {
    "aws:ec2/vpc:Vpc": (ctx) => {
        const id = `vpc-${ctx.hash().slice(0, 17)}`;
        return {
            id,
            outputs: {
                arn: arn(ctx, "ec2", `vpc/${id}`),
                ownerId: ctx.account,
                defaultSecurityGroupId: `sg-${ctx.hash("default-sg").slice(0, 17)}`,
                defaultNetworkAclId: `acl-${ctx.hash("default-acl").slice(0, 17)}`,
                defaultRouteTableId: `rtb-${ctx.hash("main-rtb").slice(0, 17)}`,
                mainRouteTableId: `rtb-${ctx.hash("main-rtb").slice(0, 17)}`,
                dhcpOptionsId: `dopt-${ctx.hash("dopt").slice(0, 17)}`,
                ipv6AssociationId: "",
            },
        };
    },
    "aws:ec2/subnet:Subnet": (ctx, state) => {
        const id = `subnet-${ctx.hash().slice(0, 17)}`;
        const az = state.availabilityZone ?? `${ctx.resourceRegion}a`;
        return {
            id,
            outputs: {
                arn: arn(ctx, "ec2", `subnet/${id}`),
                ownerId: ctx.account,
                availabilityZone: az,
                availabilityZoneId: `${shortRegion(ctx.resourceRegion)}-az${az.charCodeAt(az.length - 1) - 96}`,
                mapPublicIpOnLaunch: state.mapPublicIpOnLaunch ?? false,
                ipv6CidrBlockAssociationId: "",
            },
        };
    },
    "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group"),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (ctx) => {
        const id = `sgr-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `security-group-rule/${id}`), securityGroupRuleId: id } };
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (ctx) => {
        const id = `sgr-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `security-group-rule/${id}`), securityGroupRuleId: id } };
    },
    "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": ec2("eigw", "egress-only-internet-gateway"),
    "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": (ctx) => ({ id: `rtbassoc-${ctx.hash().slice(0, 17)}` }),
    "aws:ec2/networkAcl:NetworkAcl": ec2("acl", "network-acl"),
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ec2("acl", "network-acl"),
    "aws:ec2/networkAclRule:NetworkAclRule": (ctx) => ({ id: `nacl-${ctx.hash().slice(0, 10)}` }),
    "aws:ec2/networkAclAssociation:NetworkAclAssociation": (ctx) => ({ id: `aclassoc-${ctx.hash().slice(0, 17)}` }),
    "aws:ec2/eip:Eip": (ctx) => {
        const id = `eipalloc-${ctx.hash().slice(0, 17)}`;
        const octet = parseInt(ctx.hash("ip").slice(0, 2), 16) % 254 + 1;
        return {
            id,
            outputs: {
                allocationId: id,
                publicIp: `203.0.113.${octet}`,
                publicDns: `ec2-203-0-113-${octet}.compute-1.amazonaws.com`,
                arn: arn(ctx, "ec2", `elastic-ip/${id}`),
                domain: "vpc",
            },
        };
    },
    "aws:ec2/natGateway:NatGateway": (ctx) => {
        const id = `nat-${ctx.hash().slice(0, 17)}`;
        return {
            id,
            outputs: {
                networkInterfaceId: `eni-${ctx.hash("eni").slice(0, 17)}`,
                privateIp: `10.0.${parseInt(ctx.hash("ip").slice(0, 2), 16) % 250}.10`,
                publicIp: `203.0.113.${parseInt(ctx.hash("pub").slice(0, 2), 16) % 254 + 1}`,
                connectivityType: "public",
                associationId: `eipassoc-${ctx.hash("assoc").slice(0, 17)}`,
                // The regional-NAT fields stay empty on a zonal gateway.
                autoProvisionZones: "",
                autoScalingIps: "",
                regionalNatGatewayAddresses: [],
                regionalNatGatewayAutoMode: "",
                routeTableId: "",
            },
        };
    },
    "aws:ec2/instance:Instance": (ctx, state) => {
        const id = `i-${ctx.hash().slice(0, 17)}`;
        return {
            id,
            outputs: {
                arn: arn(ctx, "ec2", `instance/${id}`),
                primaryNetworkInterfaceId: `eni-${ctx.hash("eni").slice(0, 17)}`,
                privateIp: `10.0.${parseInt(ctx.hash("ip").slice(0, 2), 16) % 250}.20`,
                privateDns: `ip-10-0-0-20.ec2.internal`,
                instanceState: "running",
                instanceLifecycle: "",
                outpostArn: "",
                passwordData: "",
                spotInstanceRequestId: "",
                ...publicAddress(ctx, state.associatePublicIpAddress === true),
            },
        };
    },
    "aws:ec2/networkInterface:NetworkInterface": (ctx) => {
        const id = `eni-${ctx.hash().slice(0, 17)}`;
        return {
            id,
            outputs: {
                arn: arn(ctx, "ec2", `network-interface/${id}`),
                ownerId: ctx.account,
                privateIp: `10.0.${parseInt(ctx.hash("ip").slice(0, 2), 16) % 250}.30`,
                macAddress: `02:${ctx.hash("mac").slice(0, 10).match(/../g)!.join(":")}`,
                outpostArn: "",
                privateDnsName: `ip-10-0-${parseInt(ctx.hash("ip").slice(0, 2), 16) % 250}-30.${ctx.resourceRegion === "us-east-1" ? "ec2.internal" : `${ctx.resourceRegion}.compute.internal`}`,
            },
        };
    },
    "aws:ec2/launchTemplate:LaunchTemplate": (ctx) => {
        const id = `lt-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `launch-template/${id}`), latestVersion: 1, defaultVersion: 1 } };
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": (ctx, state) => {
        const id = `vpce-${ctx.hash().slice(0, 17)}`;
        const service = String(state.serviceName ?? "").split(".").pop() ?? "service";
        const gateway = state.vpcEndpointType === "Gateway";
        return {
            id,
            outputs: {
                arn: arn(ctx, "ec2", `vpc-endpoint/${id}`),
                ownerId: ctx.account,
                state: "available",
                prefixListId: gateway ? `pl-${ctx.hash("pl").slice(0, 8)}` : "",
                cidrBlocks: gateway ? [`52.216.${parseInt(ctx.hash("cidr").slice(0, 2), 16)}.0/22`] : [],
                requesterManaged: false,
                networkInterfaceIds: gateway ? [] : (state.subnetIds ?? []).map((_: unknown, i: number) => `eni-${ctx.hash(`eni${i}`).slice(0, 17)}`),
                dnsEntries: gateway
                    ? []
                    : [{ dnsName: `${id}.${service}.${ctx.resourceRegion}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }],
            },
        };
    },
    "aws:ec2/flowLog:FlowLog": (ctx) => {
        const id = `fl-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `vpc-flow-log/${id}`) } };
    },
    "aws:iam/role:Role": (ctx, state) => {
        const path = state.path ?? "/";
        return {
            id: state.name,
            outputs: {
                arn: arn(ctx, "iam", `role${path}${state.name}`, { region: "" }),
                uniqueId: `AROA${ctx.hash().slice(0, 17).toUpperCase()}`,
                createDate: "2026-01-01T00:00:00Z",
                path,
                maxSessionDuration: state.maxSessionDuration ?? 3600,
            },
        };
    },
    "aws:iam/policy:Policy": (ctx, state) => {
        const policyArn = arn(ctx, "iam", `policy${state.path ?? "/"}${state.name}`, { region: "" });
        return { id: policyArn, outputs: { arn: policyArn, policyId: `ANPA${ctx.hash().slice(0, 17).toUpperCase()}`, attachmentCount: 0 } };
    },
    "aws:iam/rolePolicy:RolePolicy": (_ctx, state) => ({ id: `${state.role}:${state.name}` }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (ctx, state) => ({ id: `${state.role}-${ctx.hash().slice(0, 20)}` }),
    "aws:iam/instanceProfile:InstanceProfile": named("iam", (n) => `instance-profile/${n}`),
    "aws:lambda/function:Function": (ctx, state) => {
        const functionArn = arn(ctx, "lambda", `function:${state.name}`);
        const version = state.publish ? "1" : "$LATEST";
        return {
            id: state.name,
            outputs: {
                arn: functionArn,
                qualifiedArn: `${functionArn}:${version}`,
                invokeArn: `arn:aws:apigateway:${ctx.resourceRegion}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
                qualifiedInvokeArn: `arn:aws:apigateway:${ctx.resourceRegion}:lambda:path/2015-03-31/functions/${functionArn}:${version}/invocations`,
                version,
                lastModified: "2026-01-01T00:00:00.000+0000",
                sourceCodeHash: ctx.hash("code"),
                sourceCodeSize: 1024,
                signingJobArn: "",
                signingProfileVersionArn: "",
                responseStreamingInvokeArn: `arn:aws:apigateway:${ctx.resourceRegion}:lambda:path/2021-11-15/functions/${functionArn}/response-streaming-invocations`,
            },
        };
    },
    "aws:lambda/alias:Alias": (ctx, state) => {
        const aliasArn = `${state.functionName?.startsWith?.("arn:") ? state.functionName : arn(ctx, "lambda", `function:${state.functionName}`)}:${state.name}`;
        return {
            id: aliasArn,
            outputs: {
                arn: aliasArn,
                invokeArn: `arn:aws:apigateway:${ctx.resourceRegion}:lambda:path/2015-03-31/functions/${aliasArn}/invocations`,
            },
        };
    },
    "aws:lambda/functionUrl:FunctionUrl": (ctx, state) => {
        const urlId = ctx.hash().slice(0, 32);
        return {
            id: state.qualifier ? `${state.functionName},${state.qualifier}` : state.functionName,
            outputs: {
                functionUrl: `https://${urlId}.lambda-url.${ctx.resourceRegion}.on.aws/`,
                urlId,
                functionArn: arn(ctx, "lambda", `function:${state.functionName}`),
            },
        };
    },
    "aws:lambda/permission:Permission": (_ctx, state) => ({ id: state.statementId }),
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": (_ctx, state) => ({ id: `${state.functionName},${state.qualifier}` }),
    "aws:cloudwatch/logGroup:LogGroup": named("logs", (n) => `log-group:${n}`),
    "aws:cloudwatch/metricAlarm:MetricAlarm": named("cloudwatch", (n) => `alarm:${n}`),
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": named("cloudwatch", (n) => `alarm:${n}`, "alarmName"),
    "aws:cloudwatch/dashboard:Dashboard": (ctx, state) => ({
        id: state.dashboardName,
        outputs: { dashboardArn: arn(ctx, "cloudwatch", `dashboard/${state.dashboardName}`, { region: "" }) },
    }),
    "aws:cloudwatch/eventRule:EventRule": named("events", (n) => `rule/${n}`),
    "aws:cloudwatch/eventTarget:EventTarget": (ctx, state) => ({ id: `${state.rule}-${state.targetId ?? ctx.hash().slice(0, 8)}` }),
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": (ctx) => ({ id: `cwlsf-${ctx.hash().slice(0, 10)}` }),
    "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy": (_ctx, state) => ({ id: state.logGroupName }),
    // CloudWatch Logs vended-log delivery (CloudFront standard logging v2 and others).
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": (ctx, state) => {
        const target = String(state.deliveryDestinationConfiguration?.destinationResourceArn ?? "");
        const type = target.startsWith("arn:aws:s3:") ? "S3" : target.startsWith("arn:aws:firehose:") ? "FH" : "CWL";
        return { id: state.name, outputs: { arn: arn(ctx, "logs", `delivery-destination:${state.name}`), deliveryDestinationType: state.deliveryDestinationType ?? type } };
    },
    "aws:cloudwatch/logDelivery:LogDelivery": (ctx) => {
        const id = ctx.hash().slice(0, 16);
        return { id, outputs: { arn: arn(ctx, "logs", `delivery:${id}`) } };
    },
    "aws:kms/key:Key": (ctx) => {
        const keyId = uuid(ctx.hash());
        return { id: keyId, outputs: { keyId, arn: arn(ctx, "kms", `key/${keyId}`) } };
    },
    "aws:kms/alias:Alias": (ctx, state) => ({
        id: state.name,
        outputs: { arn: arn(ctx, "kms", state.name), targetKeyArn: arn(ctx, "kms", `key/${state.targetKeyId}`) },
    }),
    "aws:secretsmanager/secret:Secret": (ctx, state) => {
        const secretArn = arn(ctx, "secretsmanager", `secret:${state.name}-${ctx.hash().slice(0, 6)}`);
        return { id: secretArn, outputs: { arn: secretArn } };
    },
    "aws:secretsmanager/secretVersion:SecretVersion": (ctx, state) => {
        const versionId = uuid(ctx.hash());
        return { id: `${state.secretId}|${versionId}`, outputs: { versionId, arn: state.secretId, versionStages: ["AWSCURRENT"] } };
    },
    "aws:secretsmanager/secretPolicy:SecretPolicy": (_ctx, state) => ({ id: state.secretArn }),
    "aws:sns/topic:Topic": (ctx, state) => {
        const topicArn = arn(ctx, "sns", state.name);
        return { id: topicArn, outputs: { arn: topicArn, owner: ctx.account, beginningArchiveTime: "" } };
    },
    "aws:sqs/queue:Queue": (ctx, state) => ({
        id: `https://sqs.${ctx.resourceRegion}.amazonaws.com/${ctx.account}/${state.name}`,
        outputs: { arn: arn(ctx, "sqs", state.name), url: `https://sqs.${ctx.resourceRegion}.amazonaws.com/${ctx.account}/${state.name}` },
    }),
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketV2:BucketV2": bucket,
    "aws:elasticache/replicationGroup:ReplicationGroup": (ctx, state) => {
        const id = state.replicationGroupId;
        const suffix = ctx.hash().slice(0, 6);
        const host = `${id}.${suffix}.${shortRegion(ctx.resourceRegion)}.cache.amazonaws.com`;
        const clusterMode = state.clusterMode === "enabled" || (state.numNodeGroups ?? 1) > 1;
        const nodes = (state.numCacheClusters ?? 1) as number;
        return {
            id,
            outputs: {
                arn: arn(ctx, "elasticache", `replicationgroup:${id}`),
                primaryEndpointAddress: clusterMode ? "" : `master.${host}`,
                readerEndpointAddress: clusterMode ? "" : `replica.${host}`,
                configurationEndpointAddress: clusterMode ? `clustercfg.${host}` : "",
                memberClusters: Array.from({ length: nodes }, (_, i) => `${id}-${String(i + 1).padStart(3, "0")}`),
                port: state.port ?? 6379,
                engineVersionActual: `${state.engineVersion ?? "7.1"}.0`,
                clusterEnabled: clusterMode,
            },
        };
    },
    "aws:elasticache/serverlessCache:ServerlessCache": (ctx, state) => {
        const host = `${state.name}-${ctx.hash().slice(0, 6)}.serverless.${shortRegion(ctx.resourceRegion)}.cache.amazonaws.com`;
        return {
            id: state.name,
            outputs: {
                arn: arn(ctx, "elasticache", `serverlesscache:${state.name}`),
                endpoints: [{ address: host, port: 6379 }],
                readerEndpoints: [{ address: host, port: 6380 }],
                status: "available",
                createTime: CREATED_AT,
                fullEngineVersion: `${state.majorEngineVersion ?? "8"}.0`,
            },
        };
    },
    "aws:elasticache/parameterGroup:ParameterGroup": named("elasticache", (n) => `parametergroup:${n}`),
    "aws:elasticache/user:User": named("elasticache", (n) => `user:${n}`, "userId"),
    "aws:elasticache/userGroup:UserGroup": named("elasticache", (n) => `usergroup:${n}`, "userGroupId"),
    "aws:cloudfront/distribution:Distribution": (ctx, state) => {
        const id = `E${ctx.hash().slice(0, 13).toUpperCase()}`;
        return {
            id,
            outputs: {
                arn: arn(ctx, "cloudfront", `distribution/${id}`, { region: "" }),
                domainName: `d${ctx.hash("domain").slice(0, 13)}.cloudfront.net`,
                hostedZoneId: "Z2FDTNDATAQYW2",
                status: "Deployed",
                etag: `E${ctx.hash("etag").slice(0, 13).toUpperCase()}`,
                callerReference: ctx.hash("ref").slice(0, 20),
                inProgressValidationBatches: 0,
                lastModifiedTime: CREATED_AT,
                loggingV1Enabled: state.loggingConfig !== undefined,
                trustedKeyGroups: [{ enabled: false, items: [] }],
                trustedSigners: [{ enabled: false, items: [] }],
            },
        };
    },
    "aws:cloudfront/originAccessControl:OriginAccessControl": (ctx) => {
        const id = `E${ctx.hash().slice(0, 13).toUpperCase()}`;
        return { id, outputs: { etag: `E${ctx.hash("etag").slice(0, 13).toUpperCase()}`, arn: arn(ctx, "cloudfront", `origin-access-control/${id}`, { region: "" }) } };
    },
    "aws:cloudfront/cachePolicy:CachePolicy": cloudFrontPolicy("cache-policy"),
    "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": cloudFrontPolicy("origin-request-policy"),
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": cloudFrontPolicy("response-headers-policy"),
    "aws:cloudfront/function:Function": (ctx, state) => ({
        id: state.name ?? ctx.name,
        outputs: { arn: arn(ctx, "cloudfront", `function/${state.name ?? ctx.name}`, { region: "" }), etag: "ETVPDKIKX0DER", status: "UNASSOCIATED" },
    }),
    "aws:wafv2/webAcl:WebAcl": (ctx, state) => {
        const id = uuid(ctx.hash());
        const scope = state.scope === "CLOUDFRONT" ? "global" : "regional";
        return {
            id,
            outputs: { arn: arn(ctx, "wafv2", `${scope}/webacl/${state.name}/${id}`), capacity: 700, lockToken: uuid(ctx.hash("lock")), applicationIntegrationUrl: "" },
        };
    },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": (_ctx, state) => ({ id: state.resourceArn }),
    "aws:wafv2/webAclAssociation:WebAclAssociation": (_ctx, state) => ({ id: `${state.webAclArn},${state.resourceArn}` }),
    "aws:cloudtrail/trail:Trail": (ctx, state) => ({
        id: state.name,
        outputs: {
            arn: arn(ctx, "cloudtrail", `trail/${state.name}`),
            homeRegion: ctx.resourceRegion,
            snsTopicArn: state.snsTopicName ? arn(ctx, "sns", String(state.snsTopicName)) : "",
        },
    }),
    "aws:guardduty/detector:Detector": (ctx) => {
        const id = ctx.hash().slice(0, 32);
        return { id, outputs: { arn: arn(ctx, "guardduty", `detector/${id}`), accountId: ctx.account } };
    },
    "aws:guardduty/detectorFeature:DetectorFeature": (_ctx, state) => ({ id: `${state.detectorId}/${state.name}` }),
    "aws:securityhub/account:Account": (ctx) => ({ id: ctx.account, outputs: { arn: arn(ctx, "securityhub", "hub/default") } }),
    "aws:securityhub/standardsSubscription:StandardsSubscription": (ctx, state) => ({
        id: arn(ctx, "securityhub", `subscription/${String(state.standardsArn ?? "").split("/").slice(-3).join("/")}`),
    }),
    "aws:accessanalyzer/analyzer:Analyzer": (ctx, state) => ({
        id: state.analyzerName,
        outputs: { arn: arn(ctx, "access-analyzer", `analyzer/${state.analyzerName}`) },
    }),
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": (ctx) => ({ id: ctx.account, outputs: { accountId: ctx.account } }),
    "aws:acm/certificate:Certificate": (ctx, state) => ({
        id: arn(ctx, "acm", `certificate/${uuid(ctx.hash())}`),
        outputs: {
            arn: arn(ctx, "acm", `certificate/${uuid(ctx.hash())}`),
            status: "ISSUED",
            domainValidationOptions: [{ domainName: state.domainName, resourceRecordName: `_x.${state.domainName}.`, resourceRecordType: "CNAME", resourceRecordValue: "_y.acm-validations.aws." }],
        },
    }),
    "aws:cloudfront/originAccessIdentity:OriginAccessIdentity": (ctx) => {
        const id = `E${ctx.hash().slice(0, 13).toUpperCase()}`;
        return {
            id,
            outputs: {
                cloudfrontAccessIdentityPath: `origin-access-identity/cloudfront/${id}`,
                iamArn: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${id}`,
                s3CanonicalUserId: ctx.hash("canonical"),
                etag: `E${ctx.hash("etag").slice(0, 13).toUpperCase()}`,
            },
        };
    },
    "aws:lb/loadBalancer:LoadBalancer": (ctx, state) => {
        const name = state.name ?? autoName(ctx.name, ctx.hash("autoname")).slice(0, 32);
        const suffix = ctx.hash().slice(0, 16);
        const kind = state.loadBalancerType === "network" ? "net" : "app";
        const lbArn = arn(ctx, "elasticloadbalancing", `loadbalancer/${kind}/${name}/${suffix}`);
        const internal = state.internal === true ? "internal-" : "";
        const vpcId = vpcOfSubnets(ctx, [...(state.subnets ?? []), ...(state.subnetMappings ?? []).map((m: { subnetId?: string }) => m.subnetId)]);
        return { id: lbArn, outputs: { arn: lbArn, arnSuffix: `${kind}/${name}/${suffix}`, dnsName: `${internal}${name}-${suffix.slice(0, 9)}.${ctx.resourceRegion}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K", name, vpcId } };
    },
    "aws:lb/targetGroup:TargetGroup": (ctx, state) => {
        const tgArn = arn(ctx, "elasticloadbalancing", `targetgroup/${state.name}/${ctx.hash().slice(0, 16)}`);
        return { id: tgArn, outputs: { arn: tgArn, arnSuffix: tgArn.split(":").pop() } };
    },
    "aws:lb/listener:Listener": (ctx) => {
        const listenerArn = arn(ctx, "elasticloadbalancing", `listener/app/offline/${ctx.hash().slice(0, 16)}/${ctx.hash("l").slice(0, 16)}`);
        return { id: listenerArn, outputs: { arn: listenerArn } };
    },
    "aws:rds/instance:Instance": (ctx, state) => {
        const identifier = state.identifier ?? autoName(ctx.name, ctx.hash("autoname")).toLowerCase();
        const address = `${identifier}.${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.rds.amazonaws.com`;
        const port = state.port ?? defaultDatabasePort(state.engine);
        return {
            id: identifier,
            outputs: {
                identifier,
                arn: arn(ctx, "rds", `db:${identifier}`),
                address,
                endpoint: `${address}:${port}`,
                port,
                resourceId: `db-${ctx.hash("res").slice(0, 26).toUpperCase()}`,
                engineVersionActual: state.engineVersion ?? "16.4",
                hostedZoneId: "Z2R2ITUGPM61AM",
                latestRestorableTime: CREATED_AT,
                listenerEndpoints: [],
                masterUserSecrets: masterUserSecrets(ctx, state, `rds!db-${uuid(ctx.hash("secret"))}`),
                replicas: [],
                status: "available",
                upgradeRolloutOrder: "second",
            },
        };
    },
    "aws:rds/cluster:Cluster": (ctx, state) => {
        const identifier = state.clusterIdentifier ?? autoName(ctx.name, ctx.hash("autoname")).toLowerCase();
        const host = `${identifier}.cluster-${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.rds.amazonaws.com`;
        return {
            id: identifier,
            outputs: {
                clusterIdentifier: identifier,
                arn: arn(ctx, "rds", `cluster:${identifier}`),
                endpoint: host,
                readerEndpoint: host.replace(".cluster-", ".cluster-ro-"),
                port: state.port ?? defaultDatabasePort(state.engine),
                clusterResourceId: `cluster-${ctx.hash("res").slice(0, 26).toUpperCase()}`,
                caCertificateValidTill: "2061-01-01T00:00:00Z",
                engineVersionActual: state.engineVersion ?? "16.4",
                hostedZoneId: "Z2R2ITUGPM61AM",
                masterUserSecrets: masterUserSecrets(ctx, state, `rds!cluster-${uuid(ctx.hash("secret"))}`),
                upgradeRolloutOrder: "second",
            },
        };
    },
    "aws:ecr/repository:Repository": (ctx, state) => {
        const name = state.name ?? ctx.name;
        return { id: name, outputs: { arn: arn(ctx, "ecr", `repository/${name}`), repositoryUrl: `${ctx.account}.dkr.ecr.${ctx.resourceRegion}.amazonaws.com/${name}`, registryId: ctx.account } };
    },
    "aws:apigateway/restApi:RestApi": (ctx) => {
        const id = ctx.hash().slice(0, 10);
        return { id, outputs: { arn: `arn:aws:apigateway:${ctx.resourceRegion}::/restapis/${id}`, rootResourceId: ctx.hash("root").slice(0, 10), executionArn: arn(ctx, "execute-api", id) } };
    },
    "aws:apigatewayv2/api:Api": (ctx, state) => {
        const id = ctx.hash().slice(0, 10);
        const scheme = state.protocolType === "WEBSOCKET" ? "wss" : "https";
        return { id, outputs: { arn: `arn:aws:apigateway:${ctx.resourceRegion}::/apis/${id}`, apiEndpoint: `${scheme}://${id}.execute-api.${ctx.resourceRegion}.amazonaws.com`, executionArn: arn(ctx, "execute-api", id) } };
    },
    // Services of the policy pack's coverage rules (#16): the ids and endpoints programs interpolate.
    "aws:efs/fileSystem:FileSystem": (ctx) => {
        const id = `fs-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "elasticfilesystem", `file-system/${id}`), dnsName: `${id}.efs.${ctx.resourceRegion}.amazonaws.com`, ownerId: ctx.account } };
    },
    "aws:kinesis/stream:Stream": (ctx, state) => {
        const name = state.name ?? ctx.name;
        const streamArn = arn(ctx, "kinesis", `stream/${name}`);
        return { id: streamArn, outputs: { arn: streamArn, name } };
    },
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (ctx, state) => {
        const name = state.name ?? ctx.name;
        const streamArn = arn(ctx, "firehose", `deliverystream/${name}`);
        return { id: streamArn, outputs: { arn: streamArn, name } };
    },
    "aws:opensearch/domain:Domain": (ctx, state) => {
        const name = state.domainName ?? autoName(ctx.name, ctx.hash("autoname")).slice(0, 28).toLowerCase();
        const host = `${state.vpcOptions ? "vpc-" : "search-"}${name}-${ctx.hash().slice(0, 26)}.${ctx.resourceRegion}.es.amazonaws.com`;
        return { id: arn(ctx, "es", `domain/${name}`), outputs: { domainName: name, arn: arn(ctx, "es", `domain/${name}`), domainId: `${ctx.account}/${name}`, endpoint: host } };
    },
    "aws:apigateway/domainName:DomainName": (ctx, state) => ({
        id: state.domainName,
        outputs: {
            arn: `arn:aws:apigateway:${ctx.resourceRegion}::/domainnames/${state.domainName}`,
            regionalDomainName: `d-${ctx.hash().slice(0, 10)}.execute-api.${ctx.resourceRegion}.amazonaws.com`,
            regionalZoneId: "Z1UJRXOUMOOFQ8",
            cloudfrontDomainName: `d${ctx.hash("cf").slice(0, 13)}.cloudfront.net`,
            cloudfrontZoneId: "Z2FDTNDATAQYW2",
        },
    }),
    "aws:appsync/graphQLApi:GraphQLApi": (ctx) => {
        const id = ctx.hash().slice(0, 26);
        return { id, outputs: { arn: arn(ctx, "appsync", `apis/${id}`), uris: { GRAPHQL: `https://${ctx.hash("uri").slice(0, 26)}.appsync-api.${ctx.resourceRegion}.amazonaws.com/graphql` } } };
    },
    "aws:eks/cluster:Cluster": (ctx, state) => {
        const name = state.name ?? autoName(ctx.name, ctx.hash("autoname"));
        const oidc = ctx.hash("oidc").slice(0, 32).toUpperCase();
        return {
            id: name,
            outputs: {
                arn: arn(ctx, "eks", `cluster/${name}`),
                endpoint: `https://${ctx.hash().slice(0, 32).toUpperCase()}.gr7.${ctx.resourceRegion}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from("offline-ca").toString("base64") },
                status: "ACTIVE",
                clusterId: "",
                createdAt: CREATED_AT,
                identities: [{ oidcs: [{ issuer: `https://oidc.eks.${ctx.resourceRegion}.amazonaws.com/id/${oidc}` }] }],
                platformVersion: "eks.1",
            },
        };
    },
    "aws:alb/listener:Listener": (ctx) => COMPUTERS["aws:lb/listener:Listener"](ctx, {}),
    "aws:dynamodb/table:Table": (ctx, state) => {
        const tableArn = arn(ctx, "dynamodb", `table/${state.name}`);
        const label = CREATED_AT.replace("Z", ".000");
        return {
            id: state.name,
            outputs: {
                arn: tableArn,
                // AWS gives a stream only when one is enabled; the provider reads back empty strings otherwise.
                streamArn: state.streamEnabled ? `${tableArn}/stream/${label}` : "",
                streamLabel: state.streamEnabled ? label : "",
            },
        };
    },
    "aws:ebs/volume:Volume": (ctx) => {
        const id = `vol-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `volume/${id}`), createTime: CREATED_AT } };
    },
    "aws:ec2/defaultRouteTable:DefaultRouteTable": (ctx, state) => {
        const vpc = createdWhere(ctx, "aws:ec2/vpc:Vpc", (vpcState) => vpcState.defaultRouteTableId === state.defaultRouteTableId);
        const id = state.defaultRouteTableId ?? `rtb-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `route-table/${id}`), ownerId: ctx.account, vpcId: vpc?.id ?? DEFAULT_VPC_ID } };
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (ctx, state) => {
        const vpc = ctx.created.get(state.vpcId);
        const id = (vpc?.state.defaultSecurityGroupId as string | undefined) ?? `sg-${ctx.hash().slice(0, 17)}`;
        return { id, outputs: { arn: arn(ctx, "ec2", `security-group/${id}`), ownerId: ctx.account, name: "default", namePrefix: "", description: "default VPC security group" } };
    },
    "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": (ctx, state) => {
        const vpc = ctx.created.get(state.vpcId);
        return { id: `rtbassoc-${ctx.hash().slice(0, 17)}`, outputs: { originalRouteTableId: vpc?.state.mainRouteTableId ?? `rtb-${ctx.hash("main").slice(0, 17)}` } };
    },
    "aws:ec2/route:Route": (ctx, state) => ({
        id: `r-${state.routeTableId}${ctx.hash().slice(0, 8)}`,
        outputs: { instanceId: "", instanceOwnerId: "", origin: "CreateRoute", state: "active" },
    }),
    "aws:ec2/securityGroupRule:SecurityGroupRule": (ctx) => ({ id: `sgrule-${ctx.hash().slice(0, 10)}`, outputs: { securityGroupRuleId: `sgr-${ctx.hash().slice(0, 17)}` } }),
    "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration": (ctx) => ({ id: ctx.account, outputs: { registryId: ctx.account } }),
    "aws:ecr/repositoryPolicy:RepositoryPolicy": (ctx, state) => ({ id: state.repository, outputs: { registryId: ctx.account } }),
    "aws:ecs/cluster:Cluster": (ctx, state) => {
        const clusterArn = arn(ctx, "ecs", `cluster/${state.name}`);
        return { id: clusterArn, outputs: { arn: clusterArn } };
    },
    "aws:ecs/service:Service": (ctx, state) => {
        const cluster = String(state.cluster ?? "default").split("/").pop();
        const serviceArn = arn(ctx, "ecs", `service/${cluster}/${state.name}`);
        return { id: serviceArn, outputs: { arn: serviceArn } };
    },
    "aws:ecs/taskDefinition:TaskDefinition": (ctx, state) => {
        const family = state.family ?? ctx.name;
        const taskArn = arn(ctx, "ecs", `task-definition/${family}:1`);
        return { id: family, outputs: { arn: taskArn, arnWithoutRevision: arn(ctx, "ecs", `task-definition/${family}`), revision: 1 } };
    },
    "aws:elasticache/cluster:Cluster": (ctx, state) => {
        const id = String(state.clusterId ?? autoName(ctx.name, ctx.hash("autoname"))).toLowerCase();
        const memcached = state.engine === "memcached";
        const host = `${id}.${ctx.hash().slice(0, 6)}.${memcached ? "cfg." : ""}${shortRegion(ctx.resourceRegion)}.cache.amazonaws.com`;
        const port = state.port ?? (memcached ? 11211 : 6379);
        const nodes = Number(state.numCacheNodes ?? 1);
        return {
            id,
            outputs: {
                clusterId: id,
                arn: arn(ctx, "elasticache", `cluster:${id}`),
                cacheNodes: Array.from({ length: nodes }, (_, i) => ({ id: String(i + 1).padStart(4, "0"), address: host.replace(".cfg.", `.${String(i + 1).padStart(4, "0")}.`), port, availabilityZone: state.availabilityZone ?? `${ctx.resourceRegion}a`, outpostArn: "" })),
                clusterAddress: memcached ? host : "",
                configurationEndpoint: memcached ? `${host}:${port}` : "",
                engineVersionActual: `${state.engineVersion ?? (memcached ? "1.6" : "7.1")}.0`,
                port,
            },
        };
    },
    "aws:elasticache/subnetGroup:SubnetGroup": (ctx, state) => ({
        id: state.name,
        outputs: { arn: arn(ctx, "elasticache", `subnetgroup:${state.name}`), vpcId: vpcOfSubnets(ctx, state.subnetIds ?? []) },
    }),
    "aws:elb/loadBalancer:LoadBalancer": (ctx, state) => {
        const name = String(state.name ?? autoName(ctx.name, ctx.hash("autoname"))).slice(0, 32);
        const internal = state.internal === true ? "internal-" : "";
        return {
            id: name,
            outputs: {
                name,
                arn: arn(ctx, "elasticloadbalancing", `loadbalancer/${name}`),
                dnsName: `${internal}${name}-${parseInt(ctx.hash().slice(0, 8), 16)}.${ctx.resourceRegion}.elb.amazonaws.com`,
                sourceSecurityGroupId: `sg-${ctx.hash("sg").slice(0, 17)}`,
                zoneId: "Z35SXDOTRQ7X7K",
            },
        };
    },
    // IAM is global: its ARNs carry no region. The provider's id for both identity providers is the ARN.
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (ctx, state) => {
        const host = typeof state.url === "string" ? state.url.replace(/^https:\/\//, "") : `${ctx.name}.example.com`;
        const providerArn = arn(ctx, "iam", `oidc-provider/${host}`, { region: "" });
        return { id: providerArn, outputs: { arn: providerArn } };
    },
    "aws:iam/samlProvider:SamlProvider": (ctx, state) => {
        const providerArn = arn(ctx, "iam", `saml-provider/${state.name ?? ctx.name}`, { region: "" });
        return { id: providerArn, outputs: { arn: providerArn } };
    },
    "aws:iam/accessKey:AccessKey": (ctx, state) => {
        const id = `AKIA${ctx.hash().slice(0, 16).toUpperCase()}`;
        const encrypted = typeof state.pgpKey === "string";
        return {
            id,
            outputs: {
                createDate: CREATED_AT,
                status: state.status ?? "Active",
                secret: encrypted ? "" : Buffer.from(ctx.hash("secret"), "hex").toString("base64").slice(0, 40),
                sesSmtpPasswordV4: encrypted ? "" : `B${Buffer.from(ctx.hash("smtp"), "hex").toString("base64").slice(0, 43)}`,
                encryptedSecret: encrypted ? Buffer.from(ctx.hash("pgp")).toString("base64") : "",
                encryptedSesSmtpPasswordV4: encrypted ? Buffer.from(ctx.hash("pgp-smtp")).toString("base64") : "",
                keyFingerprint: encrypted ? ctx.hash("fp").slice(0, 40) : "",
            },
        };
    },
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": (ctx, state) => ({ id: state.policyName ?? ctx.name, outputs: { policyScope: "ACCOUNT", revisionId: ctx.hash("rev").slice(0, 8) } }),
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": (ctx, state) => {
        const source = String(state.resourceArn ?? "");
        return { id: state.name, outputs: { arn: arn(ctx, "logs", `delivery-source:${state.name}`), service: source.split(":")[2] ?? "" } };
    },
    "aws:docdb/cluster:Cluster": (ctx, state) => {
        const identifier = String(state.clusterIdentifier ?? autoName(ctx.name, ctx.hash("autoname"))).toLowerCase();
        const host = `${identifier}.cluster-${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.docdb.amazonaws.com`;
        return {
            id: identifier,
            outputs: {
                clusterIdentifier: identifier,
                arn: arn(ctx, "rds", `cluster:${identifier}`),
                clusterResourceId: `cluster-${ctx.hash("res").slice(0, 26).toUpperCase()}`,
                endpoint: host,
                readerEndpoint: host.replace(".cluster-", ".cluster-ro-"),
                hostedZoneId: "ZNKXH85TT8WVW",
                port: state.port ?? 27017,
                masterUserSecrets: masterUserSecrets(ctx, state, `rds!cluster-${uuid(ctx.hash("secret"))}`),
            },
        };
    },
    "aws:rds/clusterInstance:ClusterInstance": (ctx, state) => {
        const identifier = String(state.identifier ?? autoName(ctx.name, ctx.hash("autoname"))).toLowerCase();
        const cluster = createdWhere(ctx, "aws:rds/cluster:Cluster", (c) => c.clusterIdentifier === state.clusterIdentifier);
        const port = cluster?.state.port ?? defaultDatabasePort(state.engine);
        const address = `${identifier}.${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.rds.amazonaws.com`;
        return {
            id: identifier,
            outputs: {
                identifier,
                arn: arn(ctx, "rds", `db:${identifier}`),
                dbiResourceId: `db-${ctx.hash("res").slice(0, 26).toUpperCase()}`,
                endpoint: address,
                port,
                engineVersionActual: state.engineVersion ?? cluster?.state.engineVersionActual ?? "16.4",
                kmsKeyId: cluster?.state.kmsKeyId ?? "",
                storageEncrypted: cluster?.state.storageEncrypted ?? false,
                networkType: "IPV4",
                // The first instance of a cluster becomes its writer.
                writer: !createdWhere(ctx, "aws:rds/clusterInstance:ClusterInstance", (i) => i.clusterIdentifier === state.clusterIdentifier),
            },
        };
    },
    "aws:redshift/cluster:Cluster": (ctx, state) => {
        const identifier = String(state.clusterIdentifier ?? ctx.name).toLowerCase();
        const host = `${identifier}.${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.redshift.amazonaws.com`;
        const port = state.port ?? 5439;
        return {
            id: identifier,
            outputs: {
                arn: arn(ctx, "redshift", `cluster:${identifier}`),
                clusterNamespaceArn: arn(ctx, "redshift", `namespace:${uuid(ctx.hash("ns"))}`),
                clusterNodes: [{ nodeRole: "SHARED", privateIpAddress: "10.0.1.40", publicIpAddress: "" }],
                clusterPublicKey: `ssh-rsa ${Buffer.from(ctx.hash("key")).toString("base64")} Amazon-Redshift`,
                clusterRevisionNumber: "70000",
                dnsName: host,
                endpoint: `${host}:${port}`,
                masterPasswordSecretArn: state.manageMasterPassword ? arn(ctx, "secretsmanager", `secret:redshift!${identifier}-admin-${ctx.hash("s").slice(0, 6)}`) : "",
            },
        };
    },
    "aws:apigateway/stage:Stage": (ctx, state) => {
        const base = `${state.restApi}/${state.stageName}`;
        return {
            id: `ags-${state.restApi}-${state.stageName}`,
            outputs: {
                arn: `arn:aws:apigateway:${ctx.resourceRegion}::/restapis/${base.replace("/", "/stages/")}`,
                executionArn: arn(ctx, "execute-api", base),
                invokeUrl: `https://${state.restApi}.execute-api.${ctx.resourceRegion}.amazonaws.com/${state.stageName}`,
                webAclArn: "",
            },
        };
    },
    "aws:apigateway/deployment:Deployment": (ctx, state) => ({
        id: ctx.hash().slice(0, 6),
        outputs: { createdDate: CREATED_AT, executionArn: arn(ctx, "execute-api", `${state.restApi}/`), invokeUrl: `https://${state.restApi}.execute-api.${ctx.resourceRegion}.amazonaws.com/` },
    }),
    "aws:apigatewayv2/stage:Stage": (ctx, state) => {
        const path = state.name === "$default" ? "" : state.name;
        return {
            id: state.name,
            outputs: {
                arn: `arn:aws:apigateway:${ctx.resourceRegion}::/apis/${state.apiId}/stages/${state.name}`,
                executionArn: arn(ctx, "execute-api", `${state.apiId}/${state.name}`),
                invokeUrl: `https://${state.apiId}.execute-api.${ctx.resourceRegion}.amazonaws.com/${path}`,
            },
        };
    },
    "aws:sfn/stateMachine:StateMachine": (ctx, state) => {
        const machineArn = arn(ctx, "states", `stateMachine:${state.name}`);
        return { id: machineArn, outputs: { arn: machineArn, creationDate: CREATED_AT, status: "ACTIVE", revisionId: "", stateMachineVersionArn: "" } };
    },
    "aws:ssm/parameter:Parameter": (ctx, state) => ({
        id: state.name,
        outputs: { arn: arn(ctx, "ssm", `parameter${String(state.name).startsWith("/") ? "" : "/"}${state.name}`), version: 1, hasValueWo: false },
    }),
    "aws:sns/topicPolicy:TopicPolicy": (ctx, state) => ({ id: state.arn, outputs: { owner: ctx.account } }),
    "aws:sns/topicSubscription:TopicSubscription": (ctx, state) => {
        const subscriptionArn = `${state.topic}:${uuid(ctx.hash())}`;
        const pending = state.protocol === "email" || state.protocol === "email-json" || /^https?$/.test(String(state.protocol));
        return { id: subscriptionArn, outputs: { arn: subscriptionArn, ownerId: ctx.account, pendingConfirmation: pending, confirmationWasAuthenticated: !pending } };
    },
    "random:index/randomPassword:RandomPassword": randomString,
    "random:index/randomString:RandomString": randomString,
    "random:index/randomId:RandomId": (ctx, state) => {
        const hex = ctx.hash().repeat(4).slice(0, (state.byteLength ?? 8) * 2);
        return {
            id: Buffer.from(hex, "hex").toString("base64url"),
            outputs: {
                hex,
                b64Url: Buffer.from(hex, "hex").toString("base64url"),
                b64Std: Buffer.from(hex, "hex").toString("base64"),
                dec: BigInt(`0x${hex}`).toString(10),
            },
        };
    },
};

function bucket(ctx: Context, state: State): { id: string; outputs: State } {
    const name = state.bucket;
    return {
        id: name,
        outputs: {
            arn: `arn:aws:s3:::${name}`,
            bucketDomainName: `${name}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${name}.s3.${ctx.resourceRegion}.amazonaws.com`,
            hostedZoneId: "Z3AQBSTGFYJSTF",
            region: ctx.resourceRegion,
            bucketRegion: ctx.resourceRegion,
            websiteDomain: state.website ? `s3-website-${ctx.resourceRegion}.amazonaws.com` : "",
            websiteEndpoint: state.website ? `${name}.s3-website-${ctx.resourceRegion}.amazonaws.com` : "",
        },
    };
}

/** The first resource of a type the program created that matches, with its id. */
function createdWhere(ctx: Context, type: string, matches: (state: State) => boolean): { id: string; state: State } | undefined {
    for (const [id, resource] of ctx.created) if (resource.type === type && matches(resource.state)) return { id, state: resource.state };
    return undefined;
}

/** The VPC of the first subnet the program created (or the default VPC's, for subnets it did not create). */
function vpcOfSubnets(ctx: Context, subnetIds: unknown[]): string {
    for (const id of subnetIds) {
        const subnet = typeof id === "string" ? ctx.created.get(id) : undefined;
        if (subnet?.type === "aws:ec2/subnet:Subnet") return String(subnet.state.vpcId);
    }
    return DEFAULT_VPC_ID;
}

function defaultDatabasePort(engine: unknown): number {
    const name = String(engine ?? "postgres");
    if (/mysql|mariadb/.test(name)) return 3306;
    if (/sqlserver/.test(name)) return 1433;
    if (/oracle/.test(name)) return 1521;
    return 5432;
}

/** The secret RDS creates (and rotates) when manageMasterUserPassword is set; none otherwise. */
function masterUserSecrets(ctx: Context, state: State, secretName: string): State[] {
    if (state.manageMasterUserPassword !== true) return [];
    const keyId = state.masterUserSecretKmsKeyId ?? arn(ctx, "kms", `key/${uuid(ctx.hash("aws-secretsmanager"))}`);
    return [{ kmsKeyId: keyId, secretArn: arn(ctx, "secretsmanager", `secret:${secretName}-${ctx.hash("suffix").slice(0, 6)}`), secretStatus: "active" }];
}

function publicAddress(ctx: Context, assigned: boolean): State {
    if (!assigned) return { publicIp: "", publicDns: "" };
    const octet = (parseInt(ctx.hash("public").slice(0, 2), 16) % 254) + 1;
    return { publicIp: `198.51.100.${octet}`, publicDns: `ec2-198-51-100-${octet}.compute-1.amazonaws.com` };
}

function cloudFrontPolicy(kind: string): Computer {
    return (ctx) => {
        const id = uuid(ctx.hash());
        return { id, outputs: { etag: `E${ctx.hash("etag").slice(0, 13).toUpperCase()}`, arn: arn(ctx, "cloudfront", `${kind}/${id}`, { region: "" }) } };
    };
}

function randomString(ctx: Context, state: State): { id: string; outputs: State } {
    const length = Number(state.length ?? 16);
    const special = state.special ?? true;
    const alphabet = [
        state.upper === false ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        state.lower === false ? "" : "abcdefghijklmnopqrstuvwxyz",
        state.numeric === false ? "" : "0123456789",
        special ? (state.overrideSpecial ?? "!@#$%&*()-_=+[]{}<>:?") : "",
    ].join("");
    let result = "";
    let seed = ctx.hash();
    while (result.length < length) {
        for (let i = 0; i + 2 <= seed.length && result.length < length; i += 2) {
            result += alphabet[parseInt(seed.slice(i, i + 2), 16) % alphabet.length];
        }
        seed = createHash("sha256").update(seed).digest("hex");
    }
    return { id: "none", outputs: { result, bcryptHash: `$2a$10$${ctx.hash("bcrypt").slice(0, 53)}` } };
}

/** The generic fallback: an id from the name and an ARN in `arn:aws:<module>:<region>:<account>:<type>/<id>` form. */
function fallback(ctx: Context, state: State): { id: string; outputs: State } {
    const [pkg, moduleAndType] = ctx.type.split(":");
    const id = `${ctx.name}-${ctx.hash().slice(0, 8)}`;
    if (pkg !== "aws") return { id, outputs: {} };
    const service = (moduleAndType ?? "").split("/")[0];
    const kind = ctx.type.split(":").pop()!.replace(/^[A-Z]/, (c) => c.toLowerCase());
    // IAM is global: its ARNs have an empty region field (arn:aws:iam::<account>:...).
    const region = service === "iam" ? "" : undefined;
    return { id, outputs: { arn: state.arn ?? arn(ctx, service, `${kind}/${id}`, { region }) } };
}

/** Rough AWS semantics of the invokes Bulwark and programs like it call. */
export class OfflineAws implements pulumi.runtime.Mocks {
    readonly region: string;
    readonly accountId: string;
    private readonly options: OfflineAwsOptions;
    /** Regions of explicit AWS providers, by provider name (ids are unknown in preview). */
    private readonly providerRegions = new Map<string, string>();
    private readonly providerDefaultTags = new Map<string, unknown>();
    /** What the program created so far, by id: later resources read their VPC, subnets and defaults from it. */
    private readonly created = new Map<string, CreatedResource>();

    constructor(options: OfflineAwsOptions) {
        this.options = options;
        this.region = options.region;
        this.accountId = options.accountId ?? OFFLINE_ACCOUNT_ID;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const inputs = args.inputs ?? {};
        const hash = (salt = "") =>
            createHash("sha256").update(`${this.options.stack}|${args.type}|${args.name}|${salt}`).digest("hex");

        if (args.type === STACK_REFERENCE_TYPE) {
            // A read of another stack: known in preview as in up, since the engine reads it either way.
            const state = stackReferenceState(String(inputs.name ?? args.name), this.options.existing?.stackOutputs);
            const secretNames = state.secretOutputNames as string[];
            const outputs = state.outputs as Record<string, unknown>;
            for (const name of secretNames) outputs[name] = pulumi.secret(outputs[name]);
            return { id: String(state.name), state };
        }

        if (args.type.startsWith("pulumi:providers:")) {
            const id = uuid(hash());
            if (args.type === "pulumi:providers:aws") {
                if (typeof inputs.region === "string") this.providerRegions.set(args.name, inputs.region);
                const defaultTags = parseMaybeJson(inputs.defaultTags)?.tags;
                if (defaultTags && typeof defaultTags === "object") this.providerDefaultTags.set(args.name, defaultTags);
            }
            return { id: this.options.preview ? undefined : id, state: inputs };
        }

        if (!args.custom) {
            const expander = EXPANDERS[args.type];
            if (expander) return this.expandRemote(args, expander);
            // Components (and the stack) have no physical id; their outputs are registered by the program.
            return { id: undefined, state: inputs };
        }

        const state: State = { ...inputs };
        const autoNamed = autoNamedProperty(args.type);
        if (autoNamed && state[autoNamed] === undefined && state.namePrefix === undefined) {
            state[autoNamed] = autoName(args.name, hash("autoname"));
        } else if (autoNamed && state[autoNamed] === undefined && typeof state.namePrefix === "string") {
            state[autoNamed] = `${state.namePrefix}${hash("autoname").slice(0, 26)}`;
        }
        if (args.type === "aws:elasticache/replicationGroup:ReplicationGroup" && typeof state.replicationGroupId === "string") {
            // ElastiCache lowercases replication group ids.
            state.replicationGroupId = state.replicationGroupId.toLowerCase();
        }

        const ctx: Context = {
            type: args.type,
            name: args.name,
            inputs,
            hash,
            region: this.region,
            account: this.accountId,
            // AWS provider v7 resources take a per-resource `region` that overrides the provider's.
            resourceRegion: typeof inputs.region === "string" ? inputs.region : this.regionOfProvider(args.provider),
            created: this.created,
        };
        if (this.options.preview) {
            // A new stack's preview knows the inputs (and auto-names), never what AWS computes.
            return { id: undefined, state };
        }
        const computed = (COMPUTERS[args.type] ?? fallback)(ctx, state);
        const outputs: State = { ...(computed.outputs ?? {}) };
        const schema = resourceSchema(args.type);
        if (schema?.outputs.has("tagsAll") && !("tagsAll" in outputs)) {
            outputs.tagsAll = { ...this.defaultTagsOf(args.provider), ...(parseMaybeJson(state.tags) ?? {}) };
        }
        fillDeclaredOutputs(schema, state, outputs, { type: args.type, name: args.name, region: ctx.resourceRegion, account: this.accountId, hash, id: computed.id, arn: outputs.arn });
        Object.assign(outputs, outputsFor(this.options.existing?.mocks, args.type, args.name));
        const defined = Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
        const result = { ...state, ...defined, id: computed.id };
        this.created.set(computed.id, { type: args.type, state: result });
        return { id: computed.id, state: result };
    }

    /** A remote component built offline: its children go to the run's expansions, its outputs to the program. */
    private expandRemote(args: pulumi.runtime.MockResourceArgs, expander: (typeof EXPANDERS)[string]): { id: undefined; state: Record<string, any> } {
        const inputs = args.inputs ?? {};
        const result = expander(args.name, inputs, {
            region: this.regionOfProvider(args.provider),
            create: (type, name, childInputs) => this.newResource({ type, name, inputs: childInputs, provider: args.provider, custom: true }),
            hash: (salt) => createHash("sha256").update(`${this.options.stack}|${args.type}|${args.name}|${salt}`).digest("hex"),
        });
        const key = `${args.type}::${args.name}`;
        if ("unsupported" in result) {
            this.options.existing?.expansions?.set(key, { unsupported: result.unsupported });
            return { id: undefined, state: this.options.preview ? inputs : { ...inputs, ...result.outputs } };
        }
        this.options.existing?.expansions?.set(key, result.expansion);
        return { id: undefined, state: this.options.preview ? inputs : { ...inputs, ...result.outputs } };
    }

    /** The default tags of a resource's provider: an explicit provider's `defaultTags`, else the `aws:defaultTags` config. */
    private defaultTagsOf(provider: string | undefined): Record<string, unknown> {
        if (provider && /(::|\$)pulumi:providers:aws::/.test(provider)) {
            const parts = provider.split("::");
            return (this.providerDefaultTags.get(parts[parts.length - 2]) as Record<string, unknown>) ?? {};
        }
        const config = new pulumi.Config("aws").getObject<{ tags?: Record<string, unknown> }>("defaultTags");
        return config?.tags ?? {};
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        try {
            const supplied = answerFor(this.options.existing?.mocks, args.token, args.inputs ?? {});
            if (supplied) return { ...this.invokeOrNothing(args), ...supplied };
            return this.withDeclaredFields(args, this.invoke(args));
        } catch (error) {
            // The SDK reports a failed invoke by the gRPC error's `details`, as the engine sends it.
            throw Object.assign(error as Error, { details: (error as Error).message });
        }
    }

    /**
     * Every field the SDK declares as always present gets a value: the call's own argument when it
     * echoes one, the region, no tags, else a value of the declared type shaped by the field's name.
     */
    private withDeclaredFields(args: pulumi.runtime.MockCallArgs, result: Record<string, any>): Record<string, any> {
        const fields = invokeResultSchema(args.token);
        if (!fields) return result;
        const region = this.regionOfProvider(args.provider);
        const hash = (salt = "") => createHash("sha256").update(`${args.token}|${JSON.stringify(args.inputs ?? {})}|${salt}`).digest("hex");
        const filled = { ...result };
        for (const [field, declared] of fields) {
            if (filled[field] !== undefined) continue;
            if (args.inputs?.[field] !== undefined) filled[field] = args.inputs[field];
            else if (field === "region") filled[field] = region;
            else if (field === "tags") filled[field] = {};
            else filled[field] = genericOutput(field, declared, { type: args.token, name: String(result.name ?? result.id ?? "lookup"), region, account: this.accountId, hash, id: String(result.id ?? "") });
        }
        return filled;
    }

    /** What the offline AWS would answer, as a base the mock file's result is merged over (nothing when it cannot answer). */
    private invokeOrNothing(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        try {
            return this.invoke(args);
        } catch {
            return {};
        }
    }

    private invoke(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const region = this.regionOfProvider(args.provider);
        const inputs = args.inputs ?? {};
        switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                const letters = ["a", "b", "c", "d", "e", "f"];
                const names = letters.map((l) => `${region}${l}`);
                return {
                    id: region,
                    names,
                    zoneIds: letters.map((_, i) => `${shortRegion(region)}-az${i + 1}`),
                    groupNames: names.map(() => region),
                    state: inputs.state,
                };
            }
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    id: this.accountId,
                    accountId: this.accountId,
                    arn: `arn:aws:iam::${this.accountId}:user/offline`,
                    userId: "AIDAOFFLINEOFFLINE",
                };
            case "aws:index/getRegion:getRegion":
                return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
            case "aws:index/getPartition:getPartition":
                return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
            case "aws:iam/getPolicyDocument:getPolicyDocument": {
                const json = renderPolicyDocument(inputs as PolicyDocumentInput);
                return { id: createHash("sha256").update(json).digest("hex").slice(0, 10), json, minifiedJson: JSON.stringify(JSON.parse(json)) };
            }
            case "aws:ec2/getVpc:getVpc": {
                this.requireKnownCriteria(args.token, inputs, ["id", "default"], []);
                const vpcs = this.world(region).vpcs;
                const vpc = inputs.id ? vpcs.find((v) => v.id === inputs.id) : vpcs.find((v) => v.isDefault);
                if (!vpc) throw new Error(`InvalidVpcID.NotFound: The vpc ID '${inputs.id}' does not exist`);
                return { ...vpc, default: vpc.isDefault, arn: `arn:aws:ec2:${region}:${this.accountId}:vpc/${vpc.id}`, ownerId: this.accountId, enableDnsSupport: true, enableDnsHostnames: true, instanceTenancy: "default" };
            }
            case "aws:ec2/getSubnet:getSubnet": {
                this.requireKnownCriteria(args.token, inputs, ["id", "vpcId", "availabilityZone", "defaultForAz"], SUBNET_FILTERS);
                const subnets = this.subnetsMatching(region, inputs);
                const subnet = inputs.id ? subnets.find((s) => s.id === inputs.id) : subnets[0];
                if (!subnet) throw new Error(`InvalidSubnetID.NotFound: The subnet ID '${inputs.id ?? JSON.stringify(inputs.filters)}' does not exist`);
                return { ...subnet, arn: `arn:aws:ec2:${region}:${this.accountId}:subnet/${subnet.id}`, ownerId: this.accountId, mapPublicIpOnLaunch: subnet.vpcId === DEFAULT_VPC_ID };
            }
            case "aws:ec2/getSubnets:getSubnets":
                this.requireKnownCriteria(args.token, inputs, ["vpcId"], SUBNET_FILTERS);
                return { id: region, ids: this.subnetsMatching(region, inputs).map((subnet) => subnet.id), filters: inputs.filters };
            case "aws:ec2/getSecurityGroup:getSecurityGroup": {
                const vpcId = inputs.vpcId ?? filterValue(inputs, "vpc-id") ?? DEFAULT_VPC_ID;
                const id = inputs.id ?? `sg-${createHash("sha256").update(`default|${vpcId}`).digest("hex").slice(0, 17)}`;
                return { id, vpcId, name: inputs.name ?? "default", arn: `arn:aws:ec2:${region}:${this.accountId}:security-group/${id}`, description: "default VPC security group" };
            }
            case "aws:elb/getServiceAccount:getServiceAccount":
                // Elastic Load Balancing's log-writing account for us-east-1 (AWS lists one per region).
                return { id: "127311923021", arn: "arn:aws:iam::127311923021:root", region: inputs.region ?? region };
            case "aws:route53/getZone:getZone": {
                const name = String(inputs.name ?? "example.com").replace(/\.$/, "");
                const zoneId = inputs.zoneId ?? `Z${createHash("sha256").update(name).digest("hex").slice(0, 20).toUpperCase()}`;
                return { id: zoneId, zoneId, name: `${name}.`, arn: `arn:aws:route53:::hostedzone/${zoneId}`, privateZone: inputs.privateZone ?? false, nameServers: ["ns-1.awsdns-01.org"] };
            }
            case "aws:acm/getCertificate:getCertificate": {
                const certificateArn = `arn:aws:acm:${region}:${this.accountId}:certificate/${uuid(createHash("sha256").update(`${region}|${inputs.domain}`).digest("hex"))}`;
                return { id: certificateArn, arn: certificateArn, domain: inputs.domain, status: "ISSUED" };
            }
            case "aws:iam/getPolicy:getPolicy": {
                const policyArn = inputs.arn ?? `arn:aws:iam::aws:policy/${inputs.name}`;
                // The document itself comes from the pack's managed-policy snapshot when the policy is AWS's; an empty one otherwise.
                return { id: policyArn, arn: policyArn, name: inputs.name ?? String(policyArn).split("/").pop(), path: "/", policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }), attachmentCount: 0, description: "" };
            }
            case "aws:iam/getRole:getRole":
                return {
                    id: inputs.name,
                    name: inputs.name,
                    arn: `arn:aws:iam::${this.accountId}:role/${inputs.name}`,
                    uniqueId: "AROAOFFLINE",
                    path: "/",
                    maxSessionDuration: 3600,
                    createDate: CREATED_AT,
                    description: "",
                    permissionsBoundary: "",
                    roleLastUseds: [],
                    // An existing role's trust policy is the account's own: its root may assume it.
                    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${this.accountId}:root` }, Action: "sts:AssumeRole" }] }),
                };
            case "aws:kms/getAlias:getAlias": {
                const keyId = uuid(createHash("sha256").update(String(inputs.name)).digest("hex"));
                return { id: inputs.name, name: inputs.name, arn: `arn:aws:kms:${region}:${this.accountId}:${inputs.name}`, targetKeyId: keyId, targetKeyArn: `arn:aws:kms:${region}:${this.accountId}:key/${keyId}` };
            }
            case "aws:cloudfront/getCachePolicy:getCachePolicy":
            case "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy":
            case "aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy": {
                // Managed policies are looked up by name (Managed-CachingOptimized, ...): one fixed id per name.
                const id = inputs.id ?? uuid(createHash("sha256").update(String(inputs.name)).digest("hex"));
                return { id, name: inputs.name, etag: "EOFFLINE" };
            }
            case "aws:ec2/getAmi:getAmi":
            case "aws:ec2/getAmiIds:getAmiIds": {
                const id = `ami-${createHash("sha256").update(JSON.stringify(inputs.filters ?? [])).digest("hex").slice(0, 17)}`;
                return { id, imageId: id, ids: [id], architecture: "arm64", name: "offline-image", ownerId: "amazon" };
            }
            case "aws:ssm/getParameter:getParameter": {
                const name = String(inputs.name ?? "");
                const value = answerPublicParameter(name, region);
                if (value === undefined) {
                    throw new Error(unansweredInvoke(args.token, inputs, name.startsWith("/aws/service/") ? "it knows no public parameter of that name" : "the parameter is your own, so only your account knows its value"));
                }
                const arnName = name.startsWith("/") ? name : `/${name}`;
                return { id: name, name, value, insecureValue: value, type: "String", version: 1, region, arn: `arn:aws:ssm:${region}::parameter${arnName}`, withDecryption: inputs.withDecryption };
            }
            case "aws:organizations/getOrganization:getOrganization":
                return this.organization();
            default:
                throw new Error(unansweredInvoke(args.token, inputs, "it only answers lookups whose answer follows from the account and region (README lists them)"));
        }
    }

    /**
     * The offline account is the management account of a one-account organization with all
     * features, so aws:PrincipalOrgID conditions built from it have a realistic `o-` id.
     */
    private organization(): Record<string, any> {
        const orgId = `o-${createHash("sha256").update(`org|${this.accountId}`).digest("hex").slice(0, 10)}`;
        const rootId = `r-${createHash("sha256").update(`root|${this.accountId}`).digest("hex").slice(0, 4)}`;
        const account = {
            arn: `arn:aws:organizations::${this.accountId}:account/${orgId}/${this.accountId}`,
            email: "aws-management@example.com",
            id: this.accountId,
            joinedMethod: "CREATED",
            joinedTimestamp: CREATED_AT,
            name: "management",
            state: "ACTIVE",
            status: "ACTIVE",
        };
        return {
            id: orgId,
            arn: `arn:aws:organizations::${this.accountId}:organization/${orgId}`,
            featureSet: "ALL",
            masterAccountId: this.accountId,
            masterAccountArn: account.arn,
            masterAccountEmail: account.email,
            masterAccountName: account.name,
            accounts: [account],
            nonMasterAccounts: [],
            awsServiceAccessPrincipals: [],
            enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
            roots: [{ id: rootId, arn: `arn:aws:organizations::${this.accountId}:root/${orgId}/${rootId}`, name: "Root", policyTypes: [{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }] }],
        };
    }

    /**
     * A lookup by tags or by a filter the offline world does not index would silently find the
     * default VPC's resources instead of the user's: it fails, asking for a mock file.
     */
    private requireKnownCriteria(token: string, inputs: Record<string, any>, keys: string[], filters: string[]): void {
        const unknownKeys = Object.keys(inputs).filter((key) => inputs[key] !== undefined && !keys.includes(key) && key !== "filters" && key !== "region");
        const unknownFilters = ((inputs.filters ?? []) as { name: string }[]).map((f) => f.name).filter((name) => !filters.includes(name));
        const unknown = [...unknownKeys, ...unknownFilters.map((name) => `filter ${name}`)];
        if (unknown.length > 0) {
            throw new Error(unansweredInvoke(token, inputs, `it knows only the default VPC and the resources this program creates, not what ${unknown.join(", ")} selects in your account`));
        }
    }

    /** The account as a program sees it: the existing world given, plus the region's default VPC. */
    private world(region: string): { vpcs: (ExistingVpc & { isDefault: boolean })[]; subnets: ExistingSubnet[] } {
        const defaultSubnets = ["a", "b", "c"].map((zone, i) => ({
            id: `subnet-0default00000000${i}`,
            vpcId: DEFAULT_VPC_ID,
            availabilityZone: `${region}${zone}`,
            cidrBlock: `172.31.${i * 16}.0/20`,
        }));
        return {
            vpcs: [
                ...(this.options.existing?.vpcs ?? []).map((vpc) => ({ ...vpc, isDefault: false })),
                { id: DEFAULT_VPC_ID, cidrBlock: "172.31.0.0/16", isDefault: true },
            ],
            subnets: [...(this.options.existing?.subnets ?? []), ...defaultSubnets],
        };
    }

    /** Subnets by id, or by the EC2 filters programs pass (vpc-id, availability-zone, default-for-az). */
    private subnetsMatching(region: string, inputs: Record<string, any>): ExistingSubnet[] {
        const vpcId = inputs.vpcId ?? filterValue(inputs, "vpc-id");
        const zone = inputs.availabilityZone ?? filterValue(inputs, "availability-zone");
        const defaultOnly = inputs.defaultForAz === true || filterValue(inputs, "default-for-az") === "true";
        return this.world(region).subnets.filter(
            (subnet) =>
                (inputs.id === undefined || subnet.id === inputs.id) &&
                (vpcId === undefined || subnet.vpcId === vpcId) &&
                (zone === undefined || subnet.availabilityZone === zone) &&
                (!defaultOnly || subnet.vpcId === DEFAULT_VPC_ID),
        );
    }

    /**
     * A provider reference is `<urn>::<id>`; the URN's last segment is the provider's name. A provider
     * parented to a component carries the component's type chain (`...Cdn$pulumi:providers:aws::`).
     */
    private regionOfProvider(provider: string | undefined): string {
        if (!provider || !/(::|\$)pulumi:providers:aws::/.test(provider)) return this.region;
        const parts = provider.split("::");
        return this.providerRegions.get(parts[parts.length - 2]) ?? this.region;
    }
}
