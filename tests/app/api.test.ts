import assert from "node:assert/strict";
import { ApiDependencies, routeRequest } from "../../app/api";
import { CacheAside, Origin } from "../../app/cache-aside";
import { RequestMetrics } from "../../app/emf";

function dependencies() {
    const touched: string[] = [];
    const origin: Origin = {
        async fetchItem(id) {
            touched.push(`origin:${id}`);
            return { kind: "found", body: JSON.stringify({ id }) };
        },
    };
    const items = new CacheAside({
        cache: {
            async get(key) {
                touched.push(`get:${key}`);
                return null;
            },
            async set(key) {
                touched.push(`set:${key}`);
            },
        },
        origin,
        keyPrefix: "item:",
        ttlSeconds: 60,
        ttlJitterRatio: 0,
        negativeTtlSeconds: 0,
    });
    const deps: ApiDependencies = { items, redisHealth: async () => ({ status: "down", error: "connect ECONNREFUSED", breaker: "open" }) };
    return { deps, touched };
}

describe("routeRequest", () => {
    for (const badId of ["", "a%2Fb", "a.b", "..", "x".repeat(129), "a b", "ключ", "a:b"]) {
        it(`rejects the id ${JSON.stringify(badId.length > 20 ? `${badId.slice(0, 8)}...(${badId.length})` : badId)} with 400 without touching cache or origin`, async () => {
            const { deps, touched } = dependencies();
            const response = await routeRequest("GET", `/items/${badId}`, deps, new RequestMetrics());
            assert.equal(response.statusCode, 400);
            assert.match(JSON.parse(response.body).error, /invalid item id/);
            assert.deepEqual(touched, []);
        });
    }

    it("serves a valid id through the cache and the origin with an x-cache header", async () => {
        const { deps, touched } = dependencies();
        const response = await routeRequest("GET", "/items/Ab_9-z", deps, new RequestMetrics());
        assert.deepEqual(response, { statusCode: 200, headers: { "content-type": "application/json", "x-cache": "MISS" }, body: '{"id":"Ab_9-z"}' });
        assert.deepEqual(touched, ["get:item:Ab_9-z", "origin:Ab_9-z", "set:item:Ab_9-z"]);
    });

    it("answers /healthz with 200 even when Redis is down", async () => {
        const { deps } = dependencies();
        const response = await routeRequest("GET", "/healthz", deps, new RequestMetrics());
        assert.equal(response.statusCode, 200);
        assert.deepEqual(JSON.parse(response.body), { status: "ok", redis: { status: "down", error: "connect ECONNREFUSED", breaker: "open" } });
    });

    it("answers 405 with Allow: GET for other methods and 404 for unknown paths", async () => {
        const { deps, touched } = dependencies();
        const post = await routeRequest("POST", "/items/a1", deps, new RequestMetrics());
        assert.equal(post.statusCode, 405);
        assert.equal(post.headers.allow, "GET");
        assert.equal((await routeRequest("GET", "/items/a1/extra", deps, new RequestMetrics())).statusCode, 404);
        assert.equal((await routeRequest("GET", "/", deps, new RequestMetrics())).statusCode, 404);
        assert.deepEqual(touched, []);
    });
});
