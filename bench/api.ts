/**
 * API cache benchmark (`npm run bench:api`): measures, side by side in one run against a
 * real redis-server on 127.0.0.1 (plaintext on both sides) and a local HTTP origin,
 *
 *   1. a cache hit through the handler's path vs a raw GET on the same client (goal: p99 within 2x),
 *   2. a miss through the handler's path vs the origin alone (goal: under 2 ms added at p50),
 *   3. the hit rate of a Zipf(s=1.0) workload over 10,000 keys (goal: at least 90%).
 *
 * Every loop has a fixed number of iterations; redis-server is killed on exit, even on error.
 */
import { ApiDependencies, RedisHealth, routeRequest } from "../app/api";
import { CacheAside } from "../app/cache-aside";
import { CircuitBreaker } from "../app/circuit-breaker";
import { parseConfig } from "../app/config";
import { RequestMetrics, formatEmfLine } from "../app/emf";
import { GuardedCache } from "../app/guarded-cache";
import { HttpOrigin } from "../app/http-origin";
import { RedisCache, createRedisClient, waitUntilReady } from "../app/redis-cache";
import { TestOrigin } from "../tests/app/helpers/origin";
import { RedisServer } from "../tests/app/helpers/redis-server";

const WARMUP = 2_000;
const HIT_SAMPLES = 20_000;
const MISS_SAMPLES = 3_000;
const ZIPF_KEYS = 10_000;
const ZIPF_REQUESTS = 200_000;
const ZIPF_CONCURRENCY = 32;

interface Percentiles {
    p50: number;
    p95: number;
    p99: number;
}

function percentiles(samples: number[]): Percentiles {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function row(label: string, p: Percentiles): string {
    const ms = (value: number) => `${value.toFixed(3).padStart(8)} ms`;
    return `  ${label.padEnd(34)} p50 ${ms(p.p50)}   p95 ${ms(p.p95)}   p99 ${ms(p.p99)}`;
}

function verdict(pass: boolean, text: string): string {
    return `${pass ? "PASS" : "MISS"}  ${text}`;
}

/** Deterministic PRNG so runs draw the same Zipf sequence. */
function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

/** Sampler of ranks 0..n-1 with P(rank k) proportional to 1/(k+1)^s. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
    const cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) cdf[k] = total += 1 / Math.pow(k + 1, s);
    return () => {
        const target = random() * total;
        let low = 0;
        let high = n - 1;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (cdf[mid] < target) low = mid + 1;
            else high = mid;
        }
        return low;
    };
}

async function main(): Promise<void> {
    const redisServer = await RedisServer.start();
    const originServer = await TestOrigin.start(0);
    const config = parseConfig({ UPSTREAM_URL: originServer.url, REDIS_HOST: "127.0.0.1", REDIS_PORT: String(redisServer.port), REDIS_TLS: "false" });
    const client = createRedisClient(config.redis, undefined);
    const origin = new HttpOrigin({ baseUrl: config.upstreamUrl, timeoutMs: config.originTimeoutMs });
    try {
        if (!(await waitUntilReady(client, 2000))) throw new Error("could not connect to the benchmark redis-server");
        const redis = new RedisCache(client);
        const breaker = new CircuitBreaker({ failureThreshold: config.redis.breakerFailureThreshold, cooldownMs: config.redis.breakerCooldownMs });
        const items = new CacheAside({ cache: new GuardedCache(redis, breaker), origin, ...config.cache });
        const dependencies: ApiDependencies = { items, redisHealth: async (): Promise<RedisHealth> => ({ status: "up", breaker: breaker.state }) };
        let emfBytes = 0;
        /** Everything the Lambda handler does per request except adapting the event. */
        const throughHandlerPath = async (path: string): Promise<{ statusCode: number; metrics: RequestMetrics }> => {
            const metrics = new RequestMetrics();
            const response = await routeRequest("GET", path, dependencies, metrics);
            emfBytes += formatEmfLine(metrics, { functionName: "bench", timestampMs: Date.now() })?.length ?? 0;
            return { statusCode: response.statusCode, metrics };
        };

        console.log(`Bulwark API cache benchmark: redis-server ${redisServer.port} and origin on 127.0.0.1, node ${process.version}\n`);

        // 1. Hit vs raw GET, interleaved so both see the same machine state.
        await throughHandlerPath("/items/hot");
        const hotKey = `${config.cache.keyPrefix}hot`;
        for (let i = 0; i < WARMUP; i++) {
            await throughHandlerPath("/items/hot");
            await client.get(hotKey);
        }
        const hitSamples: number[] = [];
        const rawSamples: number[] = [];
        for (let i = 0; i < HIT_SAMPLES; i++) {
            let started = performance.now();
            const hit = await throughHandlerPath("/items/hot");
            hitSamples.push(performance.now() - started);
            if (hit.metrics.values.CacheHit !== 1) throw new Error("expected a cache hit on the hot key");
            started = performance.now();
            await client.get(hotKey);
            rawSamples.push(performance.now() - started);
        }
        const hit = percentiles(hitSamples);
        const raw = percentiles(rawSamples);
        const hitRatio = hit.p99 / raw.p99;
        console.log(`Cache hit vs raw GET (${HIT_SAMPLES} each, sequential):`);
        console.log(row("hit through handler path", hit));
        console.log(row("raw GET, same ioredis client", raw));
        console.log(`  ratio p50 ${(hit.p50 / raw.p50).toFixed(2)}x   p95 ${(hit.p95 / raw.p95).toFixed(2)}x   p99 ${hitRatio.toFixed(2)}x\n`);

        // 2. Miss vs origin alone: every miss uses a fresh id; the origin is called with fresh ids too.
        for (let i = 0; i < WARMUP / 4; i++) {
            await throughHandlerPath(`/items/warm-${i}`);
            await origin.fetchItem(`warm-origin-${i}`);
        }
        const missSamples: number[] = [];
        const originSamples: number[] = [];
        for (let i = 0; i < MISS_SAMPLES; i++) {
            let started = performance.now();
            const miss = await throughHandlerPath(`/items/miss-${i}`);
            missSamples.push(performance.now() - started);
            if (miss.metrics.values.CacheMiss !== 1 || miss.statusCode !== 200) throw new Error("expected a served cache miss");
            started = performance.now();
            await origin.fetchItem(`origin-${i}`);
            originSamples.push(performance.now() - started);
        }
        const miss = percentiles(missSamples);
        const originAlone = percentiles(originSamples);
        const addedP50 = miss.p50 - originAlone.p50;
        console.log(`Cache miss vs origin alone (${MISS_SAMPLES} each, sequential, origin answers at once):`);
        console.log(row("miss through handler path", miss));
        console.log(row("origin alone (same HTTP client)", originAlone));
        console.log(`  added p50 ${addedP50.toFixed(3)} ms   p95 ${(miss.p95 - originAlone.p95).toFixed(3)} ms   p99 ${(miss.p99 - originAlone.p99).toFixed(3)} ms\n`);

        // 3. Zipf hit rate on a cold cache big enough for every key (no eviction, TTL 300 s).
        await client.flushdb();
        const nextRank = zipfSampler(ZIPF_KEYS, 1.0, mulberry32(20_240_601));
        let hits = 0;
        let misses = 0;
        let cacheFailures = 0;
        let issued = 0;
        const originCallsBefore = originServer.totalCalls;
        const zipfStarted = performance.now();
        const worker = async () => {
            while (issued < ZIPF_REQUESTS) {
                issued += 1;
                const { metrics } = await throughHandlerPath(`/items/k${nextRank()}`);
                hits += metrics.values.CacheHit ?? 0;
                misses += metrics.values.CacheMiss ?? 0;
                cacheFailures += (metrics.values.CacheError ?? 0) + (metrics.values.CacheBypass ?? 0);
            }
        };
        await Promise.all(Array.from({ length: ZIPF_CONCURRENCY }, worker));
        const hitRate = hits / (hits + misses);
        const zipfSeconds = (performance.now() - zipfStarted) / 1000;
        console.log(`Zipf(s=1.0) over ${ZIPF_KEYS} keys, ${ZIPF_REQUESTS} requests, ${ZIPF_CONCURRENCY} in flight, cold cache:`);
        console.log(`  hits ${hits}   misses ${misses}   origin calls ${originServer.totalCalls - originCallsBefore} (single flight)   hit rate ${(hitRate * 100).toFixed(2)}%`);
        // Timeouts under CPU contention turn would-be hits into misses; shown so a low rate can be read correctly.
        console.log(`  Redis timeouts/bypasses ${cacheFailures}   ${(ZIPF_REQUESTS / zipfSeconds).toFixed(0)} req/s\n`);

        console.log(verdict(hitRatio <= 2, `cache hit p99 is ${hitRatio.toFixed(2)}x a raw GET (goal: within 2x)`));
        console.log(verdict(addedP50 < 2, `a miss adds ${addedP50.toFixed(3)} ms at p50 over the origin alone (goal: under 2 ms)`));
        console.log(verdict(hitRate >= 0.9, `Zipf hit rate ${(hitRate * 100).toFixed(2)}% (goal: at least 90%)`));
        if (emfBytes === 0) throw new Error("no EMF lines were formatted");
    } finally {
        client.disconnect();
        origin.close();
        await originServer.stop();
        await redisServer.stop();
    }
}

main().catch((error: Error) => {
    console.error(`bench:api failed: ${error.message}`);
    process.exitCode = 1;
});
