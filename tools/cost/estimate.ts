/**
 * A monthly cost estimate from what a program registers, at the dated list prices in prices.json.
 * It reads the recorded resources generically (by type and inputs), never Bulwark's settings, so it
 * prices any program the plan runs. It is an estimate: free tiers, taxes, discounts and anything
 * priced only by usage that the usage model does not cover are left out, and the note says so.
 */
import { RecordedResource, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../engine/recorder";
import PRICES from "./prices.json";
import { Usage, withDefaults } from "./usage";

export type CostCategory = "network" | "cache" | "compute" | "edge" | "security" | "observability";

export const CATEGORIES: CostCategory[] = ["network", "cache", "compute", "edge", "security", "observability"];

export interface CostItem {
    urn: string;
    type: string;
    monthlyUsd: number;
    /** How the figure was reached: quantities and unit prices. */
    basis: string;
    category: CostCategory;
    /** Priced from the usage model (requests, GB) rather than from the resource's existence. */
    usageBased: boolean;
    /** false for items listed but not priced (usage-based services without a baseline, unknown sizes). */
    estimated: boolean;
}

export interface CostEstimate {
    monthlyUsd: number;
    /** What the stack costs with no traffic at all: the items that are not usage-based. */
    idleMonthlyUsd: number;
    items: CostItem[];
    /** The date of the list prices. */
    date: string;
    note: string;
    /** The usage the usage-based items assume. */
    usage: Usage;
}

export const PRICE_DATE = PRICES.date;
const HOURS = PRICES.hoursPerMonth;

/** Inputs with secrets unwrapped; unknowns stay the engine's sentinel string. */
function plain(value: unknown): any {
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (record[SPECIAL_SIG_KEY] === SECRET_SIG) return plain(record.value);
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

function known(value: unknown): boolean {
    return value !== undefined && value !== null && value !== UNKNOWN;
}

function numberOf(value: unknown): number | undefined {
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function money(usd: number): number {
    return Math.round(usd * 100) / 100;
}

/** A unit price as written in the price file: `$0.0042`, `$5`. */
function usd(price: number): string {
    return `$${Number(price.toPrecision(6))}`;
}

function count(n: number, noun: string, plural = `${noun}s`): string {
    return `${Number(n.toFixed(3))} ${n === 1 ? noun : plural}`;
}

class Items {
    readonly list: CostItem[] = [];
    add(resource: RecordedResource, category: CostCategory, monthlyUsd: number, basis: string, flags: { usageBased?: boolean; estimated?: boolean } = {}) {
        this.list.push({
            urn: resource.urn,
            type: resource.type,
            monthlyUsd: money(monthlyUsd),
            basis,
            category,
            usageBased: flags.usageBased ?? false,
            estimated: flags.estimated ?? true,
        });
    }
}

const T = {
    natGateway: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    instance: "aws:ec2/instance:Instance",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
    lambda: "aws:lambda/function:Function",
    distribution: "aws:cloudfront/distribution:Distribution",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    kmsKey: "aws:kms/key:Key",
    kmsReplicaKey: "aws:kms/replicaKey:ReplicaKey",
    secret: "aws:secretsmanager/secret:Secret",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    trail: "aws:cloudtrail/trail:Trail",
    guardDuty: "aws:guardduty/detector:Detector",
    securityHub: "aws:securityhub/account:Account",
    configRecorder: "aws:cfg/recorder:Recorder",
    configRule: "aws:cfg/rule:Rule",
} as const;

/**
 * Metrics a dashboard body graphs, as CloudWatch counts them for its free tier: each row of a widget's
 * `metrics` array, except rows that are metric-math expressions. Undefined when the body is unknown.
 */
export function dashboardMetricCount(body: unknown): number | undefined {
    let parsed: any;
    try {
        parsed = typeof body === "string" && body !== UNKNOWN ? JSON.parse(body) : undefined;
    } catch {
        return undefined;
    }
    if (!parsed || !Array.isArray(parsed.widgets)) return undefined;
    let metrics = 0;
    for (const widget of parsed.widgets) {
        const rows = widget?.properties?.metrics;
        if (!Array.isArray(rows)) continue;
        for (const row of rows) {
            const isExpression = Array.isArray(row) && row.some((part) => typeof part === "object" && part !== null && "expression" in part);
            if (!isExpression) metrics += 1;
        }
    }
    return metrics;
}

/** What AWS Config records: every AWS resource of the program is taken as one recorded resource. */
function recordedByConfig(resources: RecordedResource[]): RecordedResource[] {
    return resources.filter((r) => r.custom && r.type.startsWith("aws:") && !r.type.startsWith("pulumi:providers:"));
}

/** Engines a cache may run, as ElastiCache names them. */
function cacheEngine(props: any): "valkey" | "redis" {
    return props.engine === "valkey" ? "valkey" : "redis";
}

/** The Redis OSS hourly list price of a node type, Valkey being `valkeyDiscount` below it. */
function nodeHourly(nodeType: string, engine: "valkey" | "redis"): number | undefined {
    const redis = (PRICES.elasticache.redisOssHourly as Record<string, number>)[nodeType];
    if (redis === undefined) return undefined;
    return engine === "valkey" ? redis * (1 - PRICES.elasticache.valkeyDiscount) : redis;
}

function priceCacheNodes(items: Items, resource: RecordedResource, nodeType: unknown, nodes: number, engine: "valkey" | "redis") {
    if (typeof nodeType !== "string" || nodeType === UNKNOWN) {
        items.add(resource, "cache", 0, "cache nodes of a node type unknown until deployment: not estimated", { estimated: false });
        return;
    }
    const hourly = nodeHourly(nodeType, engine);
    if (hourly === undefined) {
        items.add(resource, "cache", 0, `${nodeType} has no list price in tools/cost/prices.json: add it to estimate this cache`, { estimated: false });
        return;
    }
    const discount = engine === "valkey" ? ` (Redis OSS less ${PRICES.elasticache.valkeyDiscount * 100}%)` : "";
    items.add(resource, "cache", nodes * HOURS * hourly, `ElastiCache ${engine} ${nodes} × ${nodeType}: ${nodes} × ${HOURS} h × ${usd(hourly)}${discount}`);
}

/** Nodes of a replication group: numCacheClusters, or shards × (1 + replicas) in cluster mode. */
function replicationGroupNodes(props: any): number {
    const clusters = numberOf(props.numCacheClusters);
    if (clusters !== undefined) return clusters;
    const shards = numberOf(props.numNodeGroups);
    if (shards !== undefined) return shards * (1 + (numberOf(props.replicasPerNodeGroup) ?? 0));
    return 1;
}

/** Subnets (one per AZ) an interface endpoint puts a network interface in. */
function endpointAzs(resource: RecordedResource, props: any): number {
    if (Array.isArray(props.subnetIds)) return props.subnetIds.length;
    return resource.propertyDependencies.subnetIds?.length ?? 0;
}

function serviceOf(serviceName: unknown): string {
    return typeof serviceName === "string" && serviceName !== UNKNOWN ? serviceName.split(".").slice(3).join(".") || serviceName : "unknown service";
}

function memoryOf(functions: RecordedResource[]): number {
    const recorded = functions.map((f) => numberOf(plain(f.inputs).memorySize)).find((m) => m !== undefined);
    return recorded ?? 128;
}

/** `region`, when given and not the price list's, is named in the note: the figures stay us-east-1's. */
export function estimateCost(resources: RecordedResource[], overrides: Partial<Usage> = {}, region?: string): CostEstimate {
    const items = new Items();
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const functions = ofType(T.lambda);
    const usage: Usage = withDefaults(overrides);
    const natGb = overrides.natGb ?? usage.gbOut;
    usage.memoryMb = overrides.memoryMb ?? memoryOf(functions);
    usage.natGb = natGb;
    const perMillion = (n: number) => n / 1_000_000;

    // Network: managed NAT by the hour plus its per-GB processing, NAT instances, public IPv4, endpoints.
    const gateways = ofType(T.natGateway);
    for (const gateway of gateways) {
        items.add(gateway, "network", HOURS * PRICES.natGateway.hourly, `NAT gateway: ${HOURS} h × ${usd(PRICES.natGateway.hourly)}`);
        const share = natGb / gateways.length;
        items.add(gateway, "network", share * PRICES.natGateway.perGbProcessed, `NAT processing: ${Number(share.toFixed(3))} GB × ${usd(PRICES.natGateway.perGbProcessed)}/GB (natGb ${natGb} split over ${gateways.length})`, { usageBased: true });
    }
    for (const instance of ofType(T.instance)) {
        const props = plain(instance.inputs);
        const role = props.sourceDestCheck === false ? "NAT instance" : "instance";
        const rootGb = numberOf(props.rootBlockDevice?.volumeSize) ?? PRICES.ec2.defaultRootVolumeGb;
        const volume = rootGb * PRICES.ec2.gp3PerGbMonth;
        const hourly = (PRICES.ec2.hourly as Record<string, number>)[props.instanceType];
        if (hourly === undefined) {
            items.add(instance, "network", volume, `EC2 ${props.instanceType ?? "instance"} (${role}) has no list price in tools/cost/prices.json: only its ${rootGb} GB gp3 root volume is counted`, { estimated: false });
            continue;
        }
        items.add(instance, "network", HOURS * hourly + volume, `EC2 ${props.instanceType} (${role}): ${HOURS} h × ${usd(hourly)} + ${rootGb} GB gp3 root volume × ${usd(PRICES.ec2.gp3PerGbMonth)}`);
    }
    for (const eip of ofType(T.eip)) {
        items.add(eip, "network", HOURS * PRICES.publicIpv4.hourly, `public IPv4 address: ${HOURS} h × ${usd(PRICES.publicIpv4.hourly)}`);
    }
    for (const endpoint of ofType(T.vpcEndpoint)) {
        const props = plain(endpoint.inputs);
        const kind = props.vpcEndpointType ?? "Gateway";
        if (kind === "Gateway") continue; // Gateway endpoints (S3, DynamoDB) are free.
        const azs = endpointAzs(endpoint, props);
        items.add(endpoint, "network", azs * HOURS * PRICES.interfaceEndpoint.hourlyPerAz, `${kind.toLowerCase()} endpoint ${serviceOf(props.serviceName)} in ${count(azs, "AZ")}: ${azs} × ${HOURS} h × ${usd(PRICES.interfaceEndpoint.hourlyPerAz)} (per-GB fee not estimated)`);
    }

    // Cache: nodes by type and count, or the serverless floor plus ECPUs.
    for (const group of ofType(T.replicationGroup)) {
        const props = plain(group.inputs);
        priceCacheNodes(items, group, props.nodeType, replicationGroupNodes(props), cacheEngine(props));
    }
    for (const cluster of ofType(T.cacheCluster)) {
        const props = plain(cluster.inputs);
        if (known(props.replicationGroupId)) continue; // A member of a replication group, priced there.
        priceCacheNodes(items, cluster, props.nodeType, numberOf(props.numCacheNodes) ?? 1, cacheEngine(props));
    }
    for (const cache of ofType(T.serverlessCache)) {
        const engine = cacheEngine(plain(cache.inputs));
        const rates = PRICES.elasticache.serverless[engine];
        items.add(cache, "cache", rates.minimumGb * HOURS * rates.perGbHour, `ElastiCache Serverless ${engine} floor: ${rates.minimumGb} GB minimum × ${HOURS} h × ${usd(rates.perGbHour)}/GB-hour`);
        const ecpus = usage.requests * PRICES.assumptions.ecpuPerRequest;
        items.add(cache, "cache", perMillion(ecpus) * rates.perMillionEcpu, `ECPUs: ${perMillion(ecpus)} M (${PRICES.assumptions.ecpuPerRequest} a request) × ${usd(rates.perMillionEcpu)}/M`, { usageBased: true });
    }

    // Compute: every function is assumed to serve every request (an upper bound behind a caching CDN).
    for (const fn of functions) {
        const props = plain(fn.inputs);
        const arch: "arm64" | "x86_64" = Array.isArray(props.architectures) && props.architectures[0] === "arm64" ? "arm64" : "x86_64";
        const memoryMb = overrides.memoryMb ?? numberOf(props.memorySize) ?? 128;
        const gbSeconds = usage.requests * (usage.durationMs / 1000) * (memoryMb / 1024);
        const rate = PRICES.lambda.perGbSecond[arch];
        items.add(fn, "compute", perMillion(usage.requests) * PRICES.lambda.perMillionRequests, `Lambda requests: ${perMillion(usage.requests)} M × ${usd(PRICES.lambda.perMillionRequests)}/M (free tier not applied)`, { usageBased: true });
        items.add(fn, "compute", gbSeconds * rate, `Lambda ${arch} compute: ${usage.requests} × ${usage.durationMs} ms × ${memoryMb} MB = ${Number(gbSeconds.toFixed(1))} GB-s × ${usd(rate)} (free tier not applied)`, { usageBased: true });
    }

    // Edge: CloudFront traffic, WAF ACLs with their rules, and WAF request inspection.
    for (const distribution of ofType(T.distribution)) {
        items.add(distribution, "edge", usage.gbOut * PRICES.cloudfront.perGbOut, `CloudFront data out: ${usage.gbOut} GB × ${usd(PRICES.cloudfront.perGbOut)}/GB (free tier not applied)`, { usageBased: true });
        items.add(distribution, "edge", (usage.requests / 10_000) * PRICES.cloudfront.per10kHttpsRequests, `CloudFront HTTPS requests: ${usage.requests} / 10,000 × ${usd(PRICES.cloudfront.per10kHttpsRequests)}`, { usageBased: true });
    }
    for (const acl of ofType(T.webAcl)) {
        const props = plain(acl.inputs);
        const rules = Array.isArray(props.rules) ? props.rules.length : 0;
        items.add(acl, "edge", PRICES.waf.webAclMonthly + rules * PRICES.waf.ruleMonthly, `WAF web ACL ${usd(PRICES.waf.webAclMonthly)} + ${count(rules, "rule or rule group", "rules or rule groups")} × ${usd(PRICES.waf.ruleMonthly)}`);
        items.add(acl, "edge", perMillion(usage.requests) * PRICES.waf.perMillionRequests, `WAF requests: ${perMillion(usage.requests)} M × ${usd(PRICES.waf.perMillionRequests)}/M`, { usageBased: true });
    }

    // Security: keys, secrets, the trail's first copy, and the usage-only account services.
    for (const key of [...ofType(T.kmsKey), ...ofType(T.kmsReplicaKey)]) {
        items.add(key, "security", PRICES.kms.keyMonthly, `KMS key: ${usd(PRICES.kms.keyMonthly)} a month (each yearly rotation adds ${usd(PRICES.kms.keyMonthly)} for its first two years; requests not estimated)`);
    }
    for (const secret of ofType(T.secret)) {
        items.add(secret, "security", PRICES.secretsManager.secretMonthly, `Secrets Manager secret: ${usd(PRICES.secretsManager.secretMonthly)} a month (API calls not estimated)`);
    }
    for (const trail of ofType(T.trail)) {
        items.add(trail, "security", PRICES.cloudtrail.firstManagementCopyMonthly, "CloudTrail: the first copy of management events is free (data events, if any, not estimated)");
    }
    for (const detector of ofType(T.guardDuty)) {
        items.add(detector, "security", 0, "GuardDuty: usage-based (events and log volume analysed), not estimated; 30-day free trial", { estimated: false });
    }
    for (const hub of ofType(T.securityHub)) {
        items.add(hub, "security", 0, "Security Hub: usage-based (security checks and finding ingestions), not estimated", { estimated: false });
    }
    // AWS Config: configuration items for whatever the recorder records, rule evaluations per rule.
    const recorded = recordedByConfig(resources).length;
    const itemsPerMonth = recorded * PRICES.assumptions.configItemsPerResourceMonthly;
    for (const recorder of ofType(T.configRecorder)) {
        const props = plain(recorder.inputs);
        const frequency: "CONTINUOUS" | "DAILY" = props.recordingMode?.recordingFrequency === "DAILY" ? "DAILY" : "CONTINUOUS";
        const rate = PRICES.config.perConfigurationItem[frequency];
        items.add(
            recorder, "security", itemsPerMonth * rate,
            `AWS Config: ${count(itemsPerMonth, "configuration item")} a month (${recorded} AWS resources in the program × ${PRICES.assumptions.configItemsPerResourceMonthly}, an idle assumption; resources outside the program not counted) × ${usd(rate)} (${frequency.toLowerCase()} recording); Security Hub's own Config rules are billed as its security checks`,
        );
    }
    for (const rule of ofType(T.configRule)) {
        items.add(rule, "security", itemsPerMonth * PRICES.config.perRuleEvaluation, `AWS Config rule: ${count(itemsPerMonth, "evaluation")} a month (one per configuration item) × ${usd(PRICES.config.perRuleEvaluation)}`);
    }

    // Observability: alarms, dashboards, and a small assumed log ingestion per log group.
    for (const alarm of ofType(T.alarm)) {
        items.add(alarm, "observability", PRICES.cloudwatch.alarmMonthly, `CloudWatch alarm: ${usd(PRICES.cloudwatch.alarmMonthly)} a month (metric-math alarms counted as one)`);
    }
    // AWS bills dashboards beyond an account's first 3 of up to 50 metrics: the program's first 3 small
    // ones are free unless the account already has others, which the report says.
    let freeDashboards = 0;
    for (const dashboard of ofType(T.dashboard)) {
        const metrics = dashboardMetricCount(plain(dashboard.inputs).dashboardBody);
        const small = metrics !== undefined && metrics <= PRICES.cloudwatch.dashboardFreeMetrics;
        const monthly = usd(PRICES.cloudwatch.dashboardMonthly);
        if (small && freeDashboards < PRICES.cloudwatch.dashboardFreePerAccount) {
            freeDashboards += 1;
            items.add(dashboard, "observability", 0, `CloudWatch dashboard of ${count(metrics, "metric")}: free as one of an account's first ${PRICES.cloudwatch.dashboardFreePerAccount} dashboards of up to ${PRICES.cloudwatch.dashboardFreeMetrics} metrics; not free (${monthly} a month) if the account already has ${PRICES.cloudwatch.dashboardFreePerAccount} others`);
        } else {
            const why = small ? `beyond the account's first ${PRICES.cloudwatch.dashboardFreePerAccount} free dashboards` : metrics === undefined ? "its metric count is unknown until deployment" : `${metrics} metrics, more than the free tier's ${PRICES.cloudwatch.dashboardFreeMetrics}`;
            items.add(dashboard, "observability", PRICES.cloudwatch.dashboardMonthly, `CloudWatch dashboard: ${monthly} a month (${why})`);
        }
    }
    for (const group of ofType(T.logGroup)) {
        const gb = PRICES.assumptions.logGbIngestedPerGroupMonthly;
        items.add(group, "observability", gb * PRICES.cloudwatch.logsPerGbIngested, `CloudWatch Logs: assumed ${gb} GB ingested a month × ${usd(PRICES.cloudwatch.logsPerGbIngested)}/GB (storage not estimated)`);
    }

    const total = items.list.reduce((sum, item) => sum + item.monthlyUsd, 0);
    const idle = items.list.filter((item) => !item.usageBased).reduce((sum, item) => sum + item.monthlyUsd, 0);
    return {
        monthlyUsd: money(total),
        idleMonthlyUsd: money(idle),
        items: items.list,
        date: PRICES.date,
        note: costNote(usage, region),
        usage,
    };
}

export function costNote(usage: Usage, region?: string): string {
    const elsewhere = region && region !== PRICES.region ? ` (the stack is in ${region}; its prices differ)` : "";
    return (
        `estimate from list prices (${PRICES.region}${elsewhere}, ${PRICES.basis}) dated ${PRICES.date}; ` +
        `usage assumed: ${usage.requests} requests, ${usage.durationMs} ms at ${usage.memoryMb} MB, ${usage.gbOut} GB out, ${usage.natGb} GB through NAT gateways a month; ` +
        "free tiers not applied; items marked not estimated are usage-based and left out of the total"
    );
}

/** Totals per category, in CATEGORIES order. */
export function byCategory(estimate: CostEstimate): Record<CostCategory, number> {
    const totals = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;
    for (const item of estimate.items) totals[item.category] += item.monthlyUsd;
    for (const category of CATEGORIES) totals[category] = money(totals[category]);
    return totals;
}
