import assert from "node:assert/strict";
import { AppConfigError, parseConfig } from "../../app/config";

const minimal = { UPSTREAM_URL: "https://origin.example.com/", REDIS_HOST: "master.cache.example.com" };

describe("app config", () => {
    it("applies secure, fast-failing defaults from a minimal environment", () => {
        const config = parseConfig(minimal);
        assert.equal(config.upstreamUrl, "https://origin.example.com");
        assert.deepEqual(config.redis, {
            host: "master.cache.example.com",
            port: 6379,
            tls: true,
            tlsServername: "master.cache.example.com",
            tlsCaFile: undefined,
            authSecretArn: undefined,
            connectTimeoutMs: 100,
            commandTimeoutMs: 50,
            socketTimeoutMs: 1000,
            reconnectMaxDelayMs: 1000,
            breakerFailureThreshold: 3,
            breakerCooldownMs: 1000,
        });
        assert.deepEqual(config.cache, { keyPrefix: "item:", ttlSeconds: 300, ttlJitterRatio: 0.1, negativeTtlSeconds: 10 });
        assert.equal(config.originTimeoutMs, 3000);
        assert.equal(config.functionName, "local");
    });

    it("reads every override", () => {
        const config = parseConfig({
            ...minimal,
            REDIS_PORT: "6380",
            REDIS_TLS: "false",
            REDIS_TLS_SERVERNAME: "redis.internal",
            REDIS_AUTH_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis-auth-AbCdEf",
            REDIS_CONNECT_TIMEOUT_MS: "20",
            REDIS_COMMAND_TIMEOUT_MS: "30",
            CACHE_TTL_SECONDS: "60",
            CACHE_TTL_JITTER_RATIO: "0.5",
            CACHE_NEGATIVE_TTL_SECONDS: "0",
            AWS_LAMBDA_FUNCTION_NAME: "bulwark-dev-api",
        });
        assert.equal(config.redis.port, 6380);
        assert.equal(config.redis.tls, false);
        assert.equal(config.redis.tlsServername, "redis.internal");
        assert.equal(config.redis.authSecretArn, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis-auth-AbCdEf");
        assert.equal(config.redis.connectTimeoutMs, 20);
        assert.equal(config.redis.commandTimeoutMs, 30);
        assert.deepEqual(config.cache, { keyPrefix: "item:", ttlSeconds: 60, ttlJitterRatio: 0.5, negativeTtlSeconds: 0 });
        assert.equal(config.functionName, "bulwark-dev-api");
    });

    const rejects: Array<[string, Record<string, string | undefined>, RegExp]> = [
        ["a missing UPSTREAM_URL", { REDIS_HOST: "h" }, /^UPSTREAM_URL is not set: it is required\. Set UPSTREAM_URL to/],
        ["a missing REDIS_HOST", { UPSTREAM_URL: "https://o.example.com" }, /^REDIS_HOST is not set/],
        ["a non-URL origin", { ...minimal, UPSTREAM_URL: "origin" }, /^UPSTREAM_URL is "origin": it is not a URL/],
        ["a non-HTTP origin", { ...minimal, UPSTREAM_URL: "ftp://o.example.com" }, /must use http or https/],
        ["an origin with a query", { ...minimal, UPSTREAM_URL: "https://o.example.com/?a=1" }, /must not carry a query/],
        ["a fractional timeout", { ...minimal, REDIS_COMMAND_TIMEOUT_MS: "2.5" }, /^REDIS_COMMAND_TIMEOUT_MS is "2.5": it must be a whole number between 1 and 10000\. Unset it to use 50\.$/],
        ["a zero connect timeout", { ...minimal, REDIS_CONNECT_TIMEOUT_MS: "0" }, /^REDIS_CONNECT_TIMEOUT_MS is "0"/],
        ["an out-of-range port", { ...minimal, REDIS_PORT: "70000" }, /^REDIS_PORT is "70000"/],
        ["a jitter ratio above 1", { ...minimal, CACHE_TTL_JITTER_RATIO: "1.5" }, /^CACHE_TTL_JITTER_RATIO is "1.5": it must be a number between 0 and 1/],
        ["a TLS flag that is not true/false", { ...minimal, REDIS_TLS: "yes" }, /^REDIS_TLS is "yes": it must be "true" or "false"/],
        ["a secret name instead of an ARN", { ...minimal, REDIS_AUTH_SECRET_ARN: "redis-auth" }, /^REDIS_AUTH_SECRET_ARN is "redis-auth": it is not a Secrets Manager secret ARN/],
        ["an AUTH token in a plain variable", { ...minimal, REDIS_AUTH_TOKEN: "hunter2" }, /^REDIS_AUTH_TOKEN is set: the Redis AUTH token must never sit in a plain environment variable/],
        ["a password in a plain variable", { ...minimal, REDIS_PASSWORD: "hunter2" }, /^REDIS_PASSWORD is set/],
    ];
    for (const [what, env, message] of rejects) {
        it(`rejects ${what} with a message naming the variable and the fix`, () => {
            assert.throws(() => parseConfig(env), (error: unknown) => error instanceof AppConfigError && message.test(error.message));
        });
    }

    it("never echoes a token set in a forbidden variable", () => {
        assert.throws(() => parseConfig({ ...minimal, REDIS_AUTH_TOKEN: "hunter2" }), (error: Error) => !error.message.includes("hunter2"));
    });
});
