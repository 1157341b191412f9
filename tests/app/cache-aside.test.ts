import assert from "node:assert/strict";
import { Cache, CacheAside, CacheBypassedError, Origin, OriginError, OriginResult } from "../../app/cache-aside";
import { RequestMetrics } from "../../app/emf";

/** An in-memory cache that records every write and can be told to fail. */
class FakeCache implements Cache {
    readonly store = new Map<string, string>();
    readonly writes: Array<{ key: string; value: string; ttlMs: number }> = [];
    failWith: Error | undefined;

    async get(key: string): Promise<string | null> {
        if (this.failWith) throw this.failWith;
        return this.store.get(key) ?? null;
    }

    async set(key: string, value: string, ttlMs: number): Promise<void> {
        if (this.failWith) throw this.failWith;
        this.writes.push({ key, value, ttlMs });
        this.store.set(key, value);
    }
}

class FakeOrigin implements Origin {
    calls = 0;
    constructor(public answer: () => Promise<OriginResult>) {}
    fetchItem(): Promise<OriginResult> {
        this.calls += 1;
        return this.answer();
    }
}

const found = (body: string) => async (): Promise<OriginResult> => ({ kind: "found", body });

function setup(answer: () => Promise<OriginResult>, negativeTtlSeconds = 10) {
    const cache = new FakeCache();
    const origin = new FakeOrigin(answer);
    let clock = 0;
    const items = new CacheAside({
        cache,
        origin,
        keyPrefix: "item:",
        ttlSeconds: 300,
        ttlJitterRatio: 0.1,
        negativeTtlSeconds,
        random: () => 0.5,
        now: () => (clock += 7),
    });
    return { cache, origin, items };
}

describe("CacheAside", () => {
    it("on a miss fetches the origin, stores the body with the jittered TTL and counts a miss", async () => {
        const { cache, origin, items } = setup(found('{"id":"a1"}'));
        const metrics = new RequestMetrics();
        const response = await items.getItem("a1", metrics);
        assert.deepEqual(response, { statusCode: 200, body: '{"id":"a1"}', cache: "miss" });
        assert.equal(origin.calls, 1);
        assert.deepEqual(cache.writes, [{ key: "item:a1", value: '1{"id":"a1"}', ttlMs: 315_000 }]);
        assert.deepEqual(metrics.values, { CacheHit: 0, CacheMiss: 1, OriginLatency: 7 });
    });

    it("on a hit answers from the cache without calling the origin", async () => {
        const { origin, items } = setup(found('{"id":"a1"}'));
        await items.getItem("a1", new RequestMetrics());
        const metrics = new RequestMetrics();
        const response = await items.getItem("a1", metrics);
        assert.deepEqual(response, { statusCode: 200, body: '{"id":"a1"}', cache: "hit" });
        assert.equal(origin.calls, 1);
        assert.deepEqual(metrics.values, { CacheHit: 1, CacheMiss: 0 });
    });

    it("makes one origin call for concurrent misses of one key, and counts origin latency once", async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const { origin, items } = setup(async () => {
            await gate;
            return { kind: "found", body: '{"id":"hot"}' };
        });
        const metrics = Array.from({ length: 25 }, () => new RequestMetrics());
        const pending = metrics.map((m) => items.getItem("hot", m));
        release();
        const responses = await Promise.all(pending);
        assert.equal(origin.calls, 1);
        assert.ok(responses.every((r) => r.statusCode === 200 && r.body === '{"id":"hot"}'));
        assert.equal(metrics.filter((m) => m.values.OriginLatency !== undefined).length, 1);
        assert.ok(metrics.every((m) => m.values.CacheMiss === 1));
    });

    it("remembers an origin 404 for the negative TTL", async () => {
        const { cache, origin, items } = setup(async () => ({ kind: "not-found" }));
        const first = await items.getItem("gone", new RequestMetrics());
        const second = await items.getItem("gone", new RequestMetrics());
        assert.equal(first.statusCode, 404);
        assert.deepEqual(second, { statusCode: 404, body: '{"error":"item not found"}', cache: "hit" });
        assert.equal(origin.calls, 1);
        assert.deepEqual(cache.writes, [{ key: "item:gone", value: "0", ttlMs: 10_500 }]);
    });

    it("does not cache 404s when the negative TTL is 0", async () => {
        const { cache, origin, items } = setup(async () => ({ kind: "not-found" }), 0);
        await items.getItem("gone", new RequestMetrics());
        await items.getItem("gone", new RequestMetrics());
        assert.equal(origin.calls, 2);
        assert.equal(cache.writes.length, 0);
    });

    it("never caches an origin failure and answers with its status", async () => {
        const { cache, origin, items } = setup(async () => {
            throw new OriginError("timed out", 504);
        });
        const metrics = new RequestMetrics();
        const response = await items.getItem("slow", metrics);
        assert.deepEqual(response, { statusCode: 504, body: '{"error":"origin unavailable"}', cache: "miss" });
        await items.getItem("slow", new RequestMetrics());
        assert.equal(origin.calls, 2);
        assert.equal(cache.writes.length, 0);
        assert.equal(metrics.values.OriginError, 1);
    });

    it("answers 502 for an unexpected origin exception", async () => {
        const { items } = setup(async () => {
            throw new TypeError("socket hang up");
        });
        assert.equal((await items.getItem("x", new RequestMetrics())).statusCode, 502);
    });

    it("serves from the origin when the cache fails, counting CacheError for the read and the write", async () => {
        const { cache, origin, items } = setup(found('{"id":"a1"}'));
        cache.failWith = new Error("Command timed out");
        const metrics = new RequestMetrics();
        const response = await items.getItem("a1", metrics);
        assert.deepEqual(response, { statusCode: 200, body: '{"id":"a1"}', cache: "miss" });
        assert.equal(origin.calls, 1);
        assert.deepEqual(metrics.values, { CacheError: 2, CacheHit: 0, CacheMiss: 1, OriginLatency: 7 });
    });

    it("counts a bypassed cache as CacheBypass, not CacheError", async () => {
        const { cache, items } = setup(found("{}"));
        cache.failWith = new CacheBypassedError();
        const metrics = new RequestMetrics();
        await items.getItem("a1", metrics);
        assert.equal(metrics.values.CacheBypass, 2);
        assert.equal(metrics.values.CacheError, undefined);
    });

    it("treats a value it did not write as a miss and overwrites it", async () => {
        const { cache, origin, items } = setup(found('{"fresh":true}'));
        cache.store.set("item:a1", "legacy-format");
        const response = await items.getItem("a1", new RequestMetrics());
        assert.equal(response.body, '{"fresh":true}');
        assert.equal(origin.calls, 1);
        assert.equal(cache.store.get("item:a1"), '1{"fresh":true}');
    });
});
