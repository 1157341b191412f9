import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import Redis from "ioredis";
import { ApiResponse } from "../../app/api";
import { ApiRuntime } from "../../app/runtime";
import { TestOrigin } from "./helpers/origin";
import { RedisServer, assertRedisServerInstalled } from "./helpers/redis-server";
import { TestCertificates, makeTestCertificates } from "./helpers/tls";

/*
 * The app against a real redis-server with TLS (only a TLS port, certificate checked with
 * SNI) and AUTH, and a real HTTP origin that takes ORIGIN_DELAY_MS per call.
 *
 * Latency bound when Redis misbehaves: a request pays at most one GET and one SET timeout
 * before the breaker opens, so it may take up to 2 x command timeout + margin longer than
 * the origin alone. The margin covers scheduling noise on a loaded 2-core CI machine.
 */
const ORIGIN_DELAY_MS = 20;
const COMMAND_TIMEOUT_MS = 50;
const CONNECT_TIMEOUT_MS = 100;
const EXTRA_LATENCY_BOUND_MS = 2 * COMMAND_TIMEOUT_MS + 60;
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:bulwark-redis-auth-AbCdEf";

interface Timed extends ApiResponse {
    ms: number;
}

interface Harness {
    runtime: ApiRuntime;
    logs: string[];
    secretReads: string[];
    get(path: string): Promise<Timed>;
    emf(): Array<Record<string, number>>;
}

function uniqueId(label: string): string {
    return `${label}-${randomBytes(4).toString("hex")}`;
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("app cache-aside against a real redis-server (TLS + AUTH)", function () {
    this.timeout(30_000);
    const password = randomBytes(24).toString("base64url");
    let certs: TestCertificates | undefined;
    let origin: TestOrigin | undefined;
    const servers: RedisServer[] = [];
    const runtimes: ApiRuntime[] = [];

    before(async () => {
        assertRedisServerInstalled();
        certs = makeTestCertificates();
        origin = await TestOrigin.start(ORIGIN_DELAY_MS);
    });

    after(async () => {
        await Promise.all(runtimes.map((runtime) => runtime.close()));
        await Promise.all(servers.map((server) => server.stop()));
        await origin?.stop();
        certs?.remove();
    });

    async function startRedis(): Promise<RedisServer> {
        const server = await RedisServer.start({ password, tls: certs });
        servers.push(server);
        return server;
    }

    async function harness(server: RedisServer, env: Record<string, string> = {}, secret = JSON.stringify({ token: password })): Promise<Harness> {
        const logs: string[] = [];
        const secretReads: string[] = [];
        const runtime = new ApiRuntime({
            env: {
                UPSTREAM_URL: origin!.url,
                REDIS_HOST: "127.0.0.1",
                REDIS_PORT: String(server.port),
                REDIS_TLS: "true",
                REDIS_TLS_SERVERNAME: certs!.serverName,
                REDIS_TLS_CA_FILE: certs!.caFile,
                REDIS_AUTH_SECRET_ARN: SECRET_ARN,
                REDIS_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
                REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS),
                REDIS_SOCKET_TIMEOUT_MS: "300",
                REDIS_RECONNECT_MAX_DELAY_MS: "100",
                REDIS_BREAKER_COOLDOWN_MS: "200",
                CACHE_KEY_PREFIX: `${uniqueId("test")}:`,
                ...env,
            },
            fetchSecret: async (arn) => {
                secretReads.push(arn);
                return secret;
            },
            log: (line) => logs.push(line),
        });
        runtimes.push(runtime);
        const get = async (path: string): Promise<Timed> => {
            const started = performance.now();
            const response = await runtime.handle("GET", path);
            return { ...response, ms: performance.now() - started };
        };
        // Let the cold start finish so timings below measure steady state.
        await runtime.handle("GET", "/healthz");
        return {
            runtime,
            logs,
            secretReads,
            get,
            emf: () => logs.map((line) => JSON.parse(line)).filter((document) => document._aws !== undefined),
        };
    }

    /** Direct client with the same TLS and AUTH settings, to look inside Redis. */
    function inspector(server: RedisServer): Redis {
        const client = new Redis({
            host: "127.0.0.1",
            port: server.port,
            password,
            tls: { servername: certs!.serverName, ca: readFileSync(certs!.caFile) },
            lazyConnect: true,
        });
        client.on("error", () => undefined);
        return client;
    }

    async function pollUntilHit(app: Harness, path: string, deadlineMs: number): Promise<Timed[]> {
        const responses: Timed[] = [];
        const deadline = performance.now() + deadlineMs;
        while (performance.now() < deadline) {
            const response = await app.get(path);
            responses.push(response);
            if (response.headers["x-cache"] === "HIT") return responses;
            await sleep(50);
        }
        assert.fail(`no cache hit on ${path} within ${deadlineMs} ms: Redis did not come back; responses: ${responses.map((r) => `${r.statusCode}/${r.headers["x-cache"]}`).join(" ")}`);
    }

    /**
     * A cold start connects to Redis in the background (requests meanwhile go to the origin, by
     * design); tests about a warm cache wait for that first, so a loaded machine cannot race them.
     */
    async function connected(app: Harness, deadlineMs = 5000): Promise<{ redis: { status: string; latencyMs?: number } }> {
        const deadline = performance.now() + deadlineMs;
        for (;;) {
            const health = JSON.parse((await app.get("/healthz")).body);
            if (health.redis.status === "up") return health;
            if (performance.now() > deadline) assert.fail(`Redis not reachable within ${deadlineMs} ms: ${JSON.stringify(health)}`);
            await sleep(20);
        }
    }

    function assertServedWithinBound(responses: Timed[], what: string): void {
        for (const response of responses) {
            assert.equal(response.statusCode, 200, `${what}: a request failed because of Redis: ${response.body}`);
            assert.ok(
                response.ms < ORIGIN_DELAY_MS + EXTRA_LATENCY_BOUND_MS,
                `${what}: a request took ${response.ms.toFixed(1)} ms, more than origin ${ORIGIN_DELAY_MS} ms + bound ${EXTRA_LATENCY_BOUND_MS} ms`,
            );
        }
    }

    describe("steady state", () => {
        let server: RedisServer;
        before(async () => (server = await startRedis()));

        it("reads the AUTH token from the secret once and reaches Redis over verified TLS", async () => {
            const app = await harness(server, {}, password);
            const health = await connected(app);
            assert.equal(typeof health.redis.latencyMs, "number");
            await app.get(`/items/${uniqueId("a")}`);
            await app.get(`/items/${uniqueId("b")}`);
            assert.deepEqual(app.secretReads, [SECRET_ARN]);
        });

        it("misses once, then hits without calling the origin, and logs CacheMiss/CacheHit as EMF", async () => {
            const app = await harness(server);
            await connected(app);
            const id = uniqueId("item");
            const miss = await app.get(`/items/${id}`);
            const hit = await app.get(`/items/${id}`);
            assert.equal(miss.statusCode, 200);
            assert.equal(miss.headers["x-cache"], "MISS");
            assert.equal(hit.headers["x-cache"], "HIT");
            assert.equal(hit.body, miss.body);
            assert.deepEqual(JSON.parse(hit.body), { id, version: 1 });
            assert.equal(origin!.callsFor(id), 1);
            const [missMetrics, hitMetrics] = app.emf();
            assert.equal(missMetrics.CacheMiss, 1);
            assert.equal(missMetrics.CacheHit, 0);
            assert.ok(missMetrics.OriginLatency >= ORIGIN_DELAY_MS - 1, `OriginLatency ${missMetrics.OriginLatency}`);
            assert.equal(hitMetrics.CacheHit, 1);
            assert.equal(hitMetrics.OriginLatency, undefined);
        });

        it("makes one origin call for 30 concurrent misses of one key", async () => {
            const app = await harness(server);
            await connected(app);
            const id = uniqueId("hot");
            const responses = await Promise.all(Array.from({ length: 30 }, () => app.get(`/items/${id}`)));
            assert.equal(origin!.callsFor(id), 1);
            assert.ok(responses.every((r) => r.statusCode === 200 && r.body === responses[0].body));
        });

        it("expires entries after the TTL plus at most the jitter, with jittered expiries", async () => {
            const app = await harness(server, { CACHE_TTL_SECONDS: "1", CACHE_TTL_JITTER_RATIO: "0.5" });
            await connected(app);
            const ids = Array.from({ length: 12 }, () => uniqueId("ttl"));
            const written = performance.now();
            await Promise.all(ids.map((id) => app.get(`/items/${id}`)));
            const client = inspector(server);
            try {
                await client.connect();
                const keys = await client.keys("test-*:ttl-*");
                const ours = keys.filter((key) => ids.some((id) => key.endsWith(`:${id}`)));
                assert.equal(ours.length, ids.length);
                const ttls = await Promise.all(ours.map((key) => client.pttl(key)));
                const elapsed = performance.now() - written;
                for (const ttl of ttls) {
                    assert.ok(ttl <= 1500 && ttl >= 1000 - elapsed - 5, `PTTL ${ttl} outside [1000, 1500] ms (${elapsed.toFixed(0)} ms after write)`);
                }
                assert.ok(new Set(ttls).size > 1, `all ${ttls.length} keys got the same TTL: jitter is not applied`);
            } finally {
                client.disconnect();
            }
            const stillCached = await app.get(`/items/${ids[0]}`);
            assert.equal(stillCached.headers["x-cache"], "HIT");
            await sleep(Math.max(0, 1550 - (performance.now() - written)));
            const expired = await app.get(`/items/${ids[0]}`);
            assert.equal(expired.headers["x-cache"], "MISS");
            assert.deepEqual(JSON.parse(expired.body), { id: ids[0], version: 2 });
        });

        it("remembers an origin 404 briefly but never caches an origin error", async () => {
            const app = await harness(server);
            await connected(app);
            const missing = uniqueId("missing");
            const broken = uniqueId("broken");
            origin!.missing.add(missing);
            origin!.failing.add(broken);
            assert.equal((await app.get(`/items/${missing}`)).statusCode, 404);
            const remembered = await app.get(`/items/${missing}`);
            assert.equal(remembered.statusCode, 404);
            assert.equal(remembered.headers["x-cache"], "HIT");
            assert.equal(origin!.callsFor(missing), 1);
            assert.equal((await app.get(`/items/${broken}`)).statusCode, 502);
            assert.equal((await app.get(`/items/${broken}`)).statusCode, 502);
            assert.equal(origin!.callsFor(broken), 2);
            assert.equal(app.emf().filter((m) => m.OriginError === 1).length, 2);
        });

        it("serves from the origin when the AUTH token is wrong", async () => {
            const app = await harness(server, {}, "not-the-token");
            const id = uniqueId("noauth");
            assertServedWithinBound([await app.get(`/items/${id}`), await app.get(`/items/${id}`)], "wrong token");
            assert.equal(origin!.callsFor(id), 2);
            const health = JSON.parse((await app.get("/healthz")).body);
            assert.equal(health.redis.status, "down");
        });

        it("refuses a server whose certificate does not match the SNI name, serving from the origin", async () => {
            const app = await harness(server, { REDIS_TLS_SERVERNAME: "impostor.example.com" });
            const id = uniqueId("sni");
            assertServedWithinBound([await app.get(`/items/${id}`), await app.get(`/items/${id}`)], "certificate mismatch");
            assert.equal(origin!.callsFor(id), 2);
            assert.equal(JSON.parse((await app.get("/healthz")).body).redis.status, "down");
        });

        it("rejects a bad id with 400 before touching Redis or the origin", async () => {
            const app = await harness(server);
            const before = origin!.totalCalls;
            const response = await app.get("/items/..%2F..%2Fadmin");
            assert.equal(response.statusCode, 400);
            assert.equal(origin!.totalCalls, before);
            assert.equal(app.emf().length, 0);
        });
    });

    describe("faults", () => {
        it("keeps serving when Redis is killed, then reconnects and hits again after a restart on the same port", async () => {
            const server = await startRedis();
            const app = await harness(server);
            await connected(app);
            const warm = uniqueId("warm");
            await app.get(`/items/${warm}`);
            assert.equal((await app.get(`/items/${warm}`)).headers["x-cache"], "HIT");

            await server.kill();
            const duringOutage: Timed[] = [];
            for (let i = 0; i < 10; i++) duringOutage.push(await app.get(`/items/${i % 2 === 0 ? warm : uniqueId("down")}`));
            assertServedWithinBound(duringOutage, "Redis killed");
            const health = await app.get("/healthz");
            assert.equal(health.statusCode, 200);
            assert.equal(JSON.parse(health.body).redis.status, "down");

            await server.restart();
            const recovering = await pollUntilHit(app, `/items/${uniqueId("back")}`, 5000);
            assert.ok(recovering.every((r) => r.statusCode === 200));
            assert.equal(JSON.parse((await app.get("/healthz")).body).redis.status, "up");
            const emf = app.emf();
            assert.ok(emf.some((m) => (m.CacheError ?? 0) > 0 || (m.CacheBypass ?? 0) > 0), "the outage shows in CacheError/CacheBypass");
        });

        it("keeps serving within the bound while Redis is frozen (SIGSTOP), and hits again after SIGCONT", async () => {
            const server = await startRedis();
            const app = await harness(server);
            await connected(app);
            const warm = uniqueId("warm");
            await app.get(`/items/${warm}`);
            assert.equal((await app.get(`/items/${warm}`)).headers["x-cache"], "HIT");

            server.pause();
            try {
                const sequential: Timed[] = [];
                for (let i = 0; i < 8; i++) sequential.push(await app.get(`/items/${uniqueId("frozen")}`));
                const concurrent = await Promise.all(Array.from({ length: 10 }, () => app.get(`/items/${warm}`)));
                // Outlast the socket timeout so the client drops the stuck connection and reconnects into a frozen server.
                await sleep(400);
                sequential.push(await app.get(`/items/${uniqueId("frozen")}`));
                assertServedWithinBound([...sequential, ...concurrent], "Redis frozen");
                const bypassed = app.emf().filter((m) => m.CacheBypass !== undefined).length;
                assert.ok(bypassed > 0, "the breaker opened, so later requests skipped Redis instead of waiting for its timeout");
            } finally {
                server.resume();
            }
            const recovering = await pollUntilHit(app, `/items/${uniqueId("thawed")}`, 5000);
            assert.ok(recovering.every((r) => r.statusCode === 200));
        });

        it("serves from the origin at a cold start with Redis unreachable, without waiting out a timeout", async () => {
            const server = await startRedis();
            await server.kill();
            const app = await harness(server);
            const id = uniqueId("cold");
            const responses = [await app.get(`/items/${id}`), await app.get(`/items/${id}`)];
            assertServedWithinBound(responses, "Redis unreachable at cold start");
            assert.equal(origin!.callsFor(id), 2);
        });
    });
});
