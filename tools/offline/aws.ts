import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { renderPolicyDocument, PolicyDocumentInput } from "./policy-document";

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
}

/** Every region of an account starts with a default VPC (172.31.0.0/16) and a public subnet per AZ. */
export const DEFAULT_VPC_ID = "vpc-0default000000000";

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
            },
        };
    },
    "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group"),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("sg", "security-group"),
    "aws:ec2/securityGroupRule:SecurityGroupRule": (ctx) => ({ id: `sgrule-${ctx.hash().slice(0, 10)}` }),
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
    "aws:ec2/route:Route": (ctx) => ({ id: `r-rtb-${ctx.hash().slice(0, 17)}` }),
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
            },
        };
    },
    "aws:ec2/instance:Instance": (ctx) => {
        const id = `i-${ctx.hash().slice(0, 17)}`;
        return {
            id,
            outputs: {
                arn: arn(ctx, "ec2", `instance/${id}`),
                primaryNetworkInterfaceId: `eni-${ctx.hash("eni").slice(0, 17)}`,
                privateIp: `10.0.${parseInt(ctx.hash("ip").slice(0, 2), 16) % 250}.20`,
                privateDns: `ip-10-0-0-20.ec2.internal`,
                instanceState: "running",
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
                prefixListId: gateway ? `pl-${ctx.hash("pl").slice(0, 8)}` : undefined,
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
        return { id: policyArn, outputs: { arn: policyArn, policyId: `ANPA${ctx.hash().slice(0, 17).toUpperCase()}` } };
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
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": named("logs", (n) => `delivery-source:${n}`),
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
        return { id: topicArn, outputs: { arn: topicArn, owner: ctx.account } };
    },
    "aws:sns/topicPolicy:TopicPolicy": (_ctx, state) => ({ id: state.arn }),
    "aws:sns/topicSubscription:TopicSubscription": (ctx, state) => {
        const subscriptionArn = `${state.topic}:${uuid(ctx.hash())}`;
        return { id: subscriptionArn, outputs: { arn: subscriptionArn, ownerId: ctx.account, pendingConfirmation: state.protocol === "email" } };
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
                primaryEndpointAddress: clusterMode ? undefined : `master.${host}`,
                readerEndpointAddress: clusterMode ? undefined : `replica.${host}`,
                configurationEndpointAddress: clusterMode ? `clustercfg.${host}` : undefined,
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
                fullEngineVersion: `${state.majorEngineVersion ?? "8"}.0`,
            },
        };
    },
    "aws:elasticache/subnetGroup:SubnetGroup": named("elasticache", (n) => `subnetgroup:${n}`),
    "aws:elasticache/parameterGroup:ParameterGroup": named("elasticache", (n) => `parametergroup:${n}`),
    "aws:elasticache/user:User": named("elasticache", (n) => `user:${n}`, "userId"),
    "aws:elasticache/userGroup:UserGroup": named("elasticache", (n) => `usergroup:${n}`, "userGroupId"),
    "aws:cloudfront/distribution:Distribution": (ctx) => {
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
                lastModifiedTime: "2026-01-01T00:00:00Z",
            },
        };
    },
    "aws:cloudfront/originAccessControl:OriginAccessControl": (ctx) => ({
        id: `E${ctx.hash().slice(0, 13).toUpperCase()}`,
        outputs: { etag: `E${ctx.hash("etag").slice(0, 13).toUpperCase()}` },
    }),
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
            outputs: { arn: arn(ctx, "wafv2", `${scope}/webacl/${state.name}/${id}`), capacity: 700, lockToken: uuid(ctx.hash("lock")) },
        };
    },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": (_ctx, state) => ({ id: state.resourceArn }),
    "aws:wafv2/webAclAssociation:WebAclAssociation": (_ctx, state) => ({ id: `${state.webAclArn},${state.resourceArn}` }),
    "aws:cloudtrail/trail:Trail": (ctx, state) => ({
        id: state.name,
        outputs: { arn: arn(ctx, "cloudtrail", `trail/${state.name}`), homeRegion: ctx.resourceRegion },
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
        return { id: lbArn, outputs: { arn: lbArn, arnSuffix: `${kind}/${name}/${suffix}`, dnsName: `${name}-${suffix.slice(0, 9)}.${ctx.resourceRegion}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K", name } };
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
        return { id: identifier, outputs: { identifier, arn: arn(ctx, "rds", `db:${identifier}`), address, endpoint: `${address}:${state.port ?? 5432}`, resourceId: `db-${ctx.hash("res").slice(0, 26).toUpperCase()}` } };
    },
    "aws:rds/cluster:Cluster": (ctx, state) => {
        const identifier = state.clusterIdentifier ?? autoName(ctx.name, ctx.hash("autoname")).toLowerCase();
        const host = `${identifier}.cluster-${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.rds.amazonaws.com`;
        return { id: identifier, outputs: { clusterIdentifier: identifier, arn: arn(ctx, "rds", `cluster:${identifier}`), endpoint: host, readerEndpoint: host.replace(".cluster-", ".cluster-ro-"), clusterResourceId: `cluster-${ctx.hash("res").slice(0, 26).toUpperCase()}` } };
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
    "aws:elb/loadBalancer:LoadBalancer": (ctx, state) => {
        const name = state.name ?? autoName(ctx.name, ctx.hash("autoname")).slice(0, 32);
        return { id: name, outputs: { name, arn: arn(ctx, "elasticloadbalancing", `loadbalancer/${name}`), dnsName: `${name}-${parseInt(ctx.hash().slice(0, 8), 16)}.${ctx.resourceRegion}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" } };
    },
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
    "aws:redshift/cluster:Cluster": (ctx, state) => {
        const identifier = state.clusterIdentifier ?? ctx.name;
        const dnsName = `${identifier}.${ctx.hash().slice(0, 12)}.${ctx.resourceRegion}.redshift.amazonaws.com`;
        return { id: identifier, outputs: { arn: arn(ctx, "redshift", `cluster:${identifier}`), dnsName, endpoint: `${dnsName}:${state.port ?? 5439}`, clusterNamespaceArn: arn(ctx, "redshift", `namespace:${uuid(ctx.hash("ns"))}`) } };
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
        return { id: name, outputs: { arn: arn(ctx, "eks", `cluster/${name}`), endpoint: `https://${ctx.hash().slice(0, 32).toUpperCase()}.gr7.${ctx.resourceRegion}.eks.amazonaws.com`, certificateAuthority: { data: Buffer.from("offline-ca").toString("base64") }, status: "ACTIVE" } };
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
        },
    };
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
    return { id, outputs: { arn: state.arn ?? arn(ctx, service, `${kind}/${id}`) } };
}

/** Rough AWS semantics of the invokes Bulwark and programs like it call. */
export class OfflineAws implements pulumi.runtime.Mocks {
    readonly region: string;
    readonly accountId: string;
    private readonly options: OfflineAwsOptions;
    /** Regions of explicit AWS providers, by provider name (ids are unknown in preview). */
    private readonly providerRegions = new Map<string, string>();

    constructor(options: OfflineAwsOptions) {
        this.options = options;
        this.region = options.region;
        this.accountId = options.accountId ?? OFFLINE_ACCOUNT_ID;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const inputs = args.inputs ?? {};
        const hash = (salt = "") =>
            createHash("sha256").update(`${this.options.stack}|${args.type}|${args.name}|${salt}`).digest("hex");

        if (args.type.startsWith("pulumi:providers:")) {
            const id = uuid(hash());
            if (args.type === "pulumi:providers:aws" && typeof inputs.region === "string") {
                this.providerRegions.set(args.name, inputs.region);
            }
            return { id: this.options.preview ? undefined : id, state: inputs };
        }

        if (!args.custom) {
            // Components (and the stack) have no physical id; their outputs are registered by the program.
            return { id: undefined, state: inputs };
        }

        const state: State = { ...inputs };
        const autoNamed = AUTO_NAMED_PROPERTIES[args.type];
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
        };
        const computed = (COMPUTERS[args.type] ?? fallback)(ctx, state);
        if (this.options.preview) {
            // A new stack's preview knows the inputs (and auto-names), never what AWS computes.
            return { id: undefined, state };
        }
        const outputs = Object.fromEntries(Object.entries(computed.outputs ?? {}).filter(([, v]) => v !== undefined));
        return { id: computed.id, state: { ...state, ...outputs, id: computed.id } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        try {
            return this.invoke(args);
        } catch (error) {
            // The SDK reports a failed invoke by the gRPC error's `details`, as the engine sends it.
            throw Object.assign(error as Error, { details: (error as Error).message });
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
                const vpcs = this.world(region).vpcs;
                const vpc = inputs.id ? vpcs.find((v) => v.id === inputs.id) : vpcs.find((v) => v.isDefault);
                if (!vpc) throw new Error(`InvalidVpcID.NotFound: The vpc ID '${inputs.id}' does not exist`);
                return { ...vpc, default: vpc.isDefault, arn: `arn:aws:ec2:${region}:${this.accountId}:vpc/${vpc.id}`, ownerId: this.accountId, enableDnsSupport: true, enableDnsHostnames: true, instanceTenancy: "default" };
            }
            case "aws:ec2/getSubnet:getSubnet": {
                const subnets = this.subnetsMatching(region, inputs);
                const subnet = inputs.id ? subnets.find((s) => s.id === inputs.id) : subnets[0];
                if (!subnet) throw new Error(`InvalidSubnetID.NotFound: The subnet ID '${inputs.id ?? JSON.stringify(inputs.filters)}' does not exist`);
                return { ...subnet, arn: `arn:aws:ec2:${region}:${this.accountId}:subnet/${subnet.id}`, ownerId: this.accountId, mapPublicIpOnLaunch: subnet.vpcId === DEFAULT_VPC_ID };
            }
            case "aws:ec2/getSubnets:getSubnets":
            case "aws:ec2/getSubnetIds:getSubnetIds":
                return { id: region, ids: this.subnetsMatching(region, inputs).map((subnet) => subnet.id), filters: inputs.filters };
            case "aws:ec2/getSecurityGroup:getSecurityGroup": {
                const vpcId = inputs.vpcId ?? filterValue(inputs, "vpc-id") ?? DEFAULT_VPC_ID;
                const id = inputs.id ?? `sg-${createHash("sha256").update(`default|${vpcId}`).digest("hex").slice(0, 17)}`;
                return { id, vpcId, name: inputs.name ?? "default", arn: `arn:aws:ec2:${region}:${this.accountId}:security-group/${id}`, description: "default VPC security group" };
            }
            case "aws:elb/getServiceAccount:getServiceAccount":
            case "aws:lb/getServiceAccount:getServiceAccount":
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
                return { id: policyArn, arn: policyArn, name: inputs.name ?? String(policyArn).split("/").pop(), path: "/" };
            }
            case "aws:iam/getRole:getRole":
                return { id: inputs.name, name: inputs.name, arn: `arn:aws:iam::${this.accountId}:role/${inputs.name}`, uniqueId: "AROAOFFLINE" };
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
                const value = `ami-${createHash("sha256").update(String(inputs.name)).digest("hex").slice(0, 17)}`;
                return { id: inputs.name, name: inputs.name, value, insecureValue: value, type: "String", arn: `arn:aws:ssm:${region}:${this.accountId}:parameter${inputs.name}` };
            }
            default:
                throw new Error(`Mock not implemented: ${args.token}`);
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
