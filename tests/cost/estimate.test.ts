/**
 * The estimate for Bulwark's dev and prod stacks against figures computed here by hand from the
 * price file's constants and the resources each stack is known to create, plus the pricing rules
 * on small recorded programs. The expected numbers never come from the estimator itself.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import PRICES from "../../tools/cost/prices.json";
import { CheckedPlan } from "../../tools/plan";
import { byCategory, CostEstimate, CostItem, estimateCost } from "../../tools/cost/estimate";
import { record } from "../helpers/offline";
import { plannedStack } from "../report/stacks";

const H = PRICES.hoursPerMonth;
const VALKEY = 1 - PRICES.elasticache.valkeyDiscount;
const CENT = 0.011;

function near(actual: number, expected: number, what: string, tolerance = CENT) {
    assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ${expected.toFixed(4)}`);
}

function itemsOfType(estimate: CostEstimate, type: string): CostItem[] {
    return estimate.items.filter((i) => i.type === type);
}

function sum(items: CostItem[]): number {
    return items.reduce((s, i) => s + i.monthlyUsd, 0);
}

/**
 * What every stack built from Bulwark's components shares, at the default usage. Resources priced
 * per unit (keys, secrets, alarms, log groups, dashboards, WAF rules) are counted in the recording;
 * the shape each stack's settings fix (NAT, cache, endpoints, memory) is written in the tests.
 */
function commonFigures(plan: CheckedPlan, memoryMb: number) {
    const count = (type: string) => plan.run.resources.filter((r) => r.type === type).length;
    const acl = plan.run.resources.find((r) => r.type === "aws:wafv2/webAcl:WebAcl")!;
    const wafRules = (acl.inputs.rules as unknown[]).length;
    assert.ok(wafRules >= 1, "the edge ACL has rules");
    const requestsM = 1; // 1,000,000 requests
    return {
        lambda: requestsM * PRICES.lambda.perMillionRequests + 1_000_000 * (50 / 1000) * (memoryMb / 1024) * PRICES.lambda.perGbSecond.arm64,
        cloudfront: 10 * PRICES.cloudfront.perGbOut + (1_000_000 / 10_000) * PRICES.cloudfront.per10kHttpsRequests,
        wafFixed: PRICES.waf.webAclMonthly + wafRules * PRICES.waf.ruleMonthly,
        wafRequests: requestsM * PRICES.waf.perMillionRequests,
        security: count("aws:kms/key:Key") * PRICES.kms.keyMonthly + count("aws:secretsmanager/secret:Secret") * PRICES.secretsManager.secretMonthly + PRICES.cloudtrail.firstManagementCopyMonthly,
        observability:
            count("aws:cloudwatch/metricAlarm:MetricAlarm") * PRICES.cloudwatch.alarmMonthly +
            count("aws:cloudwatch/dashboard:Dashboard") * PRICES.cloudwatch.dashboardMonthly +
            count("aws:cloudwatch/logGroup:LogGroup") * PRICES.assumptions.logGbIngestedPerGroupMonthly * PRICES.cloudwatch.logsPerGbIngested,
    };
}

describe("cost estimate of Bulwark's stacks", function () {
    this.timeout(180_000);
    let dev: CheckedPlan;
    let prod: CheckedPlan;

    before(async () => {
        dev = await plannedStack("dev");
        prod = await plannedStack("prod");
    });

    it("dev: one t4g.nano NAT instance with its address, one Valkey t4g.micro node, no interface endpoint", () => {
        const cost = dev.report.cost;
        const common = commonFigures(dev, 512);
        const natInstance = H * PRICES.ec2.hourly["t4g.nano"] + PRICES.ec2.defaultRootVolumeGb * PRICES.ec2.gp3PerGbMonth;
        const eip = H * PRICES.publicIpv4.hourly;
        const cache = 1 * H * PRICES.elasticache.redisOssHourly["cache.t4g.micro"] * VALKEY;
        const expected = {
            network: natInstance + eip,
            cache,
            compute: common.lambda,
            edge: common.cloudfront + common.wafFixed + common.wafRequests,
            security: common.security,
            observability: common.observability,
        };
        const totals = byCategory(cost);
        for (const [category, usd] of Object.entries(expected)) near(totals[category as keyof typeof totals], usd, `dev ${category}`);
        near(sum(itemsOfType(cost, "aws:ec2/instance:Instance")), natInstance, "dev NAT instance");
        near(sum(itemsOfType(cost, "aws:ec2/eip:Eip")), eip, "dev EIP");
        assert.deepStrictEqual(itemsOfType(cost, "aws:ec2/natGateway:NatGateway"), []);
        const total = Object.values(expected).reduce((a, b) => a + b, 0);
        near(cost.monthlyUsd, total, "dev total", 0.03);
        const idle = total - common.lambda - common.cloudfront - common.wafRequests;
        near(cost.idleMonthlyUsd, idle, "dev idle floor", 0.03);
    });

    it("prod: three NAT gateways with addresses and traffic, a three-AZ Secrets Manager endpoint, two Valkey t4g.small nodes", () => {
        const cost = prod.report.cost;
        const common = commonFigures(prod, 1024);
        const gateways = 3 * H * PRICES.natGateway.hourly;
        const natTraffic = 10 * PRICES.natGateway.perGbProcessed; // natGb defaults to gbOut
        const eips = 3 * H * PRICES.publicIpv4.hourly;
        const endpoint = 3 * H * PRICES.interfaceEndpoint.hourlyPerAz;
        const cache = 2 * H * PRICES.elasticache.redisOssHourly["cache.t4g.small"] * VALKEY;
        const expected = {
            network: gateways + natTraffic + eips + endpoint,
            cache,
            compute: common.lambda,
            edge: common.cloudfront + common.wafFixed + common.wafRequests,
            security: common.security,
            observability: common.observability,
        };
        const totals = byCategory(cost);
        for (const [category, usd] of Object.entries(expected)) near(totals[category as keyof typeof totals], usd, `prod ${category}`);
        near(sum(itemsOfType(cost, "aws:ec2/vpcEndpoint:VpcEndpoint")), endpoint, "prod interface endpoint");
        const total = Object.values(expected).reduce((a, b) => a + b, 0);
        near(cost.monthlyUsd, total, "prod total", 0.03);
        near(cost.idleMonthlyUsd, total - common.lambda - common.cloudfront - common.wafRequests - natTraffic, "prod idle floor", 0.03);
        // GuardDuty and Security Hub are listed but not priced.
        for (const type of ["aws:guardduty/detector:Detector", "aws:securityhub/account:Account"]) {
            const [item] = itemsOfType(cost, type);
            assert.ok(item, `${type} listed`);
            assert.strictEqual(item.estimated, false);
            assert.strictEqual(item.monthlyUsd, 0);
            assert.match(item.basis, /usage-based.*not estimated/);
        }
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
        const lambda = busier.items.filter((i) => i.type === "aws:lambda/function:Function");
        near(sum(lambda), 3 * PRICES.lambda.perMillionRequests + 3_000_000 * 0.1 * 1 * PRICES.lambda.perGbSecond.arm64, "Lambda at 3M × 100 ms × 1 GB");
        near(sum(itemsOfType(busier, "aws:cloudfront/distribution:Distribution")), 50 * PRICES.cloudfront.perGbOut + 300 * PRICES.cloudfront.per10kHttpsRequests, "CloudFront at 50 GB");
        assert.deepStrictEqual(busier.usage, { requests: 3_000_000, durationMs: 100, gbOut: 50, memoryMb: 1024, natGb: 50 });
        // Memory defaults to the recorded function's.
        assert.strictEqual(base.usage.memoryMb, 512);
        const natOnly = estimateCost(prod.run.resources, { natGb: 100 });
        near(sum(natOnly.items.filter((i) => i.type === "aws:ec2/natGateway:NatGateway" && i.usageBased)), 100 * PRICES.natGateway.perGbProcessed, "NAT processing of 100 GB");
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
        near(cost.items[0].monthlyUsd, 2 * H * PRICES.interfaceEndpoint.hourlyPerAz, "two-AZ interface endpoint");
        assert.match(cost.items[0].basis, /kms in 2 AZs/);
    });

    it("prices serverless caches at their floor by engine, plus ECPUs per request", async () => {
        const rec = await record(() => {
            new aws.elasticache.ServerlessCache("valkey", { engine: "valkey", name: "valkey" });
            new aws.elasticache.ServerlessCache("redis", { engine: "redis", name: "redis" });
        });
        const cost = estimateCost(rec.resources, { requests: 2_000_000 });
        const fixed = (name: string) => cost.items.find((i) => i.urn.endsWith(`::${name}`) && !i.usageBased)!.monthlyUsd;
        near(fixed("valkey"), PRICES.elasticache.serverless.valkey.minimumGb * H * PRICES.elasticache.serverless.valkey.perGbHour, "Valkey serverless floor");
        near(fixed("redis"), PRICES.elasticache.serverless.redis.minimumGb * H * PRICES.elasticache.serverless.redis.perGbHour, "Redis serverless floor");
        near(cost.monthlyUsd - cost.idleMonthlyUsd, 2 * (PRICES.elasticache.serverless.valkey.perMillionEcpu + PRICES.elasticache.serverless.redis.perMillionEcpu), "ECPUs for 2M requests", 0.02);
    });

    it("counts cluster-mode nodes as shards × (1 + replicas) and marks unknown node types as not estimated", async () => {
        const rec = await record(() => {
            new aws.elasticache.ReplicationGroup("sharded", { description: "x", engine: "redis", nodeType: "cache.t4g.medium", numNodeGroups: 2, replicasPerNodeGroup: 1 });
            new aws.elasticache.ReplicationGroup("big", { description: "x", engine: "valkey", nodeType: "cache.r7g.4xlarge", numCacheClusters: 2 });
        });
        const cost = estimateCost(rec.resources);
        const sharded = cost.items.find((i) => i.urn.endsWith("::sharded"))!;
        near(sharded.monthlyUsd, 4 * H * PRICES.elasticache.redisOssHourly["cache.t4g.medium"], "2 shards × 2 nodes of t4g.medium");
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
        near(cost.items.find((i) => i.urn.endsWith("::acl") && !i.usageBased)!.monthlyUsd, PRICES.waf.webAclMonthly + 2 * PRICES.waf.ruleMonthly, "ACL with two rules");
        const box = cost.items.find((i) => i.urn.endsWith("::box"))!;
        assert.strictEqual(box.estimated, false);
        near(box.monthlyUsd, 20 * PRICES.ec2.gp3PerGbMonth, "20 GB root volume");
    });

    it("names a stack region other than the price list's in the note", async () => {
        const rec = await record(() => new aws.kms.Key("k", {}), { region: "eu-west-1" });
        assert.match(estimateCost(rec.resources, {}, "eu-west-1").note, /us-east-1 \(the stack is in eu-west-1; its prices differ\)/);
        assert.doesNotMatch(estimateCost(rec.resources, {}, "us-east-1").note, /the stack is in/);
    });
});
