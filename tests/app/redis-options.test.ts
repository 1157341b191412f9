import assert from "node:assert/strict";
import fc from "fast-check";
import { parseConfig } from "../../app/config";
import { reconnectDelayMs, redisClientOptions } from "../../app/redis-cache";

describe("Redis client options", () => {
    it("fail fast while disconnected and put deadlines on connect and every command", () => {
        const { redis } = parseConfig({ UPSTREAM_URL: "https://o.example.com", REDIS_HOST: "10.0.0.5", REDIS_TLS_SERVERNAME: "master.cache.example.com", REDIS_COMMAND_TIMEOUT_MS: "40" });
        const options = redisClientOptions(redis, "token-from-secret");
        assert.equal(options.enableOfflineQueue, false);
        assert.equal(options.maxRetriesPerRequest, 0);
        assert.equal(options.commandTimeout, 40);
        assert.equal(options.connectTimeout, 100);
        assert.equal(options.password, "token-from-secret");
        assert.deepEqual(options.tls, { servername: "master.cache.example.com", ca: undefined });
        assert.equal(typeof options.retryStrategy, "function");
        assert.ok((options.retryStrategy!(1) as number) > 0, "a retry strategy that returns a delay keeps reconnecting");
    });

    it("connect in plaintext only when REDIS_TLS is false", () => {
        const { redis } = parseConfig({ UPSTREAM_URL: "https://o.example.com", REDIS_HOST: "127.0.0.1", REDIS_TLS: "false" });
        assert.equal(redisClientOptions(redis, undefined).tls, undefined);
    });

    it("reconnect delays grow, stay positive and never exceed the cap", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, cap, draw) => {
                const delay = reconnectDelayMs(attempt, cap, () => draw);
                return delay >= 1 && delay <= cap;
            }),
        );
        assert.ok(reconnectDelayMs(1, 1000, () => 1) < reconnectDelayMs(5, 1000, () => 1));
    });
});
