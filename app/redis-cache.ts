import { readFileSync } from "node:fs";
import Redis, { RedisOptions } from "ioredis";
import { Cache } from "./cache-aside";
import { RedisSettings } from "./config";

/**
 * ioredis options that make Redis an accelerator rather than a dependency: commands fail
 * fast instead of queueing while disconnected, every command has a deadline, and the
 * client keeps reconnecting in the background on its own schedule.
 */
export function redisClientOptions(settings: RedisSettings, authToken: string | undefined): RedisOptions {
    return {
        host: settings.host,
        port: settings.port,
        password: authToken,
        tls: settings.tls
            ? {
                  servername: settings.tlsServername,
                  ca: settings.tlsCaFile ? readFileSync(settings.tlsCaFile) : undefined,
              }
            : undefined,
        connectTimeout: settings.connectTimeoutMs,
        commandTimeout: settings.commandTimeoutMs,
        socketTimeout: settings.socketTimeoutMs,
        // Fail fast while disconnected: a queued command would wait for a reconnect that may take seconds.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        // The ready check (INFO) and CLIENT SETINFO are extra round trips on every cold start and reconnect.
        enableReadyCheck: false,
        disableClientInfo: true,
        // GET and SET behave the same on both protocols; RESP2 skips HELLO negotiation.
        protocol: 2,
        retryStrategy: (attempt) => reconnectDelayMs(attempt, settings.reconnectMaxDelayMs),
    };
}

/** Exponential backoff from 10 ms, capped, with jitter so many sandboxes do not reconnect in lockstep. */
export function reconnectDelayMs(attempt: number, maxDelayMs: number, random: () => number = Math.random): number {
    const exponential = Math.min(maxDelayMs, 10 * 2 ** Math.min(attempt, 20));
    return Math.max(1, Math.round(exponential / 2 + (exponential / 2) * random()));
}

export function createRedisClient(settings: RedisSettings, authToken: string | undefined): Redis {
    const client = new Redis(redisClientOptions(settings, authToken));
    // Without a listener ioredis logs every connection error; the breaker and metrics already report them.
    client.on("error", () => undefined);
    return client;
}

/**
 * Waits up to `timeoutMs` for the first connection so the first request can be a hit;
 * gives up at once on a connection error (refused, TLS, AUTH) rather than waiting it out.
 */
export function waitUntilReady(client: Redis, timeoutMs: number): Promise<boolean> {
    if (client.status === "ready") return Promise.resolve(true);
    return new Promise((resolve) => {
        const done = (ready: boolean) => {
            clearTimeout(timer);
            client.off("ready", onReady);
            client.off("error", onError);
            resolve(ready);
        };
        const onReady = () => done(true);
        const onError = () => done(false);
        const timer = setTimeout(() => done(false), timeoutMs);
        client.on("ready", onReady);
        client.on("error", onError);
    });
}

export class RedisCache implements Cache {
    constructor(readonly client: Redis) {}

    get(key: string): Promise<string | null> {
        return this.client.get(key);
    }

    async set(key: string, value: string, ttlMs: number): Promise<void> {
        await this.client.set(key, value, "PX", ttlMs);
    }

    /** Round-trip time of a PING in milliseconds; throws when Redis is unreachable. */
    async ping(): Promise<number> {
        const started = performance.now();
        await this.client.ping();
        return performance.now() - started;
    }
}
