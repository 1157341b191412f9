import assert from "node:assert/strict";
import { METRICS_NAMESPACE, RequestMetrics, formatEmfLine } from "../../app/emf";

describe("EMF formatting", () => {
    it("publishes each recorded metric under Bulwark/Api with the FunctionName dimension", () => {
        const metrics = new RequestMetrics();
        metrics.set("CacheHit", 0);
        metrics.set("CacheMiss", 1);
        metrics.set("OriginLatency", 12.5);
        metrics.add("CacheError");
        metrics.add("CacheError");
        metrics.property("itemId", "abc");
        const line = formatEmfLine(metrics, { functionName: "bulwark-dev-api", timestampMs: 1_700_000_000_000 });
        assert.ok(line && !line.includes("\n"), "one line per document");
        assert.deepEqual(JSON.parse(line), {
            itemId: "abc",
            _aws: {
                Timestamp: 1_700_000_000_000,
                CloudWatchMetrics: [
                    {
                        Namespace: "Bulwark/Api",
                        Dimensions: [["FunctionName"]],
                        Metrics: [
                            { Name: "CacheError", Unit: "Count" },
                            { Name: "CacheHit", Unit: "Count" },
                            { Name: "CacheMiss", Unit: "Count" },
                            { Name: "OriginLatency", Unit: "Milliseconds" },
                        ],
                    },
                ],
            },
            FunctionName: "bulwark-dev-api",
            CacheError: 2,
            CacheHit: 0,
            CacheMiss: 1,
            OriginLatency: 12.5,
        });
        assert.equal(METRICS_NAMESPACE, "Bulwark/Api");
    });

    it("emits nothing for a request that recorded no metric", () => {
        const metrics = new RequestMetrics();
        metrics.property("itemId", "abc");
        assert.equal(formatEmfLine(metrics, { functionName: "f", timestampMs: 0 }), undefined);
    });

    it("does not let a property shadow the metric values or the metadata", () => {
        const metrics = new RequestMetrics();
        metrics.set("CacheHit", 1);
        metrics.property("CacheHit", "spoofed");
        metrics.property("_aws", "spoofed");
        const document = JSON.parse(formatEmfLine(metrics, { functionName: "f", timestampMs: 0 })!);
        assert.equal(document.CacheHit, 1);
        assert.equal(document._aws.CloudWatchMetrics[0].Namespace, "Bulwark/Api");
    });
});
