import assert from "node:assert/strict";
import { ApiDependencies, routeRequest } from "../../app/api";
import { CacheAside, Origin } from "../../app/cache-aside";
import { RequestMetrics } from "../../app/emf";
import { API_METHODS } from "../../app/http-contract";

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

    it("answers 405 with Allow: GET, HEAD, OPTIONS for write methods and 404 for unknown paths", async () => {
        const { deps, touched } = dependencies();
        for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
            const response = await routeRequest(method, "/items/a1", deps, new RequestMetrics());
            assert.equal(response.statusCode, 405, method);
            assert.equal(response.headers.allow, "GET, HEAD, OPTIONS");
        }
        assert.equal((await routeRequest("GET", "/items/a1/extra", deps, new RequestMetrics())).statusCode, 404);
        assert.equal((await routeRequest("GET", "/", deps, new RequestMetrics())).statusCode, 404);
        assert.deepEqual(touched, []);
    });

    it("answers HEAD with GET's status and headers and an empty body, on every route", async () => {
        for (const path of ["/items/Ab_9-z", "/healthz", "/items/a.b", "/nowhere"]) {
            const get = await routeRequest("GET", path, dependencies().deps, new RequestMetrics());
            const head = await routeRequest("HEAD", path, dependencies().deps, new RequestMetrics());
            assert.ok(get.body.length > 0, path);
            assert.deepEqual(head, { ...get, body: "" }, path);
        }
    });

    it("answers OPTIONS with 204 and the Allow list on known routes, without touching cache or origin", async () => {
        const { deps, touched } = dependencies();
        for (const path of ["/items/a1", "/healthz"]) {
            assert.deepEqual(await routeRequest("OPTIONS", path, deps, new RequestMetrics()), { statusCode: 204, headers: { allow: "GET, HEAD, OPTIONS" }, body: "" });
        }
        assert.equal((await routeRequest("OPTIONS", "/nowhere", deps, new RequestMetrics())).statusCode, 404);
        assert.deepEqual(touched, []);
    });
});

describe("the HTTP contract shared with the CDN", () => {
    it("allows exactly the methods the router answers without 405", async () => {
        const answered: string[] = [];
        for (const method of ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]) {
            const response = await routeRequest(method, "/healthz", dependencies().deps, new RequestMetrics());
            if (response.statusCode !== 405) answered.push(method);
        }
        assert.deepEqual(answered, [...API_METHODS]);
    });
});
