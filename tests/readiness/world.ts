/**
 * A small, correct AWS program that every readiness check passes: a VPC with a public subnet (NAT)
 * and two private subnets, a VPC function with its role, log group and security group, a cache it
 * reaches, a Secrets Manager interface endpoint, a KMS key for logs, and CloudFront with a WAF.
 * Tests change one knob at a time (the compliance-policies fixture style).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { record, Recording } from "../helpers/offline";
import { runReadiness, Readiness, ReadinessCheck, ReadinessOptions } from "../../tools/readiness";

export interface World {
    /** Where the private subnets' 0.0.0.0/0 goes. @default "nat" */
    privateRoute: "nat" | "none" | "igw";
    /** Put the NAT in the public subnet. @default true */
    natInPublicSubnet: boolean;
    privateCidrs: [string, string];
    vpcCidr: string;
    /** The function's role policy statements (ENI permissions are separate, see `eniPolicy`). */
    roleStatements: object[];
    /** How the function gets its ENI permissions. @default "rolePolicy" */
    eniPolicy: "rolePolicy" | "managed" | "none" | "rolePolicyNoDependsOn";
    trustService: string;
    upstreamUrl: string | undefined;
    endpointServices: string[];
    privateDns: boolean;
    /** How the endpoint's group admits the function. @default "cidr" */
    endpointIngress: "sg" | "cidr" | "none";
    cacheIngress: "sg" | "cidr" | "none" | "wrong-port";
    /** The function's egress rules. */
    functionEgress: ("cache" | "endpoints" | "internet")[];
    /** Replication group overrides. */
    cache: Partial<aws.elasticache.ReplicationGroupArgs>;
    functionArgs: Partial<aws.lambda.FunctionArgs>;
    /** The logs key: allows CloudWatch Logs; only the root; lives in eu-west-1; or admits only eu-west-1 log groups. */
    logsKeyPolicy: "logs" | "root-only" | "key-in-other-region" | "condition-other-region";
    distribution: Partial<aws.cloudfront.DistributionArgs>;
    webAcl: { scope: string; region: string };
    /** Extra resources the test adds after the world is built. */
    extra?: (w: Built) => void;
}

export interface Built {
    vpc: aws.ec2.Vpc;
    role: aws.iam.Role;
    fn: aws.lambda.Function;
    functionSg: aws.ec2.SecurityGroup;
    cacheSg: aws.ec2.SecurityGroup;
    cache: aws.elasticache.ReplicationGroup;
    privateSubnets: aws.ec2.Subnet[];
    publicSubnet: aws.ec2.Subnet;
    logsKey: aws.kms.Key;
    endpointSg: aws.ec2.SecurityGroup;
}

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const AUTH_TOKEN = "Abcdefgh1234567890!&#$";

export function defaults(): World {
    return {
        privateRoute: "nat",
        natInPublicSubnet: true,
        privateCidrs: ["10.0.1.0/24", "10.0.2.0/24"],
        vpcCidr: "10.0.0.0/16",
        roleStatements: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:cache-auth-AbCdEf` }],
        eniPolicy: "rolePolicy",
        trustService: "lambda.amazonaws.com",
        upstreamUrl: "https://api.example.com",
        endpointServices: ["secretsmanager"],
        privateDns: true,
        endpointIngress: "cidr",
        cacheIngress: "sg",
        functionEgress: ["cache", "endpoints", "internet"],
        cache: {},
        functionArgs: {},
        logsKeyPolicy: "logs",
        distribution: {},
        webAcl: { scope: "CLOUDFRONT", region: "us-east-1" },
    };
}

const ENI_STATEMENT = {
    Effect: "Allow",
    Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"],
    Resource: "*",
};

function keyPolicy(kind: World["logsKeyPolicy"]): string {
    const root = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
    const logs = {
        Sid: "Logs",
        Effect: "Allow",
        Principal: { Service: `logs.${REGION}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${kind === "condition-other-region" ? "eu-west-1" : REGION}:${ACCOUNT}:log-group:*` } },
    };
    return JSON.stringify({ Version: "2012-10-17", Statement: kind === "root-only" ? [root] : [root, logs] });
}

export function buildWorld(w: World): Built {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: w.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true });
    const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
    const publicSubnet = new aws.ec2.Subnet("public", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a" });
    const publicRt = new aws.ec2.RouteTable("public-rt", { vpcId: vpc.id });
    new aws.ec2.Route("public-default", { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    new aws.ec2.RouteTableAssociation("public-rta", { routeTableId: publicRt.id, subnetId: publicSubnet.id });
    const privateSubnets = w.privateCidrs.map(
        (cidr, i) => new aws.ec2.Subnet(`private-${i}`, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: `us-east-1${"ab"[i]}` }),
    );
    const privateRt = new aws.ec2.RouteTable("private-rt", { vpcId: vpc.id });
    privateSubnets.forEach((subnet, i) => new aws.ec2.RouteTableAssociation(`private-rta-${i}`, { routeTableId: privateRt.id, subnetId: subnet.id }));
    const eip = new aws.ec2.Eip("nat-eip", { domain: "vpc" });
    const nat = new aws.ec2.NatGateway("nat", { allocationId: eip.id, subnetId: w.natInPublicSubnet ? publicSubnet.id : privateSubnets[0].id });
    if (w.privateRoute === "nat") new aws.ec2.Route("private-default", { routeTableId: privateRt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
    if (w.privateRoute === "igw") new aws.ec2.Route("private-default", { routeTableId: privateRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });

    const endpointSg = new aws.ec2.SecurityGroup("endpoints-sg", { vpcId: vpc.id, description: "endpoints" });
    const functionSg = new aws.ec2.SecurityGroup("fn-sg", { vpcId: vpc.id, description: "function" });
    const cacheSg = new aws.ec2.SecurityGroup("cache-sg", { vpcId: vpc.id, description: "cache" });
    if (w.endpointIngress === "sg") {
        new aws.vpc.SecurityGroupIngressRule("endpoints-from-fn", { securityGroupId: endpointSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: functionSg.id });
    } else if (w.endpointIngress === "cidr") {
        w.privateCidrs.forEach((cidr, i) =>
            new aws.vpc.SecurityGroupIngressRule(`endpoints-from-private-${i}`, { securityGroupId: endpointSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: cidr }),
        );
    }
    for (const service of w.endpointServices) {
        new aws.ec2.VpcEndpoint(`${service}-endpoint`, {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${REGION}.${service}`,
            vpcEndpointType: "Interface",
            subnetIds: privateSubnets.map((s) => s.id),
            securityGroupIds: [endpointSg.id],
            privateDnsEnabled: w.privateDns,
        });
    }

    const logsKey = new aws.kms.Key("logs-key", { policy: keyPolicy(w.logsKeyPolicy), ...(w.logsKeyPolicy === "key-in-other-region" ? { region: "eu-west-1" } : {}) });
    const role = new aws.iam.Role("fn-role", {
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: w.trustService }, Action: "sts:AssumeRole" }] }),
        managedPolicyArns: w.eniPolicy === "managed" ? ["arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"] : undefined,
    });
    const statements = [...w.roleStatements, ...(w.eniPolicy.startsWith("rolePolicy") ? [ENI_STATEMENT] : [])];
    const rolePolicy = new aws.iam.RolePolicy("fn-policy", { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
    const logGroup = new aws.cloudwatch.LogGroup("fn-logs", { name: "/aws/lambda/api", retentionInDays: 14, kmsKeyId: logsKey.arn });

    const subnetGroup = new aws.elasticache.SubnetGroup("cache-subnets", { subnetIds: privateSubnets.map((s) => s.id) });
    const cache = new aws.elasticache.ReplicationGroup("cache", {
        description: "cache",
        nodeType: "cache.t4g.micro",
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        transitEncryptionEnabled: true,
        authToken: pulumi.secret(AUTH_TOKEN),
        port: 6379,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [cacheSg.id],
        ...w.cache,
    });
    if (w.cacheIngress === "sg" || w.cacheIngress === "wrong-port") {
        const port = w.cacheIngress === "sg" ? 6379 : 6380;
        new aws.vpc.SecurityGroupIngressRule("cache-from-fn", { securityGroupId: cacheSg.id, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: functionSg.id });
    } else if (w.cacheIngress === "cidr") {
        new aws.vpc.SecurityGroupIngressRule("cache-from-vpc", { securityGroupId: cacheSg.id, ipProtocol: "tcp", fromPort: 6379, toPort: 6379, cidrIpv4: w.vpcCidr });
    }
    if (w.functionEgress.includes("cache")) {
        new aws.vpc.SecurityGroupEgressRule("fn-to-cache", { securityGroupId: functionSg.id, ipProtocol: "tcp", fromPort: 6379, toPort: 6379, referencedSecurityGroupId: cacheSg.id });
    }
    if (w.functionEgress.includes("endpoints")) {
        new aws.vpc.SecurityGroupEgressRule("fn-to-endpoints", { securityGroupId: functionSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: endpointSg.id });
    }
    if (w.functionEgress.includes("internet")) {
        new aws.vpc.SecurityGroupEgressRule("fn-https", { securityGroupId: functionSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    }

    const variables: Record<string, pulumi.Input<string>> = { REDIS_HOST: cache.primaryEndpointAddress, REDIS_PORT: "6379" };
    if (w.upstreamUrl) variables.UPSTREAM_URL = w.upstreamUrl;
    const fn = new aws.lambda.Function(
        "api",
        {
            name: "api",
            role: role.arn,
            runtime: "nodejs20.x",
            handler: "index.handler",
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler=async()=>({})") }),
            memorySize: 512,
            timeout: 10,
            vpcConfig: { subnetIds: privateSubnets.map((s) => s.id), securityGroupIds: [functionSg.id] },
            environment: { variables },
            ...w.functionArgs,
        },
        { dependsOn: w.eniPolicy === "rolePolicyNoDependsOn" ? [logGroup] : [logGroup, rolePolicy] },
    );
    const url = new aws.lambda.FunctionUrl("api-url", { functionName: fn.name, authorizationType: "AWS_IAM" });

    const edge = new aws.Provider("edge", { region: w.webAcl.region as aws.Region });
    const webAcl = new aws.wafv2.WebAcl(
        "waf",
        { scope: w.webAcl.scope, defaultAction: { allow: {} }, visibilityConfig: { cloudwatchMetricsEnabled: false, sampledRequestsEnabled: false, metricName: "waf" } },
        { provider: edge },
    );
    const oac = new aws.cloudfront.OriginAccessControl("oac", { originAccessControlOriginType: "lambda", signingBehavior: "always", signingProtocol: "sigv4" });
    new aws.cloudfront.Distribution("cdn", {
        enabled: true,
        webAclId: webAcl.arn,
        origins: [{ originId: "api", domainName: url.functionUrl.apply((u) => new URL(u).host), originAccessControlId: oac.id, customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
        defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
        ...w.distribution,
    });
    const built = { vpc, role, fn, functionSg, cacheSg, cache, privateSubnets, publicSubnet, logsKey, endpointSg };
    w.extra?.(built);
    return built;
}

export interface Checked {
    rec: Recording;
    readiness: Readiness;
}

/** Records the world with some knobs changed and runs the given checks (all when none are given). */
export async function checkWorld(
    changes: Partial<World> = {},
    options: { checks?: ReadinessCheck[]; preview?: boolean; readiness?: ReadinessOptions } = {},
): Promise<Checked> {
    const unchanged = Object.keys(changes).length === 0;
    const key = `${options.preview ?? false}`;
    // The unchanged world is the compliance case of most checks: record it once per mode.
    let recording = unchanged ? unchangedWorlds.get(key) : undefined;
    if (!recording) {
        recording = record(() => {
            buildWorld({ ...defaults(), ...changes });
        }, { preview: options.preview });
        if (unchanged) unchangedWorlds.set(key, recording);
    }
    const rec = await recording;
    return { rec, readiness: await runReadiness(rec.run, { ...options.readiness, checks: options.checks }) };
}

const unchangedWorlds = new Map<string, Promise<Recording>>();

/** Records any program and runs the given checks. */
export async function checkProgram(program: () => void, checks?: ReadinessCheck[], options: { preview?: boolean; readiness?: ReadinessOptions } = {}): Promise<Checked> {
    const rec = await record(program, { preview: options.preview });
    return { rec, readiness: await runReadiness(rec.run, { ...options.readiness, checks }) };
}

/** Messages of one check's findings (severity-prefixed), for exact assertions. */
export function messages(checked: Checked, check?: string): string[] {
    return checked.readiness.findings.filter((f) => !check || f.check === check).map((f) => `${f.severity}: ${f.message}`);
}
