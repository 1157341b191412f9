/**
 * The estimate for Bulwark's dev and prod stacks against figures worked out by hand from AWS list
 * prices written here as literals, each with the AWS page it comes from and the month it was read. A
 * wrong or stale price in tools/cost/prices.json fails the pinned-price test; a change to what a stack
 * creates fails the pinned stack figures. Nothing expected is read from prices.json or the estimator.
 */
import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import PRICES from "../../tools/cost/prices.json";
import { CheckedPlan } from "../../tools/plan";
import { byCategory, CostEstimate, CostItem, dashboardMetricCount, estimateCost } from "../../tools/cost/estimate";
import { record } from "../helpers/offline";
import { plannedStack } from "../report/stacks";

const H = 730; // hours a month, as AWS's pricing pages and calculator count them
const CENT = 0.011;

/**
 * Every unit price Bulwark's stacks are priced with, as AWS lists it for us-east-1 on demand (read
 * 2026-11; "verify" marks figures taken from a third-party copy of the AWS page).
 */
const UNIT = {
    natGatewayHourly: 0.045, // https://aws.amazon.com/vpc/pricing/ (NAT gateway, per hour), 2026-11
    natGatewayPerGb: 0.045, // https://aws.amazon.com/vpc/pricing/ (NAT gateway, per GB processed), 2026-11
    publicIpv4Hourly: 0.005, // https://aws.amazon.com/vpc/pricing/ (public IPv4 address, since 2024-02-01), 2026-11
    t4gNanoHourly: 0.0042, // https://aws.amazon.com/ec2/pricing/on-demand/ (t4g.nano, Linux), 2026-11
    gp3PerGbMonth: 0.08, // https://aws.amazon.com/ebs/pricing/ (gp3 storage), 2026-11
    interfaceEndpointHourlyPerAz: 0.01, // https://aws.amazon.com/privatelink/pricing/ (per VPC endpoint per AZ), 2026-11, verify
    cacheT4gMicroRedisHourly: 0.016, // https://aws.amazon.com/elasticache/pricing/ (cache.t4g.micro, Redis OSS), 2026-11
    cacheM7gLargeRedisHourly: 0.158, // https://aws.amazon.com/elasticache/pricing/ (cache.m7g.large, Redis OSS), 2026-11, verify
    valkeyNodeDiscount: 0.2, // https://aws.amazon.com/elasticache/pricing/ (Valkey nodes 20% below Redis OSS), 2026-11
    valkeyServerlessPerGbHour: 0.084, // https://aws.amazon.com/elasticache/pricing/ (Serverless Valkey, data stored), 2026-11, verify
    valkeyServerlessMinimumGb: 0.1, // https://aws.amazon.com/elasticache/pricing/ (Serverless Valkey, 100 MB minimum), 2026-11
    valkeyServerlessPerMillionEcpu: 0.0023, // https://aws.amazon.com/elasticache/pricing/ (Serverless Valkey, ECPUs), 2026-11, verify
    lambdaPerMillionRequests: 0.2, // https://aws.amazon.com/lambda/pricing/ (requests), 2026-11
    lambdaArmPerGbSecond: 0.0000133334, // https://aws.amazon.com/lambda/pricing/ (Arm duration), 2026-11
    cloudfrontPerGbOut: 0.085, // https://aws.amazon.com/cloudfront/pricing/ (first 10 TB, North America), 2026-11
    cloudfrontPer10kHttps: 0.01, // https://aws.amazon.com/cloudfront/pricing/ (HTTPS requests), 2026-11
    wafWebAclMonthly: 5, // https://aws.amazon.com/waf/pricing/ (web ACL), 2026-11
    wafRuleMonthly: 1, // https://aws.amazon.com/waf/pricing/ (rule or rule group), 2026-11
    wafPerMillionRequests: 0.6, // https://aws.amazon.com/waf/pricing/ (requests), 2026-11
    kmsKeyMonthly: 1, // https://aws.amazon.com/kms/pricing/ (customer managed key), 2026-11
    secretMonthly: 0.4, // https://aws.amazon.com/secrets-manager/pricing/ (per secret), 2026-11, verify
    trailFirstCopyMonthly: 0, // https://aws.amazon.com/cloudtrail/pricing/ (first copy of management events), 2026-11
    alarmMonthly: 0.1, // https://aws.amazon.com/cloudwatch/pricing/ (standard-resolution alarm metric), 2026-11
    dashboardMonthly: 3, // https://aws.amazon.com/cloudwatch/pricing/ (dashboard), 2026-11
    dashboardFreePerAccount: 3, // https://aws.amazon.com/cloudwatch/pricing/ (free tier: 3 dashboards), 2026-11
    dashboardFreeMetrics: 50, // https://aws.amazon.com/cloudwatch/pricing/ (free tier: up to 50 metrics each), 2026-11
    logsPerGbIngested: 0.5, // https://aws.amazon.com/cloudwatch/pricing/ (logs ingested, standard), 2026-11
    configItemContinuous: 0.003, // https://aws.amazon.com/config/pricing/ (configuration item, continuous recording), 2026-11
    configRuleEvaluation: 0.001, // https://aws.amazon.com/config/pricing/ (first 100,000 rule evaluations), 2026-11
} as const;

/** Where each pinned price sits in prices.json. */
const IN_PRICE_FILE: Record<keyof typeof UNIT, unknown> = {
    natGatewayHourly: PRICES.natGateway.hourly,
    natGatewayPerGb: PRICES.natGateway.perGbProcessed,
    publicIpv4Hourly: PRICES.publicIpv4.hourly,
    t4gNanoHourly: PRICES.ec2.hourly["t4g.nano"],
    gp3PerGbMonth: PRICES.ec2.gp3PerGbMonth,
    interfaceEndpointHourlyPerAz: PRICES.interfaceEndpoint.hourlyPerAz,
    cacheT4gMicroRedisHourly: PRICES.elasticache.redisOssHourly["cache.t4g.micro"],
    cacheM7gLargeRedisHourly: PRICES.elasticache.redisOssHourly["cache.m7g.large"],
    valkeyNodeDiscount: PRICES.elasticache.valkeyDiscount,
    valkeyServerlessPerGbHour: PRICES.elasticache.serverless.valkey.perGbHour,
    valkeyServerlessMinimumGb: PRICES.elasticache.serverless.valkey.minimumGb,
    valkeyServerlessPerMillionEcpu: PRICES.elasticache.serverless.valkey.perMillionEcpu,
    lambdaPerMillionRequests: PRICES.lambda.perMillionRequests,
    lambdaArmPerGbSecond: PRICES.lambda.perGbSecond.arm64,
    cloudfrontPerGbOut: PRICES.cloudfront.perGbOut,
    cloudfrontPer10kHttps: PRICES.cloudfront.per10kHttpsRequests,
    wafWebAclMonthly: PRICES.waf.webAclMonthly,
    wafRuleMonthly: PRICES.waf.ruleMonthly,
    wafPerMillionRequests: PRICES.waf.perMillionRequests,
    kmsKeyMonthly: PRICES.kms.keyMonthly,
    secretMonthly: PRICES.secretsManager.secretMonthly,
    trailFirstCopyMonthly: PRICES.cloudtrail.firstManagementCopyMonthly,
    alarmMonthly: PRICES.cloudwatch.alarmMonthly,
    dashboardMonthly: PRICES.cloudwatch.dashboardMonthly,
    dashboardFreePerAccount: PRICES.cloudwatch.dashboardFreePerAccount,
    dashboardFreeMetrics: PRICES.cloudwatch.dashboardFreeMetrics,
    logsPerGbIngested: PRICES.cloudwatch.logsPerGbIngested,
    configItemContinuous: PRICES.config.perConfigurationItem.CONTINUOUS,
    configRuleEvaluation: PRICES.config.perRuleEvaluation,
};

function near(actual: number, expected: number, what: string, tolerance = CENT) {
    assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ${expected.toFixed(4)}`);
}

function itemsOfType(estimate: CostEstimate, type: string): CostItem[] {
    return estimate.items.filter((i) => i.type === type);
}

function sum(items: CostItem[]): number {
    return items.reduce((s, i) => s + i.monthlyUsd, 0);
}

describe("cost: the price file", () => {
    it("holds every unit price the stacks use at its AWS list price", () => {
        const wrong = Object.entries(UNIT).filter(([name, price]) => IN_PRICE_FILE[name as keyof typeof UNIT] !== price).map(([name, price]) => `${name}: prices.json has ${IN_PRICE_FILE[name as keyof typeof UNIT]}, AWS lists ${price}`);
        assert.deepStrictEqual(wrong, []);
        assert.strictEqual(PRICES.hoursPerMonth, H);
        assert.strictEqual(PRICES.region, "us-east-1");
    });

    it("is not older than the date the README gives for it", () => {
        const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        const stated = /`tools\/cost\/prices\.json` \((\d{4}-\d{2}),/.exec(readme);
        assert.ok(stated, "the README names the price file's date beside its path");
        assert.match(PRICES.date, /^\d{4}-\d{2}$/);
        assert.ok(PRICES.date >= stated[1], `prices.json is dated ${PRICES.date}, older than the README's ${stated[1]}`);
        assert.ok(readme.includes(`"date": "${PRICES.date}"`), "the README's JSON example carries the same date");
    });
});

/** A stack's estimate, pinned: the totals, the idle floor and each category, in dollars a month. */
interface Pinned {
    monthly: number;
    idle: number;
    categories: Record<"network" | "cache" | "compute" | "edge" | "security" | "observability", number>;
}

function assertPinned(cost: CostEstimate, pinned: Pinned, stack: string) {
    assert.deepStrictEqual(
        { monthly: cost.monthlyUsd, idle: cost.idleMonthlyUsd, categories: byCategory(cost) },
        pinned,
        `${stack} estimate`,
    );
}

describe("cost estimate of Bulwark's stacks", function () {
    this.timeout(180_000);
    let dev: CheckedPlan;
    let prod: CheckedPlan;

    before(async () => {
        dev = await plannedStack("dev");
        prod = await plannedStack("prod");
    });

    // The usage both stacks are estimated at: 1M requests of 50 ms, 10 GB out, 10 GB through NAT gateways.
    const lambda = (memoryMb: number) => 1 * UNIT.lambdaPerMillionRequests + 1_000_000 * 0.05 * (memoryMb / 1024) * UNIT.lambdaArmPerGbSecond;
    const cloudfront = 10 * UNIT.cloudfrontPerGbOut + 100 * UNIT.cloudfrontPer10kHttps;
    // Rate rule, IP reputation list, common rule set.
    const wafFixed = UNIT.wafWebAclMonthly + 3 * UNIT.wafRuleMonthly;
    const wafRequests = 1 * UNIT.wafPerMillionRequests;

    it("dev: one NAT instance, serverless Valkey at its floor, one shared key, a free dashboard: $23.59 idle, at most $25", () => {
        const cost = dev.report.cost;
        const natInstance = H * UNIT.t4gNanoHourly + 8 * UNIT.gp3PerGbMonth;
        const eip = H * UNIT.publicIpv4Hourly;
        const cache = UNIT.valkeyServerlessMinimumGb * H * UNIT.valkeyServerlessPerGbHour;
        const ecpus = 1 * UNIT.valkeyServerlessPerMillionEcpu;
        const security = 1 * UNIT.kmsKeyMonthly + 1 * UNIT.secretMonthly + UNIT.trailFirstCopyMonthly;
        // Alarms: function errors, throttles, duration, cache hit rate, CDN 5xx (no node alarms on serverless).
        const observability = 5 * UNIT.alarmMonthly + 4 * 0.1 * UNIT.logsPerGbIngested + 0;
        near(natInstance + eip, 7.36, "dev network by hand");
        near(cache, 6.13, "dev cache by hand");
        const idle = natInstance + eip + cache + wafFixed + security + observability;
        near(idle, 23.59, "dev idle by hand");
        near(idle + ecpus + lambda(512) + cloudfront + wafRequests, 26.57, "dev total by hand");
        assertPinned(cost, { monthly: 26.57, idle: 23.59, categories: { network: 7.36, cache: 6.13, compute: 0.53, edge: 10.45, security: 1.4, observability: 0.7 } }, "dev");
        assert.ok(cost.idleMonthlyUsd <= 25, `dev idles at $${cost.idleMonthlyUsd}, over the $25 goal`);
        const [dashboard] = itemsOfType(cost, "aws:cloudwatch/dashboard:Dashboard");
        assert.strictEqual(dashboard.monthlyUsd, 0);
        assert.match(dashboard.basis, /free as one of an account's first 3 dashboards of up to 50 metrics; not free \(\$3 a month\) if the account already has 3 others/);
        assert.deepStrictEqual(itemsOfType(cost, "aws:cfg/recorder:Recorder"), [], "dev does not own the account services");
    });

    it("prod: three NAT gateways, a three-AZ endpoint, two Valkey m7g.large nodes, five keys, AWS Config: $330.92 idle", () => {
        const cost = prod.report.cost;
        const network = 3 * H * UNIT.natGatewayHourly + 3 * H * UNIT.publicIpv4Hourly + 3 * H * UNIT.interfaceEndpointHourlyPerAz;
        const natTraffic = 10 * UNIT.natGatewayPerGb;
        const cache = 2 * H * UNIT.cacheM7gLargeRedisHourly * (1 - UNIT.valkeyNodeDiscount);
        const configItems = 144; // one item a month for each AWS resource the prod program records
        const security = 5 * UNIT.kmsKeyMonthly + 1 * UNIT.secretMonthly + configItems * UNIT.configItemContinuous;
        const observability = 9 * UNIT.alarmMonthly + 5 * 0.1 * UNIT.logsPerGbIngested;
        near(network, 131.4, "prod fixed network by hand");
        near(cache, 184.54, "prod cache by hand");
        near(network + cache + wafFixed + security + observability, 330.92, "prod idle by hand");
        near(network + natTraffic + cache + wafFixed + security + observability + lambda(1024) + cloudfront + wafRequests, 334.69, "prod total by hand");
        assertPinned(cost, { monthly: 334.69, idle: 330.92, categories: { network: 131.85, cache: 184.54, compute: 0.87, edge: 10.45, security: 5.83, observability: 1.15 } }, "prod");
        const [config] = itemsOfType(cost, "aws:cfg/recorder:Recorder");
        assert.match(config.basis, /^AWS Config: 144 configuration items a month .* × \$0\.003 \(continuous recording\)/);
        // GuardDuty and Security Hub are listed but not priced.
        for (const type of ["aws:guardduty/detector:Detector", "aws:securityhub/account:Account"]) {
            const [item] = itemsOfType(cost, type);
            assert.ok(item, `${type} listed`);
            assert.strictEqual(item.estimated, false);
            assert.strictEqual(item.monthlyUsd, 0);
            assert.match(item.basis, /usage-based.*not estimated/);
        }
    });

    it("prints the dev and prod idle figures in the README beside the anchor", () => {
        const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        for (const figure of [dev.report.cost.idleMonthlyUsd, prod.report.cost.idleMonthlyUsd]) {
            assert.ok(readme.includes(`$${figure.toFixed(2)}`), `README lacks $${figure.toFixed(2)}`);
        }
        assert.ok(readme.includes("$36.50"), "the anchor (one NAT gateway and its IPv4 address) is printed too");
    });

    it("prices one item set per priced resource, each with a basis, and totals the items", () => {
        for (const plan of [dev, prod]) {
            const cost = plan.report.cost;
            for (const type of ["aws:kms/key:Key", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/logGroup:LogGroup", "aws:ec2/eip:Eip"]) {
                const resources = plan.run.resources.filter((r) => r.type === type).map((r) => r.urn).sort();
                assert.deepStrictEqual(itemsOfType(cost, type).map((i) => i.urn).sort(), resources, type);
            }
            near(cost.monthlyUsd, sum(cost.items), `${plan.report.stack} total is the sum of its items`, 0.001);
            for (const item of cost.items) assert.ok(item.basis.length > 10 && item.monthlyUsd >= 0, `${item.urn}: ${item.basis}`);
            assert.strictEqual(cost.date, "2026-11");
            assert.match(cost.note, /^estimate from list prices .* dated 2026-11/);
        }
    });

    it("usage overrides change only the usage-based items", () => {
        const base = estimateCost(dev.run.resources);
        const busier = estimateCost(dev.run.resources, { requests: 3_000_000, durationMs: 100, gbOut: 50, memoryMb: 1024 });
        assert.strictEqual(busier.idleMonthlyUsd, base.idleMonthlyUsd);
        const fn = busier.items.filter((i) => i.type === "aws:lambda/function:Function");
        near(sum(fn), 3 * UNIT.lambdaPerMillionRequests + 3_000_000 * 0.1 * 1 * UNIT.lambdaArmPerGbSecond, "Lambda at 3M × 100 ms × 1 GB");
        near(sum(itemsOfType(busier, "aws:cloudfront/distribution:Distribution")), 50 * UNIT.cloudfrontPerGbOut + 300 * UNIT.cloudfrontPer10kHttps, "CloudFront at 50 GB");
        assert.deepStrictEqual(busier.usage, { requests: 3_000_000, durationMs: 100, gbOut: 50, memoryMb: 1024, natGb: 50 });
        // Memory defaults to the recorded function's.
        assert.strictEqual(base.usage.memoryMb, 512);
        const natOnly = estimateCost(prod.run.resources, { natGb: 100 });
        near(sum(natOnly.items.filter((i) => i.type === "aws:ec2/natGateway:NatGateway" && i.usageBased)), 100 * UNIT.natGatewayPerGb, "NAT processing of 100 GB");
    });
});

describe("cost estimate pricing rules", function () {
    this.timeout(60_000);

    it("charges interface endpoints per subnet and leaves gateway endpoints free", async () => {
        const rec = await record(() => {
            new aws.ec2.VpcEndpoint("kms", { vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.kms", vpcEndpointType: "Interface", subnetIds: ["subnet-a", "subnet-b"] });
            new aws.ec2.VpcEndpoint("s3", { vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" });
        });
        const cost = estimateCost(rec.resources);
        assert.strictEqual(cost.items.length, 1);
        near(cost.items[0].monthlyUsd, 2 * H * UNIT.interfaceEndpointHourlyPerAz, "two-AZ interface endpoint");
        assert.match(cost.items[0].basis, /kms in 2 AZs/);
    });

    it("prices serverless caches at their floor by engine, plus ECPUs per request", async () => {
        const rec = await record(() => {
            new aws.elasticache.ServerlessCache("valkey", { engine: "valkey", name: "valkey" });
            new aws.elasticache.ServerlessCache("redis", { engine: "redis", name: "redis" });
        });
        const cost = estimateCost(rec.resources, { requests: 2_000_000 });
        const fixed = (name: string) => cost.items.find((i) => i.urn.endsWith(`::${name}`) && !i.usageBased)!.monthlyUsd;
        near(fixed("valkey"), 0.1 * H * 0.084, "Valkey serverless floor");
        near(fixed("redis"), 1 * H * 0.125, "Redis serverless floor");
        near(cost.monthlyUsd - cost.idleMonthlyUsd, 2 * (0.0023 + 0.0034), "ECPUs for 2M requests", 0.02);
    });

    it("counts cluster-mode nodes as shards × (1 + replicas) and marks unknown node types as not estimated", async () => {
        const rec = await record(() => {
            new aws.elasticache.ReplicationGroup("sharded", { description: "x", engine: "redis", nodeType: "cache.t4g.medium", numNodeGroups: 2, replicasPerNodeGroup: 1 });
            new aws.elasticache.ReplicationGroup("big", { description: "x", engine: "valkey", nodeType: "cache.r7g.4xlarge", numCacheClusters: 2 });
        });
        const cost = estimateCost(rec.resources);
        const sharded = cost.items.find((i) => i.urn.endsWith("::sharded"))!;
        near(sharded.monthlyUsd, 4 * H * 0.065, "2 shards × 2 nodes of t4g.medium");
        const big = cost.items.find((i) => i.urn.endsWith("::big"))!;
        assert.strictEqual(big.estimated, false);
        assert.strictEqual(big.monthlyUsd, 0);
        assert.match(big.basis, /cache\.r7g\.4xlarge has no list price in tools\/cost\/prices\.json/);
    });

    it("prices a WAF ACL by its rules and an instance without a listed type by its volume only", async () => {
        const rec = await record(() => {
            const rule = (name: string, priority: number) => ({
                name,
                priority,
                action: { block: {} },
                statement: { rateBasedStatement: { limit: 100, aggregateKeyType: "IP" } },
                visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: name, sampledRequestsEnabled: false },
            });
            new aws.wafv2.WebAcl("acl", { scope: "REGIONAL", defaultAction: { allow: {} }, rules: [rule("a", 0), rule("b", 1)], visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: "acl", sampledRequestsEnabled: false } });
            new aws.ec2.Instance("box", { ami: "ami-1", instanceType: "m7g.large", rootBlockDevice: { volumeSize: 20, volumeType: "gp3" } });
        });
        const cost = estimateCost(rec.resources, { requests: 0 });
        near(cost.items.find((i) => i.urn.endsWith("::acl") && !i.usageBased)!.monthlyUsd, UNIT.wafWebAclMonthly + 2 * UNIT.wafRuleMonthly, "ACL with two rules");
        const box = cost.items.find((i) => i.urn.endsWith("::box"))!;
        assert.strictEqual(box.estimated, false);
        near(box.monthlyUsd, 20 * UNIT.gp3PerGbMonth, "20 GB root volume");
    });

    it("names a stack region other than the price list's in the note", async () => {
        const rec = await record(() => new aws.kms.Key("k", {}), { region: "eu-west-1" });
        assert.match(estimateCost(rec.resources, {}, "eu-west-1").note, /us-east-1 \(the stack is in eu-west-1; its prices differ\)/);
        assert.doesNotMatch(estimateCost(rec.resources, {}, "us-east-1").note, /the stack is in/);
    });
});

describe("cost estimate: dashboards and AWS Config", function () {
    this.timeout(60_000);
    const body = (metrics: unknown[]) => JSON.stringify({ widgets: [{ type: "metric", properties: { metrics, region: "us-east-1" } }] });

    it("counts a dashboard's metrics as CloudWatch does, leaving metric math out", () => {
        assert.strictEqual(dashboardMetricCount(body([["AWS/Lambda", "Errors"], [".", "Throttles"], [{ expression: "m1/m2", label: "rate" }]])), 2);
        assert.strictEqual(dashboardMetricCount("not json"), undefined);
    });

    it("prices an account's first 3 dashboards of up to 50 metrics at $0 and says when they would not be free", async () => {
        const small = body(Array.from({ length: 50 }, (_, i) => ["AWS/Lambda", `M${i}`]));
        const large = body(Array.from({ length: 51 }, (_, i) => ["AWS/Lambda", `M${i}`]));
        const rec = await record(() => {
            for (const name of ["a", "b", "c", "d"]) new aws.cloudwatch.Dashboard(name, { dashboardName: name, dashboardBody: small });
            new aws.cloudwatch.Dashboard("big", { dashboardName: "big", dashboardBody: large });
        });
        const cost = estimateCost(rec.resources);
        const priced = Object.fromEntries(cost.items.map((i) => [i.urn.split("::").pop(), i.monthlyUsd]));
        assert.deepStrictEqual(priced, { a: 0, b: 0, c: 0, d: UNIT.dashboardMonthly, big: UNIT.dashboardMonthly });
        assert.match(cost.items.find((i) => i.urn.endsWith("::d"))!.basis, /beyond the account's first 3 free dashboards/);
        assert.match(cost.items.find((i) => i.urn.endsWith("::big"))!.basis, /51 metrics, more than the free tier's 50/);
    });

    it("prices AWS Config by configuration item (continuous or daily) and each rule by evaluation", async () => {
        const rec = await record(() => {
            new aws.cfg.Recorder("recorder", { roleArn: "arn:aws:iam::123456789012:role/config", recordingMode: { recordingFrequency: "DAILY" } });
            new aws.cfg.Rule("rule", { source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED" } });
            new aws.s3.Bucket("bucket", {});
        });
        const cost = estimateCost(rec.resources);
        const recorder = cost.items.find((i) => i.urn.endsWith("::recorder"))!;
        // Three AWS resources, one configuration item each a month, at the daily-recording rate.
        near(recorder.monthlyUsd, 3 * 0.012, "daily recording of three items");
        assert.match(recorder.basis, /3 configuration items a month .* × \$0\.012 \(daily recording\)/);
        near(cost.items.find((i) => i.urn.endsWith("::rule"))!.monthlyUsd, 3 * UNIT.configRuleEvaluation, "three evaluations");
        assert.strictEqual(recorder.usageBased, false, "an idle stack still records items");
    });
});
