/**
 * The anchor of bench/plan.ts: Bulwark's prod platform written in AWS CDK, synthesized with cdk-nag's
 * AwsSolutions checks as a CDK user's `cdk synth` runs them (an Aspect on the app).
 *
 * Plain JavaScript on purpose, run as `node app.js`: the time is CDK's construct tree, synthesis and
 * cdk-nag, not a TypeScript compiler. A CDK user's `cdk synth` does more (the CLI starts, then runs
 * the app as a child process, with ts-node for a TypeScript app), so this is the fastest a CDK user
 * gets the same answer: the comparison favours CDK.
 *
 * Same platform as `Pulumi.prod.yaml` plans: a 3-AZ VPC (public, private, isolated tiers) with a
 * NAT gateway per AZ, gateway and interface endpoints, flow logs to an encrypted log group and an
 * isolated tier ACL; two KMS keys (logs, data); the API as a VPC Lambda with an alias, a function
 * URL behind CloudFront (origin access control) with a WAF, cache and response headers policies;
 * a Valkey replication group (TLS, auth token from Secrets Manager, multi-AZ with failover, KMS at
 * rest, slow log); CloudTrail to an encrypted, versioned bucket; GuardDuty with its features;
 * Security Hub with two standards; IAM Access Analyzer; an encrypted SNS topic with alarms on the
 * function, the cache and the distribution, a dashboard, and EventBridge rules for findings.
 *
 * `node app.js` writes cdk.out/ beside this file and prints one JSON line:
 * `{ "resources": <CloudFormation resources>, "nagErrors": <n>, "nagWarnings": <n> }`.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const cdk = require("aws-cdk-lib");
const { Duration, RemovalPolicy, Stack, Validations } = cdk;
const ec2 = require("aws-cdk-lib/aws-ec2");
const kms = require("aws-cdk-lib/aws-kms");
const logs = require("aws-cdk-lib/aws-logs");
const iam = require("aws-cdk-lib/aws-iam");
const lambda = require("aws-cdk-lib/aws-lambda");
const elasticache = require("aws-cdk-lib/aws-elasticache");
const secretsmanager = require("aws-cdk-lib/aws-secretsmanager");
const cloudfront = require("aws-cdk-lib/aws-cloudfront");
const origins = require("aws-cdk-lib/aws-cloudfront-origins");
const wafv2 = require("aws-cdk-lib/aws-wafv2");
const s3 = require("aws-cdk-lib/aws-s3");
const cloudtrail = require("aws-cdk-lib/aws-cloudtrail");
const guardduty = require("aws-cdk-lib/aws-guardduty");
const securityhub = require("aws-cdk-lib/aws-securityhub");
const accessanalyzer = require("aws-cdk-lib/aws-accessanalyzer");
const sns = require("aws-cdk-lib/aws-sns");
const subscriptions = require("aws-cdk-lib/aws-sns-subscriptions");
const cloudwatch = require("aws-cdk-lib/aws-cloudwatch");
const cloudwatchActions = require("aws-cdk-lib/aws-cloudwatch-actions");
const events = require("aws-cdk-lib/aws-events");
const eventTargets = require("aws-cdk-lib/aws-events-targets");
const { AwsSolutionsChecks } = require("cdk-nag");

const ACCOUNT = "111111111111";
const REGION = "us-east-1";
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];
const VPC_CIDR = "10.10.0.0/16";
const RETENTION = logs.RetentionDays.ONE_YEAR;
const ALERT_EMAIL = "ops@example.com";

class Platform extends Stack {
    constructor(scope, id, props) {
        super(scope, id, props);
        const { logsKey, dataKey } = this.keys();
        const vpc = this.network(logsKey);
        const { fn, alias, fnSecurityGroup } = this.api(vpc, logsKey, dataKey);
        const cache = this.cache(vpc, fnSecurityGroup, logsKey, dataKey);
        const distribution = this.cdn(alias, logsKey);
        const topic = this.baseline(logsKey, dataKey);
        this.monitoring(topic, fn, cache, distribution);
        this.suppressions();
    }

    keys() {
        const logsKey = new kms.Key(this, "LogsKey", {
            alias: "alias/bulwark-prod-logs",
            description: "Bulwark prod logs: CloudWatch Logs, CloudTrail, WAF logs",
            enableKeyRotation: true,
            removalPolicy: RemovalPolicy.RETAIN,
        });
        logsKey.addToResourcePolicy(
            new iam.PolicyStatement({
                actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                principals: [new iam.ServicePrincipal(`logs.${REGION}.amazonaws.com`)],
                resources: ["*"],
                conditions: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` } },
            }),
        );
        const dataKey = new kms.Key(this, "DataKey", {
            alias: "alias/bulwark-prod-data",
            description: "Bulwark prod data: cache, secrets, function environment, alarms topic",
            enableKeyRotation: true,
            removalPolicy: RemovalPolicy.RETAIN,
        });
        return { logsKey, dataKey };
    }

    logGroup(id, name, logsKey) {
        return new logs.LogGroup(this, id, { logGroupName: name, retention: RETENTION, encryptionKey: logsKey, removalPolicy: RemovalPolicy.RETAIN });
    }

    network(logsKey) {
        const vpc = new ec2.Vpc(this, "Vpc", {
            ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
            availabilityZones: AZS,
            natGateways: AZS.length,
            restrictDefaultSecurityGroup: true,
            subnetConfiguration: [
                { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
                { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
                { name: "isolated", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
            ],
            gatewayEndpoints: {
                S3: { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] },
                DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] },
            },
        });
        vpc.addInterfaceEndpoint("SecretsManager", {
            service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
            subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            privateDnsEnabled: true,
        });
        vpc.addFlowLog("FlowLog", {
            destination: ec2.FlowLogDestination.toCloudWatchLogs(this.logGroup("FlowLogGroup", "/bulwark/prod/vpc-flow-logs", logsKey)),
            trafficType: ec2.FlowLogTrafficType.ALL,
        });
        // The isolated tier (the cache) talks only within the VPC.
        const acl = new ec2.NetworkAcl(this, "IsolatedAcl", { vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
        acl.addEntry("InFromVpc", { ruleNumber: 100, cidr: ec2.AclCidr.ipv4(VPC_CIDR), traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.INGRESS });
        acl.addEntry("OutToVpc", { ruleNumber: 100, cidr: ec2.AclCidr.ipv4(VPC_CIDR), traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.EGRESS });
        return vpc;
    }

    api(vpc, logsKey, dataKey) {
        const fnSecurityGroup = new ec2.SecurityGroup(this, "ApiSecurityGroup", { vpc, description: "Bulwark API function", allowAllOutbound: false });
        fnSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "HTTPS to AWS APIs through NAT and endpoints");
        const role = new iam.Role(this, "ApiRole", {
            assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
            description: "Bulwark API function",
        });
        const logGroup = this.logGroup("ApiLogGroup", "/aws/lambda/bulwark-prod-api", logsKey);
        const fn = new lambda.Function(this, "Api", {
            functionName: "bulwark-prod-api",
            runtime: lambda.Runtime.NODEJS_22_X,
            architecture: lambda.Architecture.ARM_64,
            handler: "index.handler",
            code: lambda.Code.fromInline("exports.handler = async () => ({ statusCode: 200, body: 'ok' });"),
            memorySize: 512,
            timeout: Duration.seconds(10),
            role,
            vpc,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            securityGroups: [fnSecurityGroup],
            logGroup,
            tracing: lambda.Tracing.ACTIVE,
            reservedConcurrentExecutions: 100,
            environmentEncryption: dataKey,
            environment: { NODE_OPTIONS: "--enable-source-maps", CACHE_TLS: "true" },
        });
        const alias = new lambda.Alias(this, "ApiLive", { aliasName: "live", version: fn.currentVersion });
        return { fn, alias, fnSecurityGroup };
    }

    cache(vpc, fnSecurityGroup, logsKey, dataKey) {
        const securityGroup = new ec2.SecurityGroup(this, "CacheSecurityGroup", { vpc, description: "Bulwark Valkey cache", allowAllOutbound: false });
        securityGroup.addIngressRule(fnSecurityGroup, ec2.Port.tcp(6379), "Valkey from the API function only");
        fnSecurityGroup.addEgressRule(securityGroup, ec2.Port.tcp(6379), "Valkey");
        const authToken = new secretsmanager.Secret(this, "CacheAuthToken", {
            description: "Bulwark prod Valkey AUTH token",
            encryptionKey: dataKey,
            generateSecretString: { passwordLength: 64, excludePunctuation: true },
        });
        const subnetGroup = new elasticache.CfnSubnetGroup(this, "CacheSubnets", {
            description: "Bulwark cache, isolated tier",
            subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
        });
        const parameters = new elasticache.CfnParameterGroup(this, "CacheParameters", {
            cacheParameterGroupFamily: "valkey8",
            description: "Bulwark cache: evict least recently used keys with a TTL",
            properties: { "maxmemory-policy": "volatile-lru" },
        });
        const slowLog = this.logGroup("CacheSlowLog", "/bulwark/prod/cache/slow-log", logsKey);
        const group = new elasticache.CfnReplicationGroup(this, "Cache", {
            replicationGroupDescription: "Bulwark prod cache",
            engine: "valkey",
            engineVersion: "8.0",
            cacheNodeType: "cache.t4g.small",
            numNodeGroups: 1,
            replicasPerNodeGroup: 1,
            multiAzEnabled: true,
            automaticFailoverEnabled: true,
            transitEncryptionEnabled: true,
            atRestEncryptionEnabled: true,
            kmsKeyId: dataKey.keyArn,
            authToken: authToken.secretValue.unsafeUnwrap(),
            cacheSubnetGroupName: subnetGroup.ref,
            cacheParameterGroupName: parameters.ref,
            securityGroupIds: [securityGroup.securityGroupId],
            snapshotRetentionLimit: 7,
            autoMinorVersionUpgrade: true,
            port: 6379,
            logDeliveryConfigurations: [
                {
                    destinationType: "cloudwatch-logs",
                    destinationDetails: { cloudWatchLogsDetails: { logGroup: slowLog.logGroupName } },
                    logFormat: "json",
                    logType: "slow-log",
                },
            ],
        });
        group.node.addDependency(slowLog);
        return group;
    }

    cdn(alias, logsKey) {
        const url = alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
        const webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
            scope: "CLOUDFRONT",
            defaultAction: { allow: {} },
            visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: "bulwark-prod-waf", sampledRequestsEnabled: true },
            rules: [
                ["AWSManagedRulesCommonRuleSet", 10],
                ["AWSManagedRulesKnownBadInputsRuleSet", 20],
                ["AWSManagedRulesAmazonIpReputationList", 30],
            ]
                .map(([name, priority]) => ({
                    name,
                    priority,
                    overrideAction: { none: {} },
                    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
                    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
                }))
                .concat([
                    {
                        name: "rate-limit",
                        priority: 40,
                        action: { block: {} },
                        statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
                        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: "rate-limit", sampledRequestsEnabled: true },
                    },
                ]),
        });
        const wafLogs = this.logGroup("WafLogs", "aws-waf-logs-bulwark-prod", logsKey);
        new wafv2.CfnLoggingConfiguration(this, "WafLogging", {
            resourceArn: webAcl.attrArn,
            logDestinationConfigs: [wafLogs.logGroupArn],
        });
        const cachePolicy = new cloudfront.CachePolicy(this, "ApiCachePolicy", {
            defaultTtl: Duration.seconds(0),
            minTtl: Duration.seconds(0),
            maxTtl: Duration.seconds(60),
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
            queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
        });
        const headers = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
            securityHeadersBehavior: {
                strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
                referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
                contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", override: true },
            },
        });
        return new cloudfront.Distribution(this, "Cdn", {
            comment: "Bulwark prod API",
            defaultBehavior: {
                origin: origins.FunctionUrlOrigin.withOriginAccessControl(url, { readTimeout: Duration.seconds(30) }),
                viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
                cachePolicy,
                responseHeadersPolicy: headers,
                originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            },
            webAclId: webAcl.attrArn,
            priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
            httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        });
    }

    baseline(logsKey, dataKey) {
        const trailBucket = new s3.Bucket(this, "TrailBucket", {
            encryption: s3.BucketEncryption.KMS,
            encryptionKey: logsKey,
            bucketKeyEnabled: true,
            blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
            enforceSSL: true,
            versioned: true,
            objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }], expiration: Duration.days(2555) }],
            removalPolicy: RemovalPolicy.RETAIN,
        });
        new cloudtrail.Trail(this, "Trail", {
            bucket: trailBucket,
            encryptionKey: logsKey,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableFileValidation: true,
            sendToCloudWatchLogs: true,
            cloudWatchLogGroup: this.logGroup("TrailLogs", "/bulwark/prod/cloudtrail", logsKey),
        });
        new guardduty.CfnDetector(this, "GuardDuty", {
            enable: true,
            findingPublishingFrequency: "FIFTEEN_MINUTES",
            features: ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING"].map((name) => ({ name, status: "ENABLED" })),
        });
        const hub = new securityhub.CfnHub(this, "SecurityHub", { enableDefaultStandards: false, autoEnableControls: true });
        for (const [id, standard] of [
            ["Fsbp", `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`],
            ["Cis", `arn:aws:securityhub:${REGION}::standards/cis-aws-foundations-benchmark/v/3.0.0`],
        ]) {
            new securityhub.CfnStandard(this, id, { standardsArn: standard }).node.addDependency(hub);
        }
        new accessanalyzer.CfnAnalyzer(this, "AccessAnalyzer", { type: "ACCOUNT", analyzerName: "bulwark-prod" });
        const topic = new sns.Topic(this, "Alerts", { displayName: "Bulwark prod alerts", masterKey: dataKey, enforceSSL: true });
        dataKey.grantEncryptDecrypt(new iam.ServicePrincipal("cloudwatch.amazonaws.com"));
        dataKey.grantEncryptDecrypt(new iam.ServicePrincipal("events.amazonaws.com"));
        topic.addSubscription(new subscriptions.EmailSubscription(ALERT_EMAIL));
        for (const [id, source, detailType] of [
            ["GuardDutyFindings", "aws.guardduty", "GuardDuty Finding"],
            ["SecurityHubFindings", "aws.securityhub", "Security Hub Findings - Imported"],
        ]) {
            new events.Rule(this, id, { eventPattern: { source: [source], detailType: [detailType] }, targets: [new eventTargets.SnsTopic(topic)] });
        }
        return topic;
    }

    monitoring(topic, fn, cache, distribution) {
        const action = new cloudwatchActions.SnsAction(topic);
        const cacheMetric = (metricName, statistic) =>
            new cloudwatch.Metric({ namespace: "AWS/ElastiCache", metricName, statistic, dimensionsMap: { ReplicationGroupId: cache.ref }, period: Duration.minutes(5) });
        const alarms = [
            ["ApiErrors", fn.metricErrors({ period: Duration.minutes(5) }), 5],
            ["ApiThrottles", fn.metricThrottles({ period: Duration.minutes(5) }), 1],
            ["ApiDuration", fn.metricDuration({ statistic: "p99", period: Duration.minutes(5) }), 8000],
            ["ApiConcurrency", fn.metric("ConcurrentExecutions", { statistic: "Maximum", period: Duration.minutes(5) }), 80],
            ["CacheCpu", cacheMetric("EngineCPUUtilization", "Average"), 80],
            ["CacheMemory", cacheMetric("DatabaseMemoryUsagePercentage", "Average"), 85],
            ["CacheEvictions", cacheMetric("Evictions", "Sum"), 1000],
            ["CacheReplicationLag", cacheMetric("ReplicationLag", "Maximum"), 30],
            ["Cdn5xx", distribution.metric5xxErrorRate({ period: Duration.minutes(5) }), 5],
        ].map(([id, metric, threshold]) => {
            const alarm = new cloudwatch.Alarm(this, id, {
                metric,
                threshold,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
            });
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
            return alarm;
        });
        const dashboard = new cloudwatch.Dashboard(this, "Dashboard", { dashboardName: "bulwark-prod" });
        dashboard.addWidgets(...alarms.map((alarm) => new cloudwatch.AlarmWidget({ alarm, width: 8 })));
    }

    /** What a team using cdk-nag records as accepted, each with its reason, as the pack's exemptions do in Bulwark. */
    suppressions() {
        for (const acknowledgement of [
            { id: "AwsSolutions-IAM4", reason: "AWSLambdaVPCAccessExecutionRole and AWSLambdaBasicExecutionRole are the documented minimum for VPC functions." },
            { id: "AwsSolutions-IAM5[Resource::*]", reason: "X-Ray and the VPC function's ENI actions only accept Resource \"*\"." },
            { id: "AwsSolutions-EC23", reason: "The interface endpoint's group admits the VPC's own range (a token cdk-nag cannot resolve)." },
            { id: "AwsSolutions-VPC3", reason: "The isolated tier's ACL is deliberate: the cache subnets talk only within the VPC." },
            { id: "AwsSolutions-L1", reason: "nodejs22.x is pinned; the CDK custom resource providers choose their own runtime." },
            { id: "AwsSolutions-CFR1", reason: "The API is global: no geo restriction." },
            { id: "AwsSolutions-CFR3", reason: "Access logs of the distribution are optional in the prod profile (the WAF logs every request)." },
            { id: "AwsSolutions-CFR4", reason: "The default CloudFront certificate: TLS 1.2 applies once a custom domain is set." },
            { id: "AwsSolutions-S1", reason: "The trail bucket is itself the audit log; server access logs would need a bucket of their own." },
            { id: "AwsSolutions-SMG4", reason: "The AUTH token rotates with a deploy (rotation needs a Lambda the cache can reach)." },
        ]) {
            Validations.of(this).acknowledge(acknowledgement);
        }
    }
}

function main() {
    const outdir = path.join(__dirname, "cdk.out");
    const app = new cdk.App({ outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    const stack = new Platform(app, "BulwarkProd", { env: { account: ACCOUNT, region: REGION } });
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template;
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, "validation-report.json"), "utf8"));
    const nag = (report.pluginReports ?? []).filter((plugin) => plugin.summary?.pluginName === "AwsSolutions" || plugin.pluginName === "AwsSolutions");
    const count = (severity) => JSON.stringify(nag).split(`"severity":"${severity}"`).length - 1;
    process.stdout.write(JSON.stringify({ resources: Object.keys(template.Resources).length, nagErrors: count("error"), nagWarnings: count("warning") }) + "\n");
}

main();
