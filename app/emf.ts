/**
 * CloudWatch embedded metric format (EMF): one JSON log line per request that CloudWatch
 * Logs turns into metrics, so the function needs no PutMetricData permission or call.
 *
 * Alarms elsewhere depend on these names: namespace "Bulwark/Api", dimension FunctionName,
 * metrics CacheHit and CacheMiss. Renaming any of them silently breaks those alarms.
 */
export const METRICS_NAMESPACE = "Bulwark/Api";

export const METRIC_UNITS = {
    CacheHit: "Count",
    CacheMiss: "Count",
    OriginLatency: "Milliseconds",
    OriginError: "Count",
    CacheError: "Count",
    CacheBypass: "Count",
} as const;

export type MetricName = keyof typeof METRIC_UNITS;

/** Metrics of one request, plus a few plain properties that help when reading the log. */
export class RequestMetrics {
    readonly values: Partial<Record<MetricName, number>> = {};
    readonly properties: Record<string, string | number> = {};

    add(name: MetricName, amount = 1): void {
        this.values[name] = (this.values[name] ?? 0) + amount;
    }

    set(name: MetricName, value: number): void {
        this.values[name] = value;
    }

    property(name: string, value: string | number): void {
        this.properties[name] = value;
    }

    get isEmpty(): boolean {
        return Object.keys(this.values).length === 0;
    }
}

export interface EmfContext {
    functionName: string;
    timestampMs: number;
}

/** Formats one EMF document; returns undefined when there is nothing to publish. */
export function formatEmfLine(metrics: RequestMetrics, context: EmfContext): string | undefined {
    const names = (Object.keys(metrics.values) as MetricName[]).sort();
    if (names.length === 0) return undefined;
    const document: Record<string, unknown> = {
        ...metrics.properties,
        _aws: {
            Timestamp: context.timestampMs,
            CloudWatchMetrics: [
                {
                    Namespace: METRICS_NAMESPACE,
                    Dimensions: [["FunctionName"]],
                    Metrics: names.map((name) => ({ Name: name, Unit: METRIC_UNITS[name] })),
                },
            ],
        },
        FunctionName: context.functionName,
    };
    for (const name of names) document[name] = metrics.values[name];
    return JSON.stringify(document);
}
