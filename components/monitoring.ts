import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { argError } from "../stacks/errors";

const COMPONENT = "Monitoring";

/** The app's EMF metrics (app/emf.ts): renaming any of these there silently breaks the hit-rate alarm. */
export const APP_METRICS = { namespace: "Bulwark/Api", hit: "CacheHit", miss: "CacheMiss", originError: "OriginError", cacheError: "CacheError" } as const;

/** CloudFront publishes its metrics only in us-east-1, under the dimension Region=Global. */
export const CLOUDFRONT_METRICS_REGION = "us-east-1";

/** An alarm that math can spread over at most this many metrics; it bounds the nodes one alarm watches. */
export const MAX_CACHE_NODES = 10;

const PERIOD_SECONDS = 300;

export interface MonitoringArgs {
    /**
     * Where every alarm sends ALARM and OK notifications (the Baseline's alerts topic).
     * @example security.alertsTopicArn
     */
    alertsTopicArn: pulumi.Input<string>;
    /**
     * The API function's name (Lambda metrics and the app's EMF metrics use it as FunctionName).
     * @example api.functionName
     */
    functionName: pulumi.Input<string>;
    /**
     * Watch this alias only (Lambda's Resource dimension `<function>:<alias>`); the app's own metrics are per function.
     * @default undefined (the whole function)
     * @example "live"
     */
    aliasName?: pulumi.Input<string>;
    /**
     * The function's timeout, from which the duration alarm's threshold is derived.
     * @example 10
     */
    timeoutSeconds: number;
    /**
     * Alarm when p99 duration exceeds this percent (50 to 100) of the timeout.
     * @default 80
     * @example 70
     */
    durationAlarmPercent?: number;
    /**
     * Alarm when the function reports at least this many errors in 5 minutes.
     * @default 5
     * @example 1
     */
    functionErrorsThreshold?: number;
    /**
     * Alarm when the function is throttled at least this many times in 5 minutes.
     * @default 1
     * @example 10
     */
    functionThrottlesThreshold?: number;
    /**
     * The cache's node ids (ElastiCache metrics are per node, dimension CacheClusterId). Give these, or
     * replicationGroupId with cacheNodeCount; with neither there are no cache alarms.
     * @default []
     * @example ["bulwark-prod-cache-001", "bulwark-prod-cache-002"]
     */
    cacheClusterIds?: pulumi.Input<string>[];
    /**
     * The replication group whose member nodes (`<id>-001`, `<id>-002`, ... as ElastiCache names them) are watched.
     * @default undefined
     * @example cache.replicationGroupId
     */
    replicationGroupId?: pulumi.Input<string>;
    /**
     * How many nodes the replication group has (primary plus replicas), 1 to 10; 0 (or unset) without a group.
     * @default undefined
     * @example 2
     */
    cacheNodeCount?: number;
    /**
     * Alarm when the busiest node's engine CPU percent exceeds this (1 to 100).
     * @default 75
     * @example 90
     */
    cacheCpuPercent?: number;
    /**
     * Alarm when the fullest node's memory use percent exceeds this (1 to 100).
     * @default 80
     * @example 90
     */
    cacheMemoryPercent?: number;
    /**
     * Alarm when the nodes evict at least this many keys in 5 minutes (an allkeys-lru cache that is too small).
     * @default 1000
     * @example 100
     */
    cacheEvictionsThreshold?: number;
    /**
     * Alarm when a node holds more than this many client connections (connection leaks, runaway concurrency).
     * @default 1000
     * @example 5000
     */
    cacheConnectionsThreshold?: number;
    /**
     * Alarm when the cache hit rate (percent, 0 to 100) from the app's CacheHit/CacheMiss metrics falls below this.
     * @default 80
     * @example 90
     */
    hitRateThreshold?: number;
    /**
     * The CloudFront distribution to watch; with none there is no CDN alarm.
     * @default undefined
     * @example cdn.distributionId
     */
    distributionId?: pulumi.Input<string>;
    /**
     * Alarm when the distribution's 5xx error rate percent exceeds this (above 0, up to 100).
     * @default 5
     * @example 1
     */
    cdn5xxRatePercent?: number;
    /**
     * The stack's region. The CDN alarm must live in us-east-1 with CloudFront's metrics, and an alarm
     * notifies topics in its own region, so outside us-east-1 it needs `edgeAlertsTopicArn`.
     * @default "us-east-1"
     * @example "eu-west-1"
     */
    region?: string;
    /**
     * An alerts topic in us-east-1 for the CDN alarm, when the stack lives elsewhere.
     * @default alertsTopicArn
     * @example edgeSecurity.alertsTopicArn
     */
    edgeAlertsTopicArn?: pulumi.Input<string>;
    /**
     * NAT gateways whose processed bytes the dashboard shows (they bill per GB).
     * @default []
     * @example network.natGatewayIds
     */
    natGatewayIds?: pulumi.Input<string>[];
    /**
     * Create the CloudWatch dashboard. AWS bills $3 a month per dashboard, except an account's first 3
     * dashboards of up to 50 metrics each (see `dashboardMetrics`).
     * @default true
     * @example false
     */
    dashboard?: boolean;
}

export interface NormalizedMonitoringArgs {
    alertsTopicArn: pulumi.Input<string>;
    functionName: pulumi.Input<string>;
    aliasName: pulumi.Input<string> | undefined;
    timeoutSeconds: number;
    durationAlarmPercent: number;
    functionErrorsThreshold: number;
    functionThrottlesThreshold: number;
    cacheClusterIds: pulumi.Input<string>[];
    cacheCpuPercent: number;
    cacheMemoryPercent: number;
    cacheEvictionsThreshold: number;
    cacheConnectionsThreshold: number;
    hitRateThreshold: number;
    distributionId: pulumi.Input<string> | undefined;
    cdn5xxRatePercent: number;
    region: string;
    edgeAlertsTopicArn: pulumi.Input<string>;
    natGatewayIds: pulumi.Input<string>[];
    dashboard: boolean;
}

function checkNumber(name: string, field: string, value: unknown, min: number, max: number, integer: boolean, minExclusive = false): void {
    const ok =
        typeof value === "number" && Number.isFinite(value) && (!integer || Number.isInteger(value)) &&
        (minExclusive ? value > min : value >= min) && value <= max;
    if (!ok) {
        const kind = integer ? "an integer" : "a number";
        const range = minExclusive ? `above ${min} and at most ${max}` : `between ${min} and ${max}`;
        throw argError(COMPONENT, name, field, value, `${kind} ${range}`);
    }
}

/** A list as the reader passed it, or its length when it holds outputs that have no value yet. */
function shown(ids: unknown): unknown {
    return Array.isArray(ids) && !ids.every((id) => typeof id === "string") ? `${ids.length} node ids` : ids;
}

/** ElastiCache names a replication group's nodes `<group>-001`, `<group>-002`, ... */
export function replicationGroupMembers(replicationGroupId: pulumi.Input<string>, nodeCount: number): pulumi.Output<string>[] {
    return Array.from({ length: nodeCount }, (_, i) => pulumi.interpolate`${replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
}

/** Applies the defaults and checks every argument; throws a ConfigError naming the first bad one. */
export function validateMonitoringArgs(name: string, args: MonitoringArgs): NormalizedMonitoringArgs {
    if (args.alertsTopicArn === undefined || args.alertsTopicArn === "") {
        throw argError(COMPONENT, name, "alertsTopicArn", args.alertsTopicArn, "the ARN of the alerts topic (the Baseline's alertsTopicArn)");
    }
    if (args.functionName === undefined || args.functionName === "") {
        throw argError(COMPONENT, name, "functionName", args.functionName, "the API function's name");
    }
    checkNumber(name, "timeoutSeconds", args.timeoutSeconds, 1, 900, true);
    if (args.cacheClusterIds !== undefined && args.replicationGroupId !== undefined) {
        throw argError(COMPONENT, name, "cacheClusterIds", shown(args.cacheClusterIds), "left unset when replicationGroupId is given (pass one or the other)");
    }
    let cacheClusterIds = args.cacheClusterIds ?? [];
    if (args.replicationGroupId !== undefined) {
        checkNumber(name, "cacheNodeCount", args.cacheNodeCount, 1, MAX_CACHE_NODES, true);
        cacheClusterIds = replicationGroupMembers(args.replicationGroupId, args.cacheNodeCount!);
    } else if (args.cacheNodeCount !== undefined && args.cacheNodeCount !== 0) {
        // 0 is how a caller says "no nodes" (a serverless cache, which has no per-node metrics).
        throw argError(COMPONENT, name, "cacheNodeCount", args.cacheNodeCount, "0 or unset unless replicationGroupId is given");
    }
    if (!Array.isArray(cacheClusterIds) || cacheClusterIds.length > MAX_CACHE_NODES) {
        throw argError(COMPONENT, name, "cacheClusterIds", shown(cacheClusterIds), `a list of at most ${MAX_CACHE_NODES} node ids (an alarm's metric math takes at most ${MAX_CACHE_NODES} metrics)`);
    }
    const region = args.region ?? CLOUDFRONT_METRICS_REGION;
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        throw argError(COMPONENT, name, "region", region, "an AWS region such as eu-west-1");
    }
    if (args.distributionId !== undefined && region !== CLOUDFRONT_METRICS_REGION && args.edgeAlertsTopicArn === undefined) {
        throw argError(COMPONENT, name, "edgeAlertsTopicArn", undefined,
            `an alerts topic in ${CLOUDFRONT_METRICS_REGION} when the stack is in ${region}: the CDN alarm lives in ${CLOUDFRONT_METRICS_REGION} with CloudFront's metrics and can only notify a topic there`);
    }
    const normalized: NormalizedMonitoringArgs = {
        alertsTopicArn: args.alertsTopicArn,
        functionName: args.functionName,
        aliasName: args.aliasName,
        timeoutSeconds: args.timeoutSeconds,
        durationAlarmPercent: args.durationAlarmPercent ?? 80,
        functionErrorsThreshold: args.functionErrorsThreshold ?? 5,
        functionThrottlesThreshold: args.functionThrottlesThreshold ?? 1,
        cacheClusterIds,
        cacheCpuPercent: args.cacheCpuPercent ?? 75,
        cacheMemoryPercent: args.cacheMemoryPercent ?? 80,
        cacheEvictionsThreshold: args.cacheEvictionsThreshold ?? 1000,
        cacheConnectionsThreshold: args.cacheConnectionsThreshold ?? 1000,
        hitRateThreshold: args.hitRateThreshold ?? 80,
        distributionId: args.distributionId,
        cdn5xxRatePercent: args.cdn5xxRatePercent ?? 5,
        region,
        edgeAlertsTopicArn: args.edgeAlertsTopicArn ?? args.alertsTopicArn,
        natGatewayIds: args.natGatewayIds ?? [],
        dashboard: args.dashboard ?? true,
    };
    checkNumber(name, "durationAlarmPercent", normalized.durationAlarmPercent, 50, 100, true);
    checkNumber(name, "functionErrorsThreshold", normalized.functionErrorsThreshold, 1, 1_000_000, true);
    checkNumber(name, "functionThrottlesThreshold", normalized.functionThrottlesThreshold, 1, 1_000_000, true);
    checkNumber(name, "cacheCpuPercent", normalized.cacheCpuPercent, 1, 100, false);
    checkNumber(name, "cacheMemoryPercent", normalized.cacheMemoryPercent, 1, 100, false);
    checkNumber(name, "cacheEvictionsThreshold", normalized.cacheEvictionsThreshold, 1, 1_000_000_000, true);
    checkNumber(name, "cacheConnectionsThreshold", normalized.cacheConnectionsThreshold, 1, 65_000, true);
    checkNumber(name, "hitRateThreshold", normalized.hitRateThreshold, 0, 100, false);
    checkNumber(name, "cdn5xxRatePercent", normalized.cdn5xxRatePercent, 0, 100, false, true);
    if (typeof normalized.dashboard !== "boolean") {
        throw argError(COMPONENT, name, "dashboard", normalized.dashboard, "true or false");
    }
    return normalized;
}

type Dimensions = Record<string, pulumi.Input<string>>;

interface AlarmSpec {
    description: string;
    comparisonOperator: string;
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm?: number;
    treatMissingData: string;
    metric?: { namespace: string; metricName: string; dimensions: Dimensions; statistic?: string; extendedStatistic?: string };
    metricQueries?: aws.types.input.cloudwatch.MetricAlarmMetricQuery[];
}

/**
 * Alarms on what breaks the API (function errors, throttles and slowness, cache pressure, CDN 5xx,
 * a falling hit rate), each notifying the alerts topic on ALARM and on OK, and one dashboard.
 */
export class Monitoring extends pulumi.ComponentResource {
    /** Alarm names by purpose (function-errors, cache-cpu, ...), for composite alarms and runbooks. */
    readonly alarmNames: Record<string, pulumi.Output<string>>;
    readonly dashboardName: pulumi.Output<string> | undefined;
    /**
     * How many metrics the dashboard graphs (metric-math expressions excluded), known before deployment.
     * At most DASHBOARD_FREE_TIER_METRICS, it is one of the account's three free dashboards if the account
     * has no more than two others; above, it costs $3 a month whatever the account holds.
     */
    readonly dashboardMetrics: number | undefined;

    private readonly componentName: string;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(), so bad arguments register nothing, not even an empty component.
        const settings = validateMonitoringArgs(name, args);
        super("bulwark:ops:Monitoring", name, {}, opts);
        this.componentName = name;

        const alarms: Record<string, aws.cloudwatch.MetricAlarm> = {
            ...this.createFunctionAlarms(settings),
            ...this.createHitRateAlarm(settings),
            ...this.createCacheAlarms(settings),
            ...this.createCdnAlarm(settings),
        };
        const dashboard = settings.dashboard ? this.createDashboard(settings) : undefined;

        this.alarmNames = Object.fromEntries(Object.entries(alarms).map(([purpose, alarm]) => [purpose, alarm.name]));
        this.dashboardName = dashboard?.dashboardName;
        this.dashboardMetrics = settings.dashboard ? dashboardMetricCount(dashboardBody(dashboardShape(settings))) : undefined;
        if (this.dashboardMetrics !== undefined && this.dashboardMetrics > DASHBOARD_FREE_TIER_METRICS) {
            pulumi.log.warn(
                `"${name}" Monitoring: the dashboard graphs ${this.dashboardMetrics} metrics, more than the ${DASHBOARD_FREE_TIER_METRICS} ` +
                    "of CloudWatch's free dashboards, so it costs $3 a month. Set dashboard: false to drop it.",
                this,
            );
        }
        this.registerOutputs({ alarmNames: this.alarmNames, dashboardName: this.dashboardName, dashboardMetrics: this.dashboardMetrics });
    }

    private alarm(purpose: string, spec: AlarmSpec, topicArn: pulumi.Input<string>, region?: string): aws.cloudwatch.MetricAlarm {
        const { metric, ...rest } = spec;
        return new aws.cloudwatch.MetricAlarm(`${this.componentName}-${purpose}`, {
            alarmDescription: spec.description,
            ...rest,
            ...(metric ? { ...metric, period: PERIOD_SECONDS } : {}),
            alarmActions: [topicArn],
            okActions: [topicArn],
            region,
        }, { parent: this });
    }

    private createFunctionAlarms(s: NormalizedMonitoringArgs): Record<string, aws.cloudwatch.MetricAlarm> {
        const dimensions = functionDimensions(s);
        const lambda = (metricName: string) => ({ namespace: "AWS/Lambda", metricName, dimensions });
        const durationThresholdMs = Math.round((s.timeoutSeconds * 1000 * s.durationAlarmPercent) / 100);
        return {
            "function-errors": this.alarm("function-errors", {
                description: `The API function reported ${s.functionErrorsThreshold} or more errors in 5 minutes.`,
                metric: { ...lambda("Errors"), statistic: "Sum" },
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: s.functionErrorsThreshold,
                evaluationPeriods: 1,
                treatMissingData: "notBreaching",
            }, s.alertsTopicArn),
            "function-throttles": this.alarm("function-throttles", {
                description: `The API function was throttled ${s.functionThrottlesThreshold} or more times in 5 minutes: raise reserved concurrency or the account limit.`,
                metric: { ...lambda("Throttles"), statistic: "Sum" },
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: s.functionThrottlesThreshold,
                evaluationPeriods: 1,
                treatMissingData: "notBreaching",
            }, s.alertsTopicArn),
            "function-duration": this.alarm("function-duration", {
                description: `p99 duration is above ${s.durationAlarmPercent}% of the ${s.timeoutSeconds} s timeout (${durationThresholdMs} ms): requests are close to timing out.`,
                metric: { ...lambda("Duration"), extendedStatistic: "p99" },
                comparisonOperator: "GreaterThanThreshold",
                threshold: durationThresholdMs,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                treatMissingData: "notBreaching",
            }, s.alertsTopicArn),
        };
    }

    private createHitRateAlarm(s: NormalizedMonitoringArgs): Record<string, aws.cloudwatch.MetricAlarm> {
        const appMetric = (id: string, metricName: string): aws.types.input.cloudwatch.MetricAlarmMetricQuery => ({
            id,
            returnData: false,
            metric: { namespace: APP_METRICS.namespace, metricName, dimensions: { FunctionName: s.functionName }, stat: "Sum", period: PERIOD_SECONDS },
        });
        return {
            "cache-hit-rate": this.alarm("cache-hit-rate", {
                description: `The API's cache hit rate fell below ${s.hitRateThreshold}%: the origin is taking load the cache should absorb.`,
                metricQueries: [
                    appMetric("hit", APP_METRICS.hit),
                    appMetric("miss", APP_METRICS.miss),
                    // With no traffic the division has no value, the period is missing and the alarm stays quiet.
                    { id: "hitRate", expression: "100 * hit / (hit + miss)", label: "Cache hit rate (%)", returnData: true },
                ],
                comparisonOperator: "LessThanThreshold",
                threshold: s.hitRateThreshold,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                treatMissingData: "notBreaching",
            }, s.alertsTopicArn),
        };
    }

    private createCacheAlarms(s: NormalizedMonitoringArgs): Record<string, aws.cloudwatch.MetricAlarm> {
        if (s.cacheClusterIds.length === 0) return {};
        // One alarm per signal across all nodes (metric math): one notification per problem, not one per node.
        // CloudWatch bills each metric in the expression as an alarm metric, so this costs what per-node alarms would.
        const acrossNodes = (metricName: string, stat: string, combine: "MAX" | "SUM", label: string) => [
            ...s.cacheClusterIds.map((clusterId, i): aws.types.input.cloudwatch.MetricAlarmMetricQuery => ({
                id: `node${i}`,
                returnData: false,
                metric: { namespace: "AWS/ElastiCache", metricName, dimensions: { CacheClusterId: clusterId }, stat, period: PERIOD_SECONDS },
            })),
            {
                id: "worst",
                expression: `${combine}([${s.cacheClusterIds.map((_, i) => `node${i}`).join(", ")}])`,
                label,
                returnData: true,
            },
        ];
        const sustained = { evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: "missing" };
        return {
            "cache-cpu": this.alarm("cache-cpu", {
                description: `A cache node's engine CPU is above ${s.cacheCpuPercent}%: Redis is single-threaded, so latency follows.`,
                metricQueries: acrossNodes("EngineCPUUtilization", "Average", "MAX", "Busiest node engine CPU (%)"),
                comparisonOperator: "GreaterThanThreshold",
                threshold: s.cacheCpuPercent,
                ...sustained,
            }, s.alertsTopicArn),
            "cache-memory": this.alarm("cache-memory", {
                description: `A cache node uses more than ${s.cacheMemoryPercent}% of its memory: evictions are next.`,
                metricQueries: acrossNodes("DatabaseMemoryUsagePercentage", "Average", "MAX", "Fullest node memory (%)"),
                comparisonOperator: "GreaterThanThreshold",
                threshold: s.cacheMemoryPercent,
                ...sustained,
            }, s.alertsTopicArn),
            "cache-evictions": this.alarm("cache-evictions", {
                description: `The cache evicted ${s.cacheEvictionsThreshold} or more keys in 5 minutes: it is too small for the working set.`,
                metricQueries: acrossNodes("Evictions", "Sum", "SUM", "Evictions (all nodes)"),
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: s.cacheEvictionsThreshold,
                ...sustained,
            }, s.alertsTopicArn),
            "cache-connections": this.alarm("cache-connections", {
                description: `A cache node holds more than ${s.cacheConnectionsThreshold} client connections: look for leaked connections or runaway concurrency.`,
                metricQueries: acrossNodes("CurrConnections", "Maximum", "MAX", "Most connections on a node"),
                comparisonOperator: "GreaterThanThreshold",
                threshold: s.cacheConnectionsThreshold,
                ...sustained,
            }, s.alertsTopicArn),
        };
    }

    private createCdnAlarm(s: NormalizedMonitoringArgs): Record<string, aws.cloudwatch.MetricAlarm> {
        if (s.distributionId === undefined) return {};
        return {
            "cdn-5xx-rate": this.alarm("cdn-5xx-rate", {
                description: `More than ${s.cdn5xxRatePercent}% of CDN responses are 5xx errors.`,
                metric: {
                    namespace: "AWS/CloudFront",
                    metricName: "5xxErrorRate",
                    dimensions: { DistributionId: s.distributionId, Region: "Global" },
                    statistic: "Average",
                },
                comparisonOperator: "GreaterThanThreshold",
                threshold: s.cdn5xxRatePercent,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                treatMissingData: "notBreaching",
            }, s.edgeAlertsTopicArn, CLOUDFRONT_METRICS_REGION),
        };
    }

    private createDashboard(s: NormalizedMonitoringArgs): aws.cloudwatch.Dashboard {
        const name = this.componentName;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const body = pulumi
            .all([region, s.functionName, s.aliasName, pulumi.all(s.cacheClusterIds), s.distributionId, pulumi.all(s.natGatewayIds)])
            .apply(([region, functionName, aliasName, cacheClusterIds, distributionId, natGatewayIds]) => JSON.stringify(dashboardBody({
                region, functionName, aliasName, cacheClusterIds, distributionId, natGatewayIds,
                timeoutSeconds: s.timeoutSeconds,
                hitRateThreshold: s.hitRateThreshold,
            })));
        return new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
            dashboardName: `${pulumi.getProject()}-${pulumi.getStack()}-${name}`,
            dashboardBody: body,
        }, { parent: this });
    }
}

function functionDimensions(s: { functionName: pulumi.Input<string>; aliasName?: pulumi.Input<string> }): Dimensions {
    if (s.aliasName === undefined) return { FunctionName: s.functionName };
    return { FunctionName: s.functionName, Resource: pulumi.interpolate`${s.functionName}:${s.aliasName}` };
}

/** CloudWatch's free tier: 3 dashboards a month per account, each of up to 50 metrics. */
export const DASHBOARD_FREE_TIER_METRICS = 50;
export const FREE_DASHBOARDS_PER_ACCOUNT = 3;

/** The dashboard's layout with placeholder ids: its metric count depends only on how many ids there are. */
function dashboardShape(s: NormalizedMonitoringArgs): DashboardInputs {
    return {
        region: s.region,
        functionName: "function",
        aliasName: s.aliasName === undefined ? undefined : "alias",
        timeoutSeconds: s.timeoutSeconds,
        hitRateThreshold: s.hitRateThreshold,
        cacheClusterIds: s.cacheClusterIds.map((_, i) => `node-${i}`),
        distributionId: s.distributionId === undefined ? undefined : "distribution",
        natGatewayIds: s.natGatewayIds.map((_, i) => `nat-${i}`),
    };
}

/** Metrics a dashboard body graphs, as CloudWatch counts them for pricing: metric rows, not math expressions. */
export function dashboardMetricCount(body: { widgets: Record<string, unknown>[] }): number {
    return body.widgets
        .flatMap((widget) => ((widget.properties as { metrics?: MetricRow[] } | undefined)?.metrics ?? []))
        .filter((row) => !row.some((part) => typeof part === "object" && part !== null && "expression" in part))
        .length;
}

export interface DashboardInputs {
    region: string;
    functionName: string;
    aliasName?: string;
    timeoutSeconds: number;
    hitRateThreshold: number;
    cacheClusterIds: string[];
    distributionId?: string;
    natGatewayIds: string[];
}

type MetricRow = (string | Record<string, unknown>)[];

/** The dashboard's JSON body (CloudWatch dashboard body structure), a pure function of resolved ids. */
export function dashboardBody(d: DashboardInputs): { widgets: Record<string, unknown>[] } {
    const fn: string[] = d.aliasName ? ["FunctionName", d.functionName, "Resource", `${d.functionName}:${d.aliasName}`] : ["FunctionName", d.functionName];
    const widgets: Record<string, unknown>[] = [];
    const place = (title: string, metrics: MetricRow[], extra: Record<string, unknown> = {}) => {
        const index = widgets.length;
        widgets.push({
            type: "metric",
            x: (index % 2) * 12,
            y: Math.floor(index / 2) * 6,
            width: 12,
            height: 6,
            properties: { title, region: d.region, view: "timeSeries", period: PERIOD_SECONDS, metrics, ...extra },
        });
    };

    place("API latency (ms)", ["p50", "p95", "p99"].map((stat) => ["AWS/Lambda", "Duration", ...fn, { stat, label: stat }]), {
        annotations: { horizontal: [{ label: "timeout", value: d.timeoutSeconds * 1000 }] },
    });
    place("Cache hit rate (%)", [
        [{ expression: "100 * hit / (hit + miss)", label: "hit rate", id: "rate" }],
        [APP_METRICS.namespace, APP_METRICS.hit, "FunctionName", d.functionName, { id: "hit", stat: "Sum", visible: false }],
        [APP_METRICS.namespace, APP_METRICS.miss, "FunctionName", d.functionName, { id: "miss", stat: "Sum", visible: false }],
    ], { yAxis: { left: { min: 0, max: 100 } }, annotations: { horizontal: [{ label: "alarm", value: d.hitRateThreshold }] } });
    place("Errors", [
        ["AWS/Lambda", "Errors", ...fn, { stat: "Sum" }],
        ["AWS/Lambda", "Throttles", ...fn, { stat: "Sum" }],
        [APP_METRICS.namespace, APP_METRICS.originError, "FunctionName", d.functionName, { stat: "Sum" }],
        [APP_METRICS.namespace, APP_METRICS.cacheError, "FunctionName", d.functionName, { stat: "Sum" }],
    ]);
    if (d.cacheClusterIds.length > 0) {
        place("Cache health", d.cacheClusterIds.flatMap((id): MetricRow[] => [
            ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", id, { stat: "Average" }],
            ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", id, { stat: "Average" }],
            ["AWS/ElastiCache", "Evictions", "CacheClusterId", id, { stat: "Sum", yAxis: "right" }],
            ["AWS/ElastiCache", "CurrConnections", "CacheClusterId", id, { stat: "Maximum", yAxis: "right" }],
        ]));
    }
    place("Cost drivers: invocations and NAT bytes", [
        ["AWS/Lambda", "Invocations", ...fn, { stat: "Sum" }],
        ...d.natGatewayIds.flatMap((id): MetricRow[] => [
            ["AWS/NATGateway", "BytesOutToDestination", "NatGatewayId", id, { stat: "Sum", yAxis: "right" }],
            ["AWS/NATGateway", "BytesInFromDestination", "NatGatewayId", id, { stat: "Sum", yAxis: "right" }],
        ]),
    ]);
    if (d.distributionId) {
        // A widget reads one region's metrics; CloudFront's are in us-east-1 whatever the stack's region.
        place("CDN requests and 5xx rate", [
            ["AWS/CloudFront", "Requests", "DistributionId", d.distributionId, "Region", "Global", { stat: "Sum" }],
            ["AWS/CloudFront", "5xxErrorRate", "DistributionId", d.distributionId, "Region", "Global", { stat: "Average", yAxis: "right" }],
        ], { region: CLOUDFRONT_METRICS_REGION });
    }
    return { widgets };
}
