import { Cache, CacheBypassedError } from "./cache-aside";
import { RedisSettings } from "./config";
import { RedisCache, createRedisClient, waitUntilReady } from "./redis-cache";
import { SecretFetcher, parseAuthToken } from "./secret";

export interface RedisProviderOptions {
    settings: RedisSettings;
    fetchSecret: SecretFetcher;
    log: (message: string) => void;
    /** After a failed setup (secret unreadable), wait this long before trying again. */
    retryAfterMs?: number;
    now?: () => number;
}

/**
 * Owns the Redis client for the life of the sandbox: reads the AUTH token once at cold
 * start, keeps it in memory only, and connects. Until setup succeeds the cache is bypassed,
 * never waited on, so a broken secret or network path degrades to origin-only service.
 */
export class RedisProvider implements Cache {
    private redis: RedisCache | undefined;
    private setup: Promise<void> | undefined;
    private lastFailureAt: number | undefined;
    private lastFailure: string | undefined;
    private readonly now: () => number;
    private readonly retryAfterMs: number;

    constructor(private readonly options: RedisProviderOptions) {
        this.now = options.now ?? Date.now;
        this.retryAfterMs = options.retryAfterMs ?? 30_000;
    }

    /** Starts setup if needed and waits for it at most `maxWaitMs`. */
    async ready(maxWaitMs: number): Promise<RedisCache | undefined> {
        if (this.redis) return this.redis;
        const setup = this.startSetup();
        if (setup) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([setup, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
            clearTimeout(timer);
        }
        return this.redis;
    }

    get(key: string): Promise<string | null> {
        if (!this.redis) return Promise.reject(new CacheBypassedError());
        return this.redis.get(key);
    }

    set(key: string, value: string, ttlMs: number): Promise<void> {
        if (!this.redis) return Promise.reject(new CacheBypassedError());
        return this.redis.set(key, value, ttlMs);
    }

    /** Why Redis is not in use, when it is not. */
    get unavailableReason(): string | undefined {
        return this.redis ? undefined : (this.lastFailure ?? "connecting");
    }

    async close(): Promise<void> {
        await this.setup;
        this.redis?.client.disconnect();
        this.redis = undefined;
    }

    private startSetup(): Promise<void> | undefined {
        if (this.setup) return this.setup;
        if (this.lastFailureAt !== undefined && this.now() - this.lastFailureAt < this.retryAfterMs) return undefined;
        this.setup = this.connect().then(
            () => {
                this.lastFailure = undefined;
            },
            (error: Error) => {
                this.lastFailureAt = this.now();
                this.lastFailure = error.message;
                this.options.log(JSON.stringify({ level: "error", message: `Redis disabled until retry: ${error.message}` }));
                this.setup = undefined;
            },
        );
        return this.setup;
    }

    private async connect(): Promise<void> {
        const { settings } = this.options;
        const token = settings.authSecretArn ? parseAuthToken(await this.options.fetchSecret(settings.authSecretArn)) : undefined;
        const client = createRedisClient(settings, token);
        this.redis = new RedisCache(client);
        // Not ready in time is fine: ioredis keeps connecting and commands fail fast meanwhile.
        await waitUntilReady(client, settings.connectTimeoutMs);
    }
}
