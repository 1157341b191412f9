import { ApiDependencies, ApiResponse, RedisHealth, json, routeRequest } from "./api";
import { CacheAside } from "./cache-aside";
import { CircuitBreaker } from "./circuit-breaker";
import { AppConfig, AppConfigError, Env, parseConfig } from "./config";
import { RequestMetrics, formatEmfLine } from "./emf";
import { GuardedCache } from "./guarded-cache";
import { HttpOrigin } from "./http-origin";
import { RedisProvider } from "./redis-provider";
import { SecretFetcher, secretsManagerFetcher } from "./secret";

export interface ApiRuntimeOptions {
    env: Env;
    fetchSecret?: SecretFetcher;
    /** Receives EMF lines and error logs, one JSON document per call. */
    log?: (line: string) => void;
}

/**
 * Longest a cold start waits for the secret and first connection before serving from the
 * origin instead; Secrets Manager usually answers in tens of milliseconds.
 */
const COLD_START_CACHE_WAIT_MS = 2000;

interface Ready {
    config: AppConfig;
    dependencies: ApiDependencies;
    provider: RedisProvider;
    origin: HttpOrigin;
}

/** Everything one Lambda sandbox keeps between invocations, built once from the environment. */
export class ApiRuntime {
    private readonly state: Ready | AppConfigError;
    private readonly log: (line: string) => void;

    constructor(options: ApiRuntimeOptions) {
        this.log = options.log ?? ((line) => process.stdout.write(line + "\n"));
        let config: AppConfig;
        try {
            config = parseConfig(options.env);
        } catch (error) {
            if (!(error instanceof AppConfigError)) throw error;
            this.log(JSON.stringify({ level: "error", message: error.message }));
            this.state = error;
            return;
        }
        this.state = this.assemble(config, options.fetchSecret ?? secretsManagerFetcher);
        // Begin reading the secret and connecting during init, before the first request arrives.
        void this.state.provider.ready(0);
    }

    async handle(method: string, path: string): Promise<ApiResponse> {
        if (this.state instanceof AppConfigError) {
            return json(500, { error: "the API is misconfigured; see the function log" });
        }
        const { config, dependencies, provider } = this.state;
        await provider.ready(COLD_START_CACHE_WAIT_MS);
        const metrics = new RequestMetrics();
        const response = await routeRequest(method, path, dependencies, metrics);
        const line = formatEmfLine(metrics, { functionName: config.functionName, timestampMs: Date.now() });
        if (line !== undefined) this.log(line);
        return response;
    }

    async close(): Promise<void> {
        if (this.state instanceof AppConfigError) return;
        this.state.origin.close();
        await this.state.provider.close();
    }

    private assemble(config: AppConfig, fetchSecret: SecretFetcher): Ready {
        const provider = new RedisProvider({ settings: config.redis, fetchSecret, log: this.log });
        const breaker = new CircuitBreaker({
            failureThreshold: config.redis.breakerFailureThreshold,
            cooldownMs: config.redis.breakerCooldownMs,
        });
        const origin = new HttpOrigin({ baseUrl: config.upstreamUrl, timeoutMs: config.originTimeoutMs });
        const items = new CacheAside({
            cache: new GuardedCache(provider, breaker),
            origin,
            keyPrefix: config.cache.keyPrefix,
            ttlSeconds: config.cache.ttlSeconds,
            ttlJitterRatio: config.cache.ttlJitterRatio,
            negativeTtlSeconds: config.cache.negativeTtlSeconds,
        });
        const redisHealth = async (): Promise<RedisHealth> => {
            const redis = await provider.ready(0);
            if (!redis) return { status: "down", error: provider.unavailableReason, breaker: breaker.state };
            try {
                const latencyMs = Math.round((await redis.ping()) * 1000) / 1000;
                return { status: "up", latencyMs, breaker: breaker.state };
            } catch (error) {
                return { status: "down", error: (error as Error).message, breaker: breaker.state };
            }
        };
        return { config, provider, origin, dependencies: { items, redisHealth } };
    }
}
