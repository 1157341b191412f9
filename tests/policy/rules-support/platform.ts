/**
 * A small platform built from raw @pulumi/aws resources (not Bulwark's components, so the pack is
 * judged on any program): VPC with public/private/isolated tiers, a VPC Lambda behind CloudFront, a
 * cache, buckets, keys, a trail and an alerts topic. With no changes it passes every rule of the
 * encryption, exposure, logging, resilience, edge and reachability areas; each `Change` breaks one
 * thing, as cdk-nag's and compliance-policies' tests do.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { doc } from "../helpers";

export interface Change {
    /** How the private subnets leave the VPC: NAT gateway (default), NAT instance, an internet gateway, or not at all. */
    privateEgress?: "nat-gateway" | "nat-instance" | "nat-instance-checking" | "internet-gateway" | "none";
    /** A Secrets Manager interface endpoint in the VPC (with or without private DNS). */
    secretsEndpoint?: "private-dns" | "no-private-dns";
    /** The function's UPSTREAM_URL (an internet host by default). */
    upstreamUrl?: string;
    functionUrlAuth?: "AWS_IAM" | "NONE";
    lambdaOac?: boolean;
    s3Oac?: boolean;
    staticBucketBlock?: boolean;
    staticBucketEncryption?: "aws:kms" | "AES256" | "none";
    staticBucketTls?: boolean;
    staticBucketLogging?: boolean;
    /** Extra ingress on the cache's group: a CIDR, or a group no compute uses. */
    cacheIngress?: "cidr" | "inline-world" | "stray-group";
    cacheSubnets?: "isolated" | "public" | "default";
    logsKeyAdmitsLogs?: boolean;
    trailKeyAdmitsCloudTrail?: boolean;
    alertsKey?: "admits-cloudwatch" | "root-only" | "aws-managed";
    alertsTopicTls?: boolean;
    lambdaTimeout?: number;
    originReadTimeout?: number;
    redisTimeoutMs?: string;
    flowLog?: boolean;
    wafLogging?: boolean;
    distributionLogs?: boolean;
    protect?: boolean;
    /** An S3 bucket notification permission makes the function async-invoked. */
    asyncInvoker?: boolean;
    deadLetterQueue?: boolean;
}

const ACCOUNT = "arn:aws:iam::123456789012:root";
const REGION = "eu-west-1";

function keyPolicy(services: string[]): string {
    return doc(
        { Sid: "Account", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*", Resource: "*" },
        ...services.map((service) => ({
            Sid: `Service${service.split(".")[0]}`,
            Effect: "Allow",
            Principal: { Service: service },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
        })),
    );
}

const denyInsecure = (service: string, resource: pulumi.Input<string>[]) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: `${service}:*`,
    Resource: resource,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});

export function platform(change: Change = {}): void {
    const protect = change.protect ?? true;
    const key = (name: string, services: string[] | undefined) =>
        new aws.kms.Key(name, { enableKeyRotation: true, ...(services ? { policy: keyPolicy(services) } : {}) }, { protect });
    const logsKey = key("logs-key", change.logsKeyAdmitsLogs === false ? [] : [`logs.${REGION}.amazonaws.com`]);
    const dataKey = key("data-key", []);
    const trailKey = key("trail-key", change.trailKeyAdmitsCloudTrail === false ? [] : ["cloudtrail.amazonaws.com"]);
    const logGroup = (name: string) => new aws.cloudwatch.LogGroup(name, { kmsKeyId: logsKey.arn, retentionInDays: 30 });

    // Network: public, private and isolated subnets in two AZs.
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    new aws.ec2.DefaultSecurityGroup("vpc-default-sg", { vpcId: vpc.id });
    if (change.flowLog !== false) {
        new aws.ec2.FlowLog("vpc-flow-log", { vpcId: vpc.id, trafficType: "ALL", logDestination: logGroup("flow-logs").arn, iamRoleArn: "arn:aws:iam::123456789012:role/flow-logs" });
    }
    const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
    const tier = (name: string, octet: number) =>
        ["a", "b"].map((az, i) => new aws.ec2.Subnet(`${name}-${az}`, { vpcId: vpc.id, cidrBlock: `10.0.${octet + i}.0/24`, availabilityZone: `${REGION}${az}` }));
    const table = (name: string, subnets: aws.ec2.Subnet[]) => {
        const routeTable = new aws.ec2.RouteTable(`${name}-rt`, { vpcId: vpc.id });
        subnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-rta-${i}`, { subnetId: s.id, routeTableId: routeTable.id }));
        return routeTable;
    };
    const publicSubnets = tier("public", 0);
    const privateSubnets = tier("private", 10);
    const isolatedSubnets = tier("isolated", 20);
    new aws.ec2.Route("public-internet", { routeTableId: table("public", publicSubnets).id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    const privateTable = table("private", privateSubnets);
    table("isolated", isolatedSubnets);
    const egress = change.privateEgress ?? "nat-gateway";
    if (egress === "nat-gateway") {
        const eip = new aws.ec2.Eip("nat-eip", { domain: "vpc" });
        const nat = new aws.ec2.NatGateway("nat", { allocationId: eip.allocationId, subnetId: publicSubnets[0].id });
        new aws.ec2.Route("private-internet", { routeTableId: privateTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
    } else if (egress === "nat-instance" || egress === "nat-instance-checking") {
        const eni = new aws.ec2.NetworkInterface("nat-eni", { subnetId: publicSubnets[0].id, sourceDestCheck: egress === "nat-instance-checking" });
        new aws.ec2.Route("private-internet", { routeTableId: privateTable.id, destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: eni.id });
    } else if (egress === "internet-gateway") {
        new aws.ec2.Route("private-internet", { routeTableId: privateTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    }
    if (change.secretsEndpoint) {
        new aws.ec2.VpcEndpoint("secretsmanager-endpoint", {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${REGION}.secretsmanager`,
            vpcEndpointType: "Interface",
            subnetIds: privateSubnets.map((s) => s.id),
            privateDnsEnabled: change.secretsEndpoint === "private-dns",
        });
    }

    // The function: VPC-attached, reads the cache's AUTH secret.
    const secret = new aws.secretsmanager.Secret("cache-auth", { kmsKeyId: dataKey.arn }, { protect });
    const functionGroup = new aws.ec2.SecurityGroup("api-sg", { vpcId: vpc.id, description: "api" });
    const role = new aws.iam.Role("api-role", {
        assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
    });
    new aws.iam.RolePolicy("api-policy", {
        role: role.id,
        policy: secret.arn.apply((arn) =>
            doc(
                { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
                { Effect: "Allow", Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces"], Resource: "*" },
                { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arn },
                { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` } } },
            ),
        ),
    });
    logGroup("api-logs");
    const fn = new aws.lambda.Function("api", {
        role: role.arn,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({}),
        timeout: change.lambdaTimeout ?? 10,
        kmsKeyArn: dataKey.arn,
        tracingConfig: { mode: "Active" },
        reservedConcurrentExecutions: 10,
        vpcConfig: { subnetIds: privateSubnets.map((s) => s.id), securityGroupIds: [functionGroup.id] },
        environment: {
            variables: {
                UPSTREAM_URL: change.upstreamUrl ?? "https://api.example.com/v1",
                REDIS_COMMAND_TIMEOUT_MS: change.redisTimeoutMs ?? "500",
                REDIS_AUTH_SECRET_ARN: secret.arn,
            },
        },
        ...(change.deadLetterQueue ? { deadLetterConfig: { targetArn: "arn:aws:sqs:eu-west-1:123456789012:api-dlq" } } : {}),
    });
    if (change.asyncInvoker) {
        new aws.lambda.Permission("api-from-s3", { function: fn.name, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" });
    }
    const url = new aws.lambda.FunctionUrl("api-url", { functionName: fn.name, authorizationType: change.functionUrlAuth ?? "AWS_IAM" });

    // The cache, in the isolated tier, reachable from the function's group only.
    const cacheGroup = new aws.ec2.SecurityGroup("cache-sg", {
        vpcId: vpc.id,
        description: "cache",
        ingress: change.cacheIngress === "inline-world" ? [{ protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/0"] }] : [],
    });
    new aws.vpc.SecurityGroupIngressRule("cache-from-api", { securityGroupId: cacheGroup.id, referencedSecurityGroupId: functionGroup.id, ipProtocol: "tcp", fromPort: 6379, toPort: 6379 });
    if (change.cacheIngress === "cidr") {
        new aws.vpc.SecurityGroupIngressRule("cache-from-vpc", { securityGroupId: cacheGroup.id, cidrIpv4: "10.0.0.0/16", ipProtocol: "tcp", fromPort: 6379, toPort: 6379 });
    } else if (change.cacheIngress === "stray-group") {
        const stray = new aws.ec2.SecurityGroup("stray-sg", { vpcId: vpc.id, description: "nobody" });
        new aws.vpc.SecurityGroupIngressRule("cache-from-stray", { securityGroupId: cacheGroup.id, referencedSecurityGroupId: stray.id, ipProtocol: "tcp", fromPort: 6379, toPort: 6379 });
    }
    const cacheSubnets = change.cacheSubnets === "public" ? publicSubnets : isolatedSubnets;
    const subnetGroup = new aws.elasticache.SubnetGroup("cache-subnets", { subnetIds: cacheSubnets.map((s) => s.id) });
    new aws.elasticache.ReplicationGroup(
        "cache",
        {
            description: "cache",
            engine: "valkey",
            nodeType: "cache.t4g.micro",
            numCacheClusters: 2,
            automaticFailoverEnabled: true,
            multiAzEnabled: true,
            ...(change.cacheSubnets === "default" ? {} : { subnetGroupName: subnetGroup.name }),
            securityGroupIds: [cacheGroup.id],
            atRestEncryptionEnabled: true,
            kmsKeyId: dataKey.arn,
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
            authToken: pulumi.secret("0123456789abcdef0123456789abcdef"),
            snapshotRetentionLimit: 1,
        },
        { protect },
    );

    // Buckets: a static origin and a log bucket, each with its companions.
    const logBucket = new aws.s3.Bucket("logs", {}, { protect });
    const staticBucket = new aws.s3.Bucket("static", {}, { protect });
    const companions = (name: string, bucket: aws.s3.Bucket, opts: { block: boolean; encryption: string; tls: boolean; writers: string[] }) => {
        if (opts.block) {
            new aws.s3.BucketPublicAccessBlock(`${name}-block`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        }
        if (opts.encryption !== "none") {
            new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
                bucket: bucket.id,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: opts.encryption, ...(opts.encryption === "aws:kms" ? { kmsMasterKeyId: dataKey.arn } : {}) } }],
            });
        }
        const statements = (arn: string) => [
            ...(opts.tls ? [denyInsecure("s3", [arn, `${arn}/*`])] : []),
            ...opts.writers.map((service) => ({ Effect: "Allow", Principal: { Service: service }, Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })),
        ];
        new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: bucket.arn.apply((arn) => doc(...statements(arn))) });
        new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    };
    companions("logs", logBucket, { block: true, encryption: "aws:kms", tls: true, writers: ["logging.s3.amazonaws.com", "cloudtrail.amazonaws.com"] });
    companions("static", staticBucket, {
        block: change.staticBucketBlock ?? true,
        encryption: change.staticBucketEncryption ?? "aws:kms",
        tls: change.staticBucketTls ?? true,
        writers: [],
    });
    if (change.staticBucketLogging !== false) new aws.s3.BucketLogging("static-logging", { bucket: staticBucket.id, targetBucket: logBucket.id, targetPrefix: "static/" });

    // The edge: WAF, origin access controls, the distribution and its access logs.
    const waf = new aws.wafv2.WebAcl("waf", {
        scope: "CLOUDFRONT",
        defaultAction: { allow: {} },
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "waf", sampledRequestsEnabled: true },
    });
    if (change.wafLogging !== false) new aws.wafv2.WebAclLoggingConfiguration("waf-logging", { resourceArn: waf.arn, logDestinationConfigs: [logGroup("aws-waf-logs-cdn").arn] });
    const lambdaOac = change.lambdaOac === false ? undefined : new aws.cloudfront.OriginAccessControl("api-oac", { originAccessControlOriginType: "lambda", signingBehavior: "always", signingProtocol: "sigv4" });
    const s3Oac = change.s3Oac === false ? undefined : new aws.cloudfront.OriginAccessControl("static-oac", { originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
    const distribution = new aws.cloudfront.Distribution("cdn", {
        enabled: true,
        webAclId: waf.arn,
        origins: [
            {
                originId: "api",
                domainName: url.functionUrl.apply((u) => new URL(u).hostname),
                originAccessControlId: lambdaOac?.id,
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "https-only",
                    originSslProtocols: ["TLSv1.2"],
                    originReadTimeout: change.originReadTimeout ?? 30,
                },
            },
            { originId: "static", domainName: staticBucket.bucketRegionalDomainName, originAccessControlId: s3Oac?.id },
        ],
        defaultCacheBehavior: {
            targetOriginId: "api",
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    if (change.distributionLogs !== false) new aws.cloudwatch.LogDeliverySource("cdn-logs", { name: "cdn", logType: "ACCESS_LOGS", resourceArn: distribution.arn });

    // Audit and alerts.
    const trailGroup = logGroup("trail-logs");
    new aws.cloudtrail.Trail("trail", {
        s3BucketName: logBucket.id,
        kmsKeyId: trailKey.arn,
        enableLogFileValidation: true,
        isMultiRegionTrail: true,
        cloudWatchLogsGroupArn: pulumi.interpolate`${trailGroup.arn}:*`,
        cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-logs",
    });
    const alertsKey = change.alertsKey ?? "admits-cloudwatch";
    const topicKey = alertsKey === "aws-managed" ? "alias/aws/sns" : key("alerts-key", alertsKey === "root-only" ? undefined : ["cloudwatch.amazonaws.com", "events.amazonaws.com"]).arn;
    const topic = new aws.sns.Topic("alerts", { kmsMasterKeyId: topicKey });
    new aws.sns.TopicPolicy("alerts-policy", {
        arn: topic.arn,
        policy: topic.arn.apply((arn) =>
            doc(
                ...(change.alertsTopicTls === false ? [] : [denyInsecure("sns", [arn])]),
                { Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: arn, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
            ),
        ),
    });
    new aws.cloudwatch.MetricAlarm("api-errors", {
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        metricName: "Errors",
        namespace: "AWS/Lambda",
        period: 60,
        statistic: "Sum",
        threshold: 1,
        alarmActions: [topic.arn],
    });
}

const recordings = new Map<boolean, Promise<import("../../../tools/engine/run").ProgramRun>>();

/** The compliant platform, recorded once per mode for every test file that needs it. */
export function recordedPlatform(preview = false) {
    let recording = recordings.get(preview);
    if (!recording) {
        // Imported lazily so that this module stays a plain program for callers that only build it.
        const { recordFixture } = require("./variants") as typeof import("./variants");
        recording = recordFixture(() => platform(), preview);
        recordings.set(preview, recording);
    }
    return recording;
}
