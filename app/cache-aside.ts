import { RequestMetrics } from "./emf";
import { SingleFlight } from "./single-flight";
import { ttlWithJitterMs } from "./ttl";

/** Any key-value store with expiry. Implementations throw on failure; cache-aside absorbs it. */
export interface Cache {
    get(key: string): Promise<string | null>;
    set(key: string, value: string, ttlMs: number): Promise<void>;
}

/** Thrown by a cache that chose not to try (circuit open), as opposed to one that failed. */
export class CacheBypassedError extends Error {
    constructor() {
        super("cache bypassed: circuit open");
        this.name = "CacheBypassedError";
    }
}

export type OriginResult = { kind: "found"; body: string } | { kind: "not-found" };

/** Origin failures carry the status the API should answer with (502 or 504). */
export class OriginError extends Error {
    constructor(
        message: string,
        readonly statusCode: 502 | 504,
    ) {
        super(message);
        this.name = "OriginError";
    }
}

export interface Origin {
    fetchItem(id: string): Promise<OriginResult>;
}

export interface CacheAsideOptions {
    cache: Cache;
    origin: Origin;
    keyPrefix: string;
    ttlSeconds: number;
    ttlJitterRatio: number;
    /** 0 disables caching of origin 404s. */
    negativeTtlSeconds: number;
    random?: () => number;
    now?: () => number;
}

export type CacheOutcome = "hit" | "miss";

export interface ItemResponse {
    statusCode: 200 | 404 | 502 | 504;
    /** JSON text: the origin's body for 200, an error object otherwise. */
    body: string;
    cache: CacheOutcome;
}

/*
 * Stored values carry a one-character tag so a remembered 404 and a found item share one
 * key, and a hit returns the origin's JSON text without parsing it again.
 */
const FOUND_TAG = "1";
const NOT_FOUND_TAG = "0";

const NOT_FOUND_BODY = JSON.stringify({ error: "item not found" });

export class CacheAside {
    private readonly flight = new SingleFlight<ItemResponse>();
    private readonly random: () => number;
    private readonly now: () => number;

    constructor(private readonly options: CacheAsideOptions) {
        this.random = options.random ?? Math.random;
        this.now = options.now ?? (() => performance.now());
    }

    async getItem(id: string, metrics: RequestMetrics): Promise<ItemResponse> {
        const key = this.options.keyPrefix + id;
        const cached = await this.readCache(key, metrics);
        if (cached !== undefined) {
            metrics.set("CacheHit", 1);
            metrics.set("CacheMiss", 0);
            return cached;
        }
        metrics.set("CacheHit", 0);
        metrics.set("CacheMiss", 1);
        // Only the first caller's closure runs, so origin latency and write errors are
        // counted once, on the request that actually went to the origin.
        const response = await this.flight.do(key, () => this.loadFromOrigin(id, key, metrics));
        return { ...response, cache: "miss" };
    }

    private async readCache(key: string, metrics: RequestMetrics): Promise<ItemResponse | undefined> {
        let stored: string | null;
        try {
            stored = await this.options.cache.get(key);
        } catch (error) {
            countCacheFailure(error, metrics);
            return undefined;
        }
        if (stored === null) return undefined;
        if (stored.startsWith(FOUND_TAG)) return { statusCode: 200, body: stored.slice(1), cache: "hit" };
        if (stored === NOT_FOUND_TAG) return { statusCode: 404, body: NOT_FOUND_BODY, cache: "hit" };
        // A value this code did not write (another app sharing the cluster, an old format):
        // treat it as a miss and let the origin's answer overwrite it.
        return undefined;
    }

    private async loadFromOrigin(id: string, key: string, metrics: RequestMetrics): Promise<ItemResponse> {
        const started = this.now();
        let result: OriginResult;
        try {
            result = await this.options.origin.fetchItem(id);
        } catch (error) {
            metrics.set("OriginLatency", this.now() - started);
            metrics.add("OriginError");
            // Origin failures are never cached: the next request tries the origin again.
            const statusCode = error instanceof OriginError ? error.statusCode : 502;
            return { statusCode, body: JSON.stringify({ error: "origin unavailable" }), cache: "miss" };
        }
        metrics.set("OriginLatency", this.now() - started);
        if (result.kind === "found") {
            await this.writeCache(key, FOUND_TAG + result.body, ttlWithJitterMs(this.options.ttlSeconds, this.options.ttlJitterRatio, this.random), metrics);
            return { statusCode: 200, body: result.body, cache: "miss" };
        }
        if (this.options.negativeTtlSeconds > 0) {
            await this.writeCache(key, NOT_FOUND_TAG, ttlWithJitterMs(this.options.negativeTtlSeconds, this.options.ttlJitterRatio, this.random), metrics);
        }
        return { statusCode: 404, body: NOT_FOUND_BODY, cache: "miss" };
    }

    /*
     * Awaited rather than fired and forgotten: Lambda freezes the process once the response
     * is returned, so a background write could land minutes later or never. The cache's own
     * command timeout bounds what this costs.
     */
    private async writeCache(key: string, value: string, ttlMs: number, metrics: RequestMetrics): Promise<void> {
        try {
            await this.options.cache.set(key, value, ttlMs);
        } catch (error) {
            countCacheFailure(error, metrics);
        }
    }
}

function countCacheFailure(error: unknown, metrics: RequestMetrics): void {
    metrics.add(error instanceof CacheBypassedError ? "CacheBypass" : "CacheError");
}
