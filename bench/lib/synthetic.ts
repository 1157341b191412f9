/**
 * Synthetic stacks for the policy benchmark: thousands of resources shaped the way Bulwark's
 * components record them (same types, input shapes, ids, ARNs and propertyDependencies), built
 * directly as RecordedResources because running Pulumi for 10,000 resources would time Pulumi.
 *
 * The stack grows the way a platform does: services (a VPC Lambda function with its role, inline
 * policy, log group, URL and alias; a Redis cache with its subnet group, security group, auth secret
 * and slow log; a CloudFront distribution with its WAF and origin access control) share VPCs, eight
 * to a VPC, and every VPC has public, private and isolated subnets in three AZs, NAT gateways, route
 * tables, routes and flow logs. Two KMS keys (logs, data) serve the whole stack, so references cross
 * the whole graph and not only within a service.
 */
import type { ProgramRun } from "../../tools/engine/run";
import { defaultOptions, RecordedOptions, RecordedResource, SECRET_SIG, SPECIAL_SIG_KEY } from "../../tools/engine/recorder";

/** The account in every ARN; syntheticRun sets it per stack so that different stacks share no document text. */
let ACCOUNT = "123456789012";
const REGION = "us-east-1";
const PROJECT = "bulwark";
const STACK = "bench";
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];
export const SERVICES_PER_VPC = 8;

type Inputs = Record<string, unknown>;
type Deps = Record<string, RecordedResource[]>;

const OPTIONS: RecordedOptions = defaultOptions({ version: "7.48.0" });

function secret(value: unknown): Record<string, unknown> {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

function policyJson(statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

/** Appends resources in registration order, with deterministic ids and the engine's URNs. */
class StackBuilder {
    readonly resources: RecordedResource[] = [];
    private counter = 0;
    readonly root: RecordedResource;

    constructor() {
        this.root = this.push({
            urn: `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`,
            type: "pulumi:pulumi:Stack",
            name: `${PROJECT}-${STACK}`,
            custom: false,
            parent: null,
            provider: null,
            id: null,
            inputs: {},
            outputs: {},
            options: { ...OPTIONS, version: null },
            dependencies: [],
            propertyDependencies: {},
        });
    }

    /** A 17-hex-digit suffix unique in the stack, as AWS ids have. */
    hex(): string {
        return (++this.counter).toString(16).padStart(17, "0");
    }

    component(type: string, name: string): RecordedResource {
        return this.push({
            urn: `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`,
            type,
            name,
            custom: false,
            parent: this.root.urn,
            provider: null,
            id: null,
            inputs: {},
            outputs: {},
            options: { ...OPTIONS, version: null },
            dependencies: [],
            propertyDependencies: {},
        });
    }

    /** A custom resource under `parent`; `computed` are the outputs AWS adds (id, arn, ...). */
    custom(parent: RecordedResource, type: string, name: string, inputs: Inputs, deps: Deps, computed: Inputs, protect = false): RecordedResource {
        const propertyDependencies: Record<string, string[]> = {};
        for (const key of Object.keys(inputs)) propertyDependencies[key] = (deps[key] ?? []).map((d) => d.urn);
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        const qualifiedParent = parent.urn.split("::")[2];
        return this.push({
            urn: `urn:pulumi:${STACK}::${PROJECT}::${qualifiedParent}$${type}::${name}`,
            type,
            name,
            custom: true,
            parent: parent.urn,
            provider: null,
            id: String(computed.id),
            inputs,
            outputs: { ...inputs, ...computed },
            options: { ...OPTIONS, protect },
            dependencies,
            propertyDependencies,
        });
    }

    private push(resource: RecordedResource): RecordedResource {
        this.resources.push(resource);
        return resource;
    }
}

const out = (resource: RecordedResource, key: string): string => String(resource.outputs[key]);

interface Keys {
    logs: RecordedResource;
    data: RecordedResource;
}

function baseline(b: StackBuilder): Keys {
    const parent = b.component("bulwark:security:Baseline", "security");
    const root = { Sid: "AccountAdministersKey", Effect: "Allow", Action: "kms:*", Resource: "*", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } };
    const key = (name: string, description: string, statements: object[]) => {
        const id = `${b.hex().slice(-8)}-e849-4e57-adc7-2b295745f352`;
        const created = b.custom(
            parent, "aws:kms/key:Key", `security-${name}-key`,
            { deletionWindowInDays: 30, description, enableKeyRotation: true, policy: policyJson([root, ...statements]), rotationPeriodInDays: 365 },
            {}, { id, arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`, keyId: id }, true,
        );
        b.custom(parent, "aws:kms/alias:Alias", `security-${name}-alias`, { name: `alias/bench-${name}`, targetKeyId: id }, { targetKeyId: [created] }, { id: `alias/bench-${name}` });
        return created;
    };
    const logs = key("logs", "encrypts CloudWatch Logs log groups", [
        {
            Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
            Effect: "Allow",
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Principal: { Service: `logs.${REGION}.amazonaws.com` },
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` } },
        },
    ]);
    const data = key("data", "encrypts Secrets Manager, ElastiCache and Lambda environment data", []);
    return { logs, data };
}

function logGroup(b: StackBuilder, parent: RecordedResource, name: string, groupName: string, keys: Keys, retentionInDays = 90): RecordedResource {
    return b.custom(
        parent, "aws:cloudwatch/logGroup:LogGroup", name,
        { kmsKeyId: out(keys.logs, "arn"), name: groupName, retentionInDays }, { kmsKeyId: [keys.logs] },
        { id: groupName, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${groupName}` },
    );
}

function role(b: StackBuilder, parent: RecordedResource, name: string, service: string, description: string): RecordedResource {
    const roleName = `${name}-${b.hex().slice(-7)}`;
    return b.custom(
        parent, "aws:iam/role:Role", name,
        {
            assumeRolePolicy: policyJson([
                { Sid: "ServiceOfThisAccount", Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: service }, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
            ]),
            description,
            name: roleName,
        },
        {}, { id: roleName, arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` },
    );
}

function rolePolicy(b: StackBuilder, parent: RecordedResource, name: string, owner: RecordedResource, statements: object[], deps: RecordedResource[]): RecordedResource {
    const policyName = `${name}-${b.hex().slice(-7)}`;
    return b.custom(
        parent, "aws:iam/rolePolicy:RolePolicy", name,
        { policy: policyJson(statements), role: out(owner, "id"), name: policyName }, { policy: deps, role: [owner] },
        { id: `${out(owner, "id")}:${policyName}` },
    );
}

interface Network {
    vpc: RecordedResource;
    privateSubnets: RecordedResource[];
    isolatedSubnets: RecordedResource[];
}

function network(b: StackBuilder, index: number, keys: Keys): Network {
    const name = `network${index}`;
    const parent = b.component("bulwark:network:Network", name);
    const second = index % 256;
    const vpcId = `vpc-${b.hex()}`;
    const vpc = b.custom(
        parent, "aws:ec2/vpc:Vpc", `${name}-vpc`,
        { cidrBlock: `10.${second}.0.0/16`, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${name}-vpc` } }, {},
        { id: vpcId, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${vpcId}`, mainRouteTableId: `rtb-${b.hex()}`, defaultSecurityGroupId: `sg-${b.hex()}` },
    );
    const vpcDeps = { vpcId: [vpc] };
    const igw = b.custom(parent, "aws:ec2/internetGateway:InternetGateway", `${name}-igw`, { tags: { Name: `${name}-igw` }, vpcId }, vpcDeps, { id: `igw-${b.hex()}` });
    const table = (tier: string) =>
        b.custom(parent, "aws:ec2/routeTable:RouteTable", `${name}-${tier}-rt`, { tags: { Name: `${name}-${tier}-rt`, "bulwark:tier": tier }, vpcId }, vpcDeps, { id: `rtb-${b.hex()}` });
    const route = (routeName: string, rt: RecordedResource, target: "gatewayId" | "natGatewayId", via: RecordedResource) =>
        b.custom(
            parent, "aws:ec2/route:Route", routeName,
            { destinationCidrBlock: "0.0.0.0/0", [target]: out(via, "id"), routeTableId: out(rt, "id") }, { [target]: [via], routeTableId: [rt] },
            { id: `r-${out(rt, "id")}` },
        );
    const subnet = (subnetName: string, tier: string, az: number, third: number) => {
        const id = `subnet-${b.hex()}`;
        return b.custom(
            parent, "aws:ec2/subnet:Subnet", subnetName,
            { availabilityZone: AZS[az], cidrBlock: `10.${second}.${third}.0/21`, mapPublicIpOnLaunch: false, tags: { Name: subnetName, "bulwark:tier": tier }, vpcId }, vpcDeps,
            { id, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${id}` },
        );
    };
    const associate = (associationName: string, rt: RecordedResource, sn: RecordedResource) =>
        b.custom(
            parent, "aws:ec2/routeTableAssociation:RouteTableAssociation", associationName,
            { routeTableId: out(rt, "id"), subnetId: out(sn, "id") }, { routeTableId: [rt], subnetId: [sn] }, { id: `rtbassoc-${b.hex()}` },
        );

    const publicTable = table("public");
    route(`${name}-public-internet`, publicTable, "gatewayId", igw);
    const isolatedTable = table("isolated");
    const privateSubnets: RecordedResource[] = [];
    const isolatedSubnets: RecordedResource[] = [];
    AZS.forEach((_, az) => {
        const n = az + 1;
        const publicSubnet = subnet(`${name}-public-az${n}`, "public", az, az * 8);
        associate(`${name}-public-rta-az${n}`, publicTable, publicSubnet);
        const eip = b.custom(parent, "aws:ec2/eip:Eip", `${name}-nat-eip-az${n}`, { domain: "vpc", tags: { Name: `${name}-nat-eip-az${n}` } }, {}, { id: `eipalloc-${b.hex()}`, publicIp: `198.51.100.${n}` });
        const nat = b.custom(
            parent, "aws:ec2/natGateway:NatGateway", `${name}-nat-az${n}`,
            { allocationId: out(eip, "id"), connectivityType: "public", subnetId: out(publicSubnet, "id"), tags: { Name: `${name}-nat-az${n}` } },
            { allocationId: [eip], subnetId: [publicSubnet] }, { id: `nat-${b.hex()}` },
        );
        const privateSubnet = subnet(`${name}-private-az${n}`, "private", az, 64 + az * 8);
        const privateTable = table(`private-az${n}`);
        route(`${name}-private-nat-az${n}`, privateTable, "natGatewayId", nat);
        associate(`${name}-private-rta-az${n}`, privateTable, privateSubnet);
        const isolatedSubnet = subnet(`${name}-isolated-az${n}`, "isolated", az, 128 + az * 8);
        associate(`${name}-isolated-rta-az${n}`, isolatedTable, isolatedSubnet);
        privateSubnets.push(privateSubnet);
        isolatedSubnets.push(isolatedSubnet);
    });

    const flowLogs = logGroup(b, parent, `${name}-flow-logs`, `${name}-flow-logs-${b.hex().slice(-7)}`, keys, 365);
    const flowRole = role(b, parent, `${name}-flow-logs-role`, "vpc-flow-logs.amazonaws.com", "Lets VPC Flow Logs write to its log group");
    rolePolicy(b, parent, `${name}-flow-logs-policy`, flowRole, [
        { Sid: "WriteFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: `${out(flowLogs, "arn")}:*` },
    ], [flowLogs]);
    b.custom(
        parent, "aws:ec2/flowLog:FlowLog", `${name}-flow-log`,
        { iamRoleArn: out(flowRole, "arn"), logDestination: out(flowLogs, "arn"), logDestinationType: "cloud-watch-logs", trafficType: "ALL", vpcId },
        { iamRoleArn: [flowRole], logDestination: [flowLogs], vpcId: [vpc] }, { id: `fl-${b.hex()}` },
    );
    return { vpc, privateSubnets, isolatedSubnets };
}

function securityGroup(b: StackBuilder, parent: RecordedResource, name: string, description: string, net: Network): RecordedResource {
    const id = `sg-${b.hex()}`;
    return b.custom(
        parent, "aws:ec2/securityGroup:SecurityGroup", name,
        { description, vpcId: out(net.vpc, "id"), name: `${name}-${b.hex().slice(-7)}` }, { vpcId: [net.vpc] },
        { id, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${id}` },
    );
}

function sgRule(b: StackBuilder, parent: RecordedResource, type: "Ingress" | "Egress", name: string, group: RecordedResource, port: number, peer: { cidr: string } | { group: RecordedResource }, description: string): RecordedResource {
    const peerInputs = "cidr" in peer ? { cidrIpv4: peer.cidr } : { referencedSecurityGroupId: out(peer.group, "id") };
    const peerDeps: Deps = "cidr" in peer ? {} : { referencedSecurityGroupId: [peer.group] };
    return b.custom(
        parent, `aws:vpc/securityGroup${type}Rule:SecurityGroup${type}Rule`, name,
        { ...peerInputs, description, fromPort: port, ipProtocol: "tcp", securityGroupId: out(group, "id"), toPort: port },
        { ...peerDeps, securityGroupId: [group] }, { id: `sgr-${b.hex()}` },
    );
}

/** One service: its cache, its function (allowed into the cache) and its distribution. */
function service(b: StackBuilder, index: number, net: Network, keys: Keys): void {
    const name = `svc${index}`;

    const cacheParent = b.component("bulwark:data:Cache", `${name}-cache`);
    const cacheSg = securityGroup(b, cacheParent, `${name}-cache-sg`, `Cache "${name}": ingress only from allowed client security groups`, net);
    const subnetGroupName = `${name}-cache-subnets-${b.hex().slice(-7)}`;
    const subnetGroup = b.custom(
        cacheParent, "aws:elasticache/subnetGroup:SubnetGroup", `${name}-cache-subnet-group`,
        { description: `Cache "${name}": isolated subnets`, subnetIds: net.isolatedSubnets.map((s) => out(s, "id")), name: subnetGroupName },
        { subnetIds: net.isolatedSubnets }, { id: subnetGroupName },
    );
    const token = b.custom(
        cacheParent, "random:index/randomPassword:RandomPassword", `${name}-cache-auth-token`,
        { length: 64, minLower: 1, minNumeric: 1, minUpper: 1, overrideSpecial: "!&#$^<>-", special: true }, {},
        { id: "none", result: secret(`token-${b.hex()}`) },
    );
    const secretName = `${name}-cache-auth-${b.hex().slice(-7)}`;
    const authSecret = b.custom(
        cacheParent, "aws:secretsmanager/secret:Secret", `${name}-cache-auth-secret`,
        { description: `AUTH token of the "${name}" cache`, kmsKeyId: out(keys.data, "arn"), name: secretName }, { kmsKeyId: [keys.data] },
        { id: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${secretName}-abcdef`, arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${secretName}-abcdef` },
        true,
    );
    b.custom(
        cacheParent, "aws:secretsmanager/secretVersion:SecretVersion", `${name}-cache-auth-secret-version`,
        { secretId: out(authSecret, "arn"), secretString: token.outputs.result }, { secretId: [authSecret], secretString: [token] },
        { id: `${out(authSecret, "arn")}|v1` },
    );
    const slowLog = logGroup(b, cacheParent, `${name}-cache-slow-log`, `${name}-cache-slow-log-${b.hex().slice(-7)}`, keys);
    const groupId = `${name}-rg-${b.hex().slice(-7)}`;
    const cache = b.custom(
        cacheParent, "aws:elasticache/replicationGroup:ReplicationGroup", `${name}-cache-rg`,
        {
            atRestEncryptionEnabled: true, authToken: token.outputs.result, autoMinorVersionUpgrade: true, automaticFailoverEnabled: true,
            description: `Cache "${name}"`, engine: "valkey", engineVersion: "8.0", kmsKeyId: out(keys.data, "arn"),
            logDeliveryConfigurations: [{ destination: out(slowLog, "id"), destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" }],
            maintenanceWindow: "sun:05:00-sun:06:00", multiAzEnabled: true, nodeType: "cache.t4g.small", numCacheClusters: 2, port: 6379,
            securityGroupIds: [out(cacheSg, "id")], snapshotRetentionLimit: 7, snapshotWindow: "03:00-04:00", subnetGroupName,
            transitEncryptionEnabled: true, transitEncryptionMode: "required", replicationGroupId: groupId,
        },
        { authToken: [token], kmsKeyId: [keys.data], logDeliveryConfigurations: [slowLog], securityGroupIds: [cacheSg], subnetGroupName: [subnetGroup] },
        { id: groupId, arn: `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:${groupId}`, primaryEndpointAddress: `master.${groupId}.abc123.use1.cache.amazonaws.com` },
        true,
    );

    const fnParent = b.component("bulwark:compute:Function", `${name}-api`);
    const fnSg = securityGroup(b, fnParent, `${name}-api-sg`, `Function "${name}": egress to HTTPS and its cache only`, net);
    sgRule(b, fnParent, "Egress", `${name}-api-https`, fnSg, 443, { cidr: "0.0.0.0/0" }, "HTTPS to the upstream and AWS APIs through the NAT");
    sgRule(b, fnParent, "Egress", `${name}-api-to-cache`, fnSg, 6379, { group: cacheSg }, "Redis to its cache");
    sgRule(b, cacheParent, "Ingress", `${name}-cache-from-api`, cacheSg, 6379, { group: fnSg }, `Cache clients: ${name}`);
    const functionName = `bench-${name}-api`;
    const logs = logGroup(b, fnParent, `${name}-api-logs`, `/aws/lambda/${functionName}`, keys);
    const fnRole = role(b, fnParent, `${name}-api-role`, "lambda.amazonaws.com", `Execution role of the ${name} Lambda function`);
    const policy = rolePolicy(b, fnParent, `${name}-api-policy`, fnRole, [
        { Sid: "WriteOwnLog", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${out(logs, "arn")}:*` },
        { Sid: "DescribeNetworkInterfaces", Effect: "Allow", Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], Resource: "*" },
        {
            Sid: "CreateNetworkInterfaceInOwnSubnets", Effect: "Allow", Action: "ec2:CreateNetworkInterface",
            Resource: [`arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`, ...net.privateSubnets.map((s) => out(s, "arn")), out(fnSg, "arn")],
        },
        { Sid: "DeleteNetworkInterfaces", Effect: "Allow", Action: "ec2:DeleteNetworkInterface", Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:*/*` },
        {
            Sid: "ManagePrivateIpsInOwnVpc", Effect: "Allow", Action: ["ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
            Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`, Condition: { ArnEquals: { "ec2:Vpc": out(net.vpc, "arn") } },
        },
        { Sid: "WriteTraces", Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" },
        { Sid: "ReadCacheAuthSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: out(authSecret, "arn") },
        {
            Sid: "DecryptCacheAuthSecret", Effect: "Allow", Action: "kms:Decrypt", Resource: out(keys.data, "arn"),
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`, "kms:EncryptionContext:SecretARN": out(authSecret, "arn") } },
        },
    ], [logs, ...net.privateSubnets, fnSg, net.vpc, authSecret, keys.data]);
    const fn = b.custom(
        fnParent, "aws:lambda/function:Function", `${name}-api-function`,
        {
            architectures: ["arm64"], handler: "index.handler", runtime: "nodejs22.x", memorySize: 1024, timeout: 15, publish: true, name: functionName,
            environment: { variables: { REDIS_AUTH_SECRET_ARN: out(authSecret, "arn"), REDIS_HOST: out(cache, "primaryEndpointAddress"), REDIS_PORT: "6379", REDIS_TLS: "true", UPSTREAM_URL: "https://api.example.com" } },
            kmsKeyArn: out(keys.data, "arn"), loggingConfig: { logFormat: "Text", logGroup: out(logs, "name") }, reservedConcurrentExecutions: 50,
            role: out(fnRole, "arn"), tracingConfig: { mode: "Active" },
            vpcConfig: { securityGroupIds: [out(fnSg, "id")], subnetIds: net.privateSubnets.map((s) => out(s, "id")) },
        },
        { environment: [cache, authSecret], kmsKeyArn: [keys.data], loggingConfig: [logs], role: [fnRole], vpcConfig: [...net.privateSubnets, fnSg] },
        { id: functionName, arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`, version: "1" },
    );
    fn.dependencies.push(policy.urn);
    const alias = b.custom(
        fnParent, "aws:lambda/alias:Alias", `${name}-api-live`,
        { description: "Traffic from CloudFront", functionName, functionVersion: "1", name: "live" }, { functionName: [fn], functionVersion: [fn] },
        { id: `${out(fn, "arn")}:live`, arn: `${out(fn, "arn")}:live` },
    );
    const urlHost = `${b.hex()}${b.hex()}`.slice(0, 32);
    const url = b.custom(
        fnParent, "aws:lambda/functionUrl:FunctionUrl", `${name}-api-url`,
        { authorizationType: "AWS_IAM", functionName, invokeMode: "BUFFERED", qualifier: "live" }, { functionName: [fn], qualifier: [alias] },
        { id: `${functionName},live`, functionUrl: `https://${urlHost}.lambda-url.${REGION}.on.aws/`, functionArn: out(fn, "arn") },
    );

    const cdnParent = b.component("bulwark:edge:Cdn", `${name}-edge`);
    const oac = b.custom(
        cdnParent, "aws:cloudfront/originAccessControl:OriginAccessControl", `${name}-edge-oac`,
        { description: `Signs requests from ${name} to its function URL`, originAccessControlOriginType: "lambda", signingBehavior: "always", signingProtocol: "sigv4", name: `${name}-oac-${b.hex().slice(-7)}` },
        {}, { id: `E${b.hex().slice(-13).toUpperCase()}` },
    );
    const wafName = `${name}-waf-${b.hex().slice(-7)}`;
    const waf = b.custom(
        cdnParent, "aws:wafv2/webAcl:WebAcl", `${name}-edge-waf`,
        {
            defaultAction: { allow: {} }, scope: "CLOUDFRONT", name: wafName, description: `Guards ${name}`,
            rules: [{ action: { block: {} }, name: "rate-limit-per-ip", priority: 0, statement: { rateBasedStatement: { aggregateKeyType: "IP", evaluationWindowSec: 300, limit: 2000 } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${name}-rate`, sampledRequestsEnabled: true } }],
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: wafName, sampledRequestsEnabled: true },
        },
        {}, { id: b.hex(), arn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/${wafName}/${b.hex()}` },
    );
    const wafLogs = logGroup(b, cdnParent, `${name}-edge-waf-logs`, `aws-waf-logs-${name}-${b.hex()}`, keys);
    b.custom(
        cdnParent, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", `${name}-edge-waf-logging`,
        { logDestinationConfigs: [out(wafLogs, "arn")], redactedFields: [{ singleHeader: { name: "authorization" } }], resourceArn: out(waf, "arn") },
        { logDestinationConfigs: [wafLogs], resourceArn: [waf] }, { id: out(waf, "arn") },
    );
    const distributionId = `E${b.hex().slice(-13).toUpperCase()}`;
    const distribution = b.custom(
        cdnParent, "aws:cloudfront/distribution:Distribution", `${name}-edge-distribution`,
        {
            comment: `${name}: API on Lambda behind WAF`, enabled: true, httpVersion: "http2and3", isIpv6Enabled: true, priceClass: "PriceClass_100",
            defaultCacheBehavior: { allowedMethods: ["GET", "HEAD", "OPTIONS"], cachedMethods: ["GET", "HEAD"], compress: true, targetOriginId: "api", viewerProtocolPolicy: "redirect-to-https", cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
            orderedCacheBehaviors: [],
            origins: [{
                customOriginConfig: { httpPort: 80, httpsPort: 443, originKeepaliveTimeout: 5, originProtocolPolicy: "https-only", originReadTimeout: 30, originSslProtocols: ["TLSv1.2"] },
                domainName: `${urlHost}.lambda-url.${REGION}.on.aws`, originAccessControlId: out(oac, "id"), originId: "api",
            }],
            restrictions: { geoRestriction: { locations: [], restrictionType: "none" } },
            viewerCertificate: { cloudfrontDefaultCertificate: true },
            webAclId: out(waf, "arn"),
        },
        { origins: [url, oac], webAclId: [waf] },
        { id: distributionId, arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${distributionId}`, domainName: `d${b.hex().slice(-12)}.cloudfront.net` },
    );
    b.custom(
        cdnParent, "aws:lambda/permission:Permission", `${name}-edge-invoke-url`,
        { action: "lambda:InvokeFunctionUrl", function: functionName, functionUrlAuthType: "AWS_IAM", principal: "cloudfront.amazonaws.com", qualifier: "live", sourceArn: out(distribution, "arn"), statementId: `${name}-invoke-url` },
        { function: [fn], qualifier: [alias], sourceArn: [distribution] }, { id: `${name}-invoke-url` },
    );
}

/**
 * A recorded run of about `target` resources (never fewer): whole services and VPCs only. Runs of
 * another `variant` have the same shape in another account, so no policy document, ARN or name of one
 * appears in the other: a bench round on a new variant cannot reuse what the last round parsed.
 */
export function syntheticRun(target: number, variant = 0): ProgramRun {
    ACCOUNT = String(123456789012 + variant).padStart(12, "0");
    const b = new StackBuilder();
    const keys = baseline(b);
    let net: Network | undefined;
    for (let index = 0; b.resources.length < target; index++) {
        if (index % SERVICES_PER_VPC === 0) net = network(b, index / SERVICES_PER_VPC, keys);
        service(b, index, net!, keys);
    }
    return { project: PROJECT, stack: STACK, preview: false, region: REGION, resources: b.resources, stackOutputs: {} };
}
