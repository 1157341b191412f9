import * as assert from "assert";
import { planStack } from "../../tools/plan";
import * as aws from "@pulumi/aws";
import { assertRejects, record, Recording, UNKNOWN } from "../helpers/offline";
import {
    DASHBOARD_FREE_TIER_METRICS, dashboardBody, dashboardMetricCount, MAX_CACHE_NODES, Monitoring, MonitoringArgs, validateMonitoringArgs,
} from "../../components/monitoring";

const TYPE = {
    monitoring: "bulwark:ops:Monitoring",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
};
const TOPIC = "arn:aws:sns:us-east-1:123456789012:bulwark-dev-security-alerts";
const EDGE_TOPIC = "arn:aws:sns:us-east-1:123456789012:bulwark-dev-edge-alerts";

const base: MonitoringArgs = { alertsTopicArn: TOPIC, functionName: "api-fn", timeoutSeconds: 10 };
const full: MonitoringArgs = {
    ...base,
    aliasName: "live",
    replicationGroupId: "bulwark-dev-cache",
    cacheNodeCount: 2,
    distributionId: "E2EXAMPLE",
    natGatewayIds: ["nat-0abc"],
};

function monitoring(args: MonitoringArgs, options: Parameters<typeof record>[1] = {}): Promise<Recording> {
    return record(() => new Monitoring("ops", args), options);
}

function alarm(rec: Recording, purpose: string): Record<string, any> {
    return rec.inputs(TYPE.alarm, `ops-${purpose}`);
}

function alarmPurposes(rec: Recording): string[] {
    return rec.ofType(TYPE.alarm).map((a) => a.name.replace(/^ops-/, "")).sort();
}

describe("ops Monitoring", () => {
    describe("children", () => {
        it("function and hit-rate alarms and a dashboard when only the function is given", async () => {
            const rec = await monitoring(base);
            rec.assertChildren(rec.one(TYPE.monitoring).urn, { [TYPE.alarm]: 4, [TYPE.dashboard]: 1 });
            assert.deepStrictEqual(alarmPurposes(rec), ["cache-hit-rate", "function-duration", "function-errors", "function-throttles"]);
        });

        it("adds four cache alarms (whatever the node count) and the CDN alarm", async () => {
            const rec = await monitoring({ ...full, cacheNodeCount: 3 });
            rec.assertChildren(rec.one(TYPE.monitoring).urn, { [TYPE.alarm]: 9, [TYPE.dashboard]: 1 });
            assert.deepStrictEqual(alarmPurposes(rec), [
                "cache-connections", "cache-cpu", "cache-evictions", "cache-hit-rate", "cache-memory",
                "cdn-5xx-rate", "function-duration", "function-errors", "function-throttles",
            ]);
        });

        it("plans in preview with unknown function and distribution ids", async () => {
            const rec = await record(() => {
                // Ids of resources that do not exist yet are unknown in a preview of a new stack.
                const topic = new aws.sns.Topic("topic", {});
                const fn = new aws.cloudwatch.LogGroup("stand-in-for-the-function", {});
                new Monitoring("ops", { ...full, alertsTopicArn: topic.arn, functionName: fn.id, distributionId: topic.id });
            }, { preview: true });
            assert.strictEqual(rec.ofType(TYPE.alarm).length, 9);
            assert.deepStrictEqual(alarm(rec, "function-errors").alarmActions, [UNKNOWN]);
            assert.strictEqual(rec.inputs(TYPE.dashboard).dashboardBody, UNKNOWN);
        });

        it("no dashboard when dashboard is false", async () => {
            const rec = await monitoring({ ...base, dashboard: false });
            rec.assertChildren(rec.one(TYPE.monitoring).urn, { [TYPE.alarm]: 4 });
        });

        it("names every child after the component and parents it there", async () => {
            const rec = await monitoring(full);
            const urn = rec.one(TYPE.monitoring).urn;
            for (const child of [...rec.ofType(TYPE.alarm), ...rec.ofType(TYPE.dashboard)]) {
                assert.ok(child.name.startsWith("ops-"), child.name);
                assert.strictEqual(child.parent, urn, child.name);
            }
        });

        it("every alarm notifies the alerts topic on ALARM and on OK", async () => {
            const rec = await monitoring({ ...full, distributionId: undefined });
            for (const a of rec.ofType(TYPE.alarm)) {
                const inputs = rec.inputs(TYPE.alarm, a.name);
                assert.deepStrictEqual(inputs.alarmActions, [TOPIC], a.name);
                assert.deepStrictEqual(inputs.okActions, [TOPIC], a.name);
                assert.ok(inputs.alarmDescription.length > 20, a.name);
            }
        });
    });

    describe("function alarms", () => {
        it("errors and throttles are 5-minute sums against their thresholds", async () => {
            const rec = await monitoring({ ...base, functionErrorsThreshold: 3, functionThrottlesThreshold: 2 });
            for (const [purpose, metricName, threshold] of [["function-errors", "Errors", 3], ["function-throttles", "Throttles", 2]] as const) {
                const a = alarm(rec, purpose);
                assert.deepStrictEqual(
                    [a.namespace, a.metricName, a.statistic, a.period, a.threshold, a.comparisonOperator, a.dimensions],
                    ["AWS/Lambda", metricName, "Sum", 300, threshold, "GreaterThanOrEqualToThreshold", { FunctionName: "api-fn" }],
                );
                assert.strictEqual(a.treatMissingData, "notBreaching");
            }
        });

        it("p99 duration alarms at durationAlarmPercent of the timeout, in milliseconds", async () => {
            const rec = await monitoring({ ...base, timeoutSeconds: 15, durationAlarmPercent: 70 });
            const a = alarm(rec, "function-duration");
            assert.strictEqual(a.metricName, "Duration");
            assert.strictEqual(a.extendedStatistic, "p99");
            assert.strictEqual(a.statistic, undefined);
            assert.strictEqual(a.threshold, 10500);
            assert.strictEqual(a.comparisonOperator, "GreaterThanThreshold");
        });

        it("with an alias, watches that alias through Lambda's Resource dimension", async () => {
            const rec = await monitoring({ ...base, aliasName: "live" });
            for (const purpose of ["function-errors", "function-throttles", "function-duration"]) {
                assert.deepStrictEqual(alarm(rec, purpose).dimensions, { FunctionName: "api-fn", Resource: "api-fn:live" }, purpose);
            }
        });
    });

    describe("cache hit rate alarm", () => {
        it("is hit / (hit + miss) * 100 from the app's EMF metrics, below the threshold, quiet without traffic", async () => {
            const rec = await monitoring({ ...base, hitRateThreshold: 90 });
            const a = alarm(rec, "cache-hit-rate");
            assert.strictEqual(a.metricName, undefined);
            assert.strictEqual(a.comparisonOperator, "LessThanThreshold");
            assert.strictEqual(a.threshold, 90);
            assert.strictEqual(a.treatMissingData, "notBreaching");
            const queries = Object.fromEntries(a.metricQueries.map((q: any) => [q.id, q]));
            for (const [id, metricName] of [["hit", "CacheHit"], ["miss", "CacheMiss"]]) {
                assert.deepStrictEqual(queries[id].metric, {
                    namespace: "Bulwark/Api", metricName, dimensions: { FunctionName: "api-fn" }, stat: "Sum", period: 300,
                });
                assert.strictEqual(queries[id].returnData, false);
            }
            assert.strictEqual(queries.hitRate.expression, "100 * hit / (hit + miss)");
            assert.strictEqual(queries.hitRate.returnData, true);
            assert.strictEqual(a.metricQueries.filter((q: any) => q.returnData).length, 1, "an alarm returns exactly one series");
        });
    });

    describe("cache alarms", () => {
        it("watch every member node of the replication group, by CacheClusterId, combined with metric math", async () => {
            const rec = await monitoring({ ...full, cacheCpuPercent: 60, cacheMemoryPercent: 85, cacheEvictionsThreshold: 50, cacheConnectionsThreshold: 400 });
            const expected = {
                "cache-cpu": ["EngineCPUUtilization", "Average", "MAX", 60, "GreaterThanThreshold"],
                "cache-memory": ["DatabaseMemoryUsagePercentage", "Average", "MAX", 85, "GreaterThanThreshold"],
                "cache-evictions": ["Evictions", "Sum", "SUM", 50, "GreaterThanOrEqualToThreshold"],
                "cache-connections": ["CurrConnections", "Maximum", "MAX", 400, "GreaterThanThreshold"],
            };
            for (const [purpose, [metricName, stat, combine, threshold, operator]] of Object.entries(expected)) {
                const a = alarm(rec, purpose);
                assert.strictEqual(a.threshold, threshold, purpose);
                assert.strictEqual(a.comparisonOperator, operator, purpose);
                const nodes = a.metricQueries.filter((q: any) => q.metric);
                assert.deepStrictEqual(nodes.map((q: any) => q.metric.dimensions), [
                    { CacheClusterId: "bulwark-dev-cache-001" }, { CacheClusterId: "bulwark-dev-cache-002" },
                ], purpose);
                for (const q of nodes) {
                    assert.deepStrictEqual([q.metric.namespace, q.metric.metricName, q.metric.stat, q.returnData], ["AWS/ElastiCache", metricName, stat, false]);
                }
                const [result] = a.metricQueries.filter((q: any) => q.returnData);
                assert.strictEqual(result.expression, `${combine}([node0, node1])`, purpose);
            }
        });

        it("a serverless cache (no replication group, zero nodes) gets no node alarms", async () => {
            const rec = await monitoring({ ...base, replicationGroupId: undefined, cacheNodeCount: 0 });
            assert.deepStrictEqual(alarmPurposes(rec).filter((p) => p !== "cache-hit-rate" && p.startsWith("cache-")), []);
            assert.throws(() => validateMonitoringArgs("ops", { ...base, cacheNodeCount: 2 }), /"cacheNodeCount" is 2: it must be 0 or unset unless replicationGroupId is given/);
        });

        it("accepts explicit node ids instead of a replication group", async () => {
            const rec = await monitoring({ ...base, cacheClusterIds: ["n-a"] });
            const nodes = alarm(rec, "cache-cpu").metricQueries.filter((q: any) => q.metric);
            assert.deepStrictEqual(nodes.map((q: any) => q.metric.dimensions.CacheClusterId), ["n-a"]);
        });
    });

    describe("CDN alarm", () => {
        it("5xx rate of the distribution (Region=Global), created in us-east-1", async () => {
            const rec = await monitoring({ ...full, cdn5xxRatePercent: 2 });
            const a = alarm(rec, "cdn-5xx-rate");
            assert.deepStrictEqual(
                [a.namespace, a.metricName, a.statistic, a.threshold, a.comparisonOperator, a.region],
                ["AWS/CloudFront", "5xxErrorRate", "Average", 2, "GreaterThanThreshold", "us-east-1"],
            );
            assert.deepStrictEqual(a.dimensions, { DistributionId: "E2EXAMPLE", Region: "Global" });
            assert.match(rec.one(TYPE.alarm, "ops-cdn-5xx-rate").outputs.arn as string, /^arn:aws:cloudwatch:us-east-1:/);
        });

        it("outside us-east-1 it notifies the us-east-1 topic, while the other alarms stay in the stack's region", async () => {
            const rec = await monitoring({ ...full, region: "eu-west-1", edgeAlertsTopicArn: EDGE_TOPIC }, { region: "eu-west-1" });
            assert.deepStrictEqual(alarm(rec, "cdn-5xx-rate").alarmActions, [EDGE_TOPIC]);
            assert.deepStrictEqual(alarm(rec, "cdn-5xx-rate").okActions, [EDGE_TOPIC]);
            assert.deepStrictEqual(alarm(rec, "function-errors").alarmActions, [TOPIC]);
            assert.strictEqual(alarm(rec, "function-errors").region, undefined);
            assert.match(rec.one(TYPE.alarm, "ops-function-errors").outputs.arn as string, /^arn:aws:cloudwatch:eu-west-1:/);
        });
    });

    describe("dashboard", () => {
        it("is valid JSON whose widgets name latency percentiles, hit rate, errors, cache health and cost counts", async () => {
            const rec = await monitoring(full);
            const inputs = rec.inputs(TYPE.dashboard);
            assert.strictEqual(inputs.dashboardName, "bulwark-dev-ops");
            const body = JSON.parse(inputs.dashboardBody);
            const byTitle = Object.fromEntries(body.widgets.map((w: any) => [w.properties.title, w.properties]));
            assert.deepStrictEqual(Object.keys(byTitle), [
                "API latency (ms)", "Cache hit rate (%)", "Errors", "Cache health", "Cost drivers: invocations and NAT bytes", "CDN requests and 5xx rate",
            ]);
            const names = (title: string) => byTitle[title].metrics.map((row: any[]) => row.filter((c) => typeof c === "string").slice(0, 2).join(" "));
            assert.deepStrictEqual(byTitle["API latency (ms)"].metrics.map((row: any[]) => row[row.length - 1].stat), ["p50", "p95", "p99"]);
            assert.deepStrictEqual(byTitle["API latency (ms)"].metrics[0].slice(0, 6), ["AWS/Lambda", "Duration", "FunctionName", "api-fn", "Resource", "api-fn:live"]);
            assert.strictEqual(byTitle["Cache hit rate (%)"].metrics[0][0].expression, "100 * hit / (hit + miss)");
            assert.deepStrictEqual(names("Cache hit rate (%)").slice(1), ["Bulwark/Api CacheHit", "Bulwark/Api CacheMiss"]);
            assert.deepStrictEqual(names("Errors"), ["AWS/Lambda Errors", "AWS/Lambda Throttles", "Bulwark/Api OriginError", "Bulwark/Api CacheError"]);
            assert.strictEqual(byTitle["Cache health"].metrics.length, 8, "four metrics for each of two nodes");
            assert.ok(names("Cache health").includes("AWS/ElastiCache EngineCPUUtilization"));
            assert.ok(names("Cache health").includes("AWS/ElastiCache DatabaseMemoryUsagePercentage"));
            assert.deepStrictEqual(names("Cost drivers: invocations and NAT bytes"), [
                "AWS/Lambda Invocations", "AWS/NATGateway BytesOutToDestination", "AWS/NATGateway BytesInFromDestination",
            ]);
            assert.strictEqual(byTitle["CDN requests and 5xx rate"].region, "us-east-1");
            assert.deepStrictEqual(byTitle["CDN requests and 5xx rate"].metrics[0].slice(0, 6), ["AWS/CloudFront", "Requests", "DistributionId", "E2EXAMPLE", "Region", "Global"]);
        });

        it("widgets read the stack's region and never overlap", async () => {
            const rec = await monitoring(full, { region: "eu-west-1", stack: "prod" });
            const body = JSON.parse(rec.inputs(TYPE.dashboard).dashboardBody);
            const regions = body.widgets.map((w: any) => w.properties.region);
            assert.deepStrictEqual(regions, ["eu-west-1", "eu-west-1", "eu-west-1", "eu-west-1", "eu-west-1", "us-east-1"]);
            const cells = new Set<string>();
            for (const w of body.widgets) {
                const cell = `${w.x},${w.y}`;
                assert.ok(!cells.has(cell), `two widgets at ${cell}`);
                cells.add(cell);
            }
        });

        it("counts the metrics it graphs as CloudWatch bills them (math expressions are free), known before deployment", async () => {
            let component: Monitoring | undefined;
            const rec = await record(() => {
                component = new Monitoring("ops", full);
            });
            const body = JSON.parse(rec.inputs(TYPE.dashboard).dashboardBody);
            // latency 3, hit rate 2 (its expression is not a metric), errors 4, cache 4 x 2 nodes, invocations 1 + NAT 2, CDN 2
            assert.strictEqual(dashboardMetricCount(body), 22);
            assert.strictEqual(component!.dashboardMetrics, 22);
            assert.strictEqual(rec.one(TYPE.monitoring).outputs.dashboardMetrics, 22);
            const preview = await record(() => {
                const fn = new aws.cloudwatch.LogGroup("stand-in-for-the-function", {});
                component = new Monitoring("ops", { ...full, functionName: fn.id });
            }, { preview: true });
            assert.strictEqual(preview.inputs(TYPE.dashboard).dashboardBody, UNKNOWN);
            assert.strictEqual(component!.dashboardMetrics, 22, "the count needs no ids, so a preview knows it too");
        });

        it("stays within the free tier's 50 metrics up to 6 cache nodes with a CDN and 3 NAT gateways; the largest shape goes over", async () => {
            const shape = (nodes: number, nats: number) => dashboardMetricCount(dashboardBody({
                region: "us-east-1", functionName: "f", aliasName: "live", timeoutSeconds: 10, hitRateThreshold: 80, distributionId: "E1",
                cacheClusterIds: Array.from({ length: nodes }, (_, i) => `n${i}`), natGatewayIds: Array.from({ length: nats }, (_, i) => `nat-${i}`),
            }));
            assert.strictEqual(DASHBOARD_FREE_TIER_METRICS, 50);
            assert.strictEqual(shape(6, 3), 42);
            assert.ok(shape(MAX_CACHE_NODES, 6) > DASHBOARD_FREE_TIER_METRICS, "10 nodes and 6 NAT gateways make a billed dashboard");
            assert.strictEqual((await record(() => new Monitoring("ops", { ...base, dashboard: false }))).one(TYPE.monitoring).outputs.dashboardMetrics, undefined);
        });

        it("leaves out cache, NAT and CDN metrics that were not given", () => {
            const body = dashboardBody({ region: "us-east-1", functionName: "f", timeoutSeconds: 10, hitRateThreshold: 80, cacheClusterIds: [], natGatewayIds: [] });
            const titles = body.widgets.map((w: any) => w.properties.title);
            assert.deepStrictEqual(titles, ["API latency (ms)", "Cache hit rate (%)", "Errors", "Cost drivers: invocations and NAT bytes"]);
            assert.ok(!JSON.stringify(body).includes("AWS/ElastiCache"));
            assert.ok(!JSON.stringify(body).includes("AWS/CloudFront"));
        });
    });

    describe("validation", () => {
        const cases: [string, Partial<MonitoringArgs>, RegExp][] = [
            ["a zero timeout", { timeoutSeconds: 0 }, /"timeoutSeconds" is 0: it must be an integer between 1 and 900/],
            ["a duration percent below 50", { durationAlarmPercent: 40 }, /"durationAlarmPercent" is 40: it must be an integer between 50 and 100/],
            ["a hit rate above 100", { hitRateThreshold: 120 }, /"hitRateThreshold" is 120: it must be a number between 0 and 100/],
            ["a cache CPU of zero", { cacheCpuPercent: 0 }, /"cacheCpuPercent" is 0/],
            ["a cache memory above 100", { cacheMemoryPercent: 101 }, /"cacheMemoryPercent" is 101/],
            ["a CDN 5xx rate of zero", { cdn5xxRatePercent: 0 }, /"cdn5xxRatePercent" is 0: it must be a number above 0 and at most 100/],
            ["a fractional error threshold", { functionErrorsThreshold: 1.5 }, /"functionErrorsThreshold" is 1.5: it must be an integer/],
            ["both node ids and a replication group", { cacheClusterIds: ["a"], replicationGroupId: "rg", cacheNodeCount: 1 }, /"cacheClusterIds" is \["a"\]: it must be left unset when replicationGroupId is given \(pass one or the other\)/],
            ["a replication group without a node count", { replicationGroupId: "rg" }, /"cacheNodeCount" is not set: it must be an integer between 1 and 10/],
            ["more nodes than metric math takes", { cacheClusterIds: Array.from({ length: 11 }, (_, i) => `n${i}`) }, /"cacheClusterIds" .* at most 10 node ids/],
            ["a CDN alarm outside us-east-1 with no us-east-1 topic", { distributionId: "E1", region: "eu-west-1" }, /"edgeAlertsTopicArn" is not set: it must be an alerts topic in us-east-1 when the stack is in eu-west-1/],
            ["a missing topic", { alertsTopicArn: "" }, /"alertsTopicArn" is "": it must be the ARN of the alerts topic/],
        ];
        for (const [what, change, message] of cases) {
            it(`rejects ${what}, naming the field, and registers nothing`, async () => {
                const args = { ...base, ...change } as MonitoringArgs;
                assert.throws(() => validateMonitoringArgs("ops", args), message);
                await assertRejects(record(() => new Monitoring("ops", args)), message, /In "ops" Monitoring/);
                const rec = await record(() => {
                    assert.throws(() => new Monitoring("ops", args), message);
                });
                assert.deepStrictEqual(rec.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
            });
        }

        it("applies the documented defaults", () => {
            const s = validateMonitoringArgs("ops", base);
            assert.deepStrictEqual(
                [s.durationAlarmPercent, s.functionErrorsThreshold, s.functionThrottlesThreshold, s.cacheCpuPercent, s.cacheMemoryPercent,
                    s.cacheEvictionsThreshold, s.cacheConnectionsThreshold, s.hitRateThreshold, s.cdn5xxRatePercent, s.region, s.dashboard, s.edgeAlertsTopicArn],
                [80, 5, 1, 75, 80, 1000, 1000, 80, 5, "us-east-1", true, TOPIC],
            );
        });
    });
});

describe("Bulwark's prod dashboard", () => {
    it("graphs the billed bytes of every NAT gateway the network creates", async () => {
        const plan = await planStack({ stack: "prod" });
        const gateways = plan.run.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").map((r) => r.id);
        assert.ok(gateways.length >= 2, `prod has a NAT gateway per AZ, found ${gateways.length}`);
        const dashboard = plan.run.resources.find((r) => r.type === TYPE.dashboard)!;
        const body = JSON.parse(String((dashboard.inputs as { dashboardBody: unknown }).dashboardBody));
        const graphed = new Set(
            body.widgets
                .flatMap((w: { properties?: { metrics?: unknown[][] } }) => w.properties?.metrics ?? [])
                .filter((row: unknown[]) => row[0] === "AWS/NATGateway")
                .map((row: unknown[]) => row[3]),
        );
        assert.deepStrictEqual([...graphed].sort(), [...gateways].sort());
    });
});
