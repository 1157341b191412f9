/**
 * Runtime settings of the API, read once from the Lambda environment.
 *
 * Every variable has a default except UPSTREAM_URL and REDIS_HOST. A bad value throws an
 * AppConfigError naming the variable, the value and the fix, so a misconfigured deploy is
 * obvious from the first log line instead of surfacing as a confusing runtime failure.
 */

export class AppConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AppConfigError";
    }
}

export interface RedisSettings {
    host: string;
    port: number;
    /** In-transit encryption; ElastiCache with transit encryption rejects plaintext clients. */
    tls: boolean;
    /** SNI name and certificate host name; defaults to `host`. */
    tlsServername: string;
    /** Extra CA bundle (PEM file path) for private CAs; the Node trust store covers ElastiCache. */
    tlsCaFile?: string;
    /** Secrets Manager ARN whose SecretString is the AUTH token (raw or JSON {"token": ...}). */
    authSecretArn?: string;
    connectTimeoutMs: number;
    commandTimeoutMs: number;
    /** Drop a connection that owes replies but has been silent this long, then reconnect. */
    socketTimeoutMs: number;
    reconnectMaxDelayMs: number;
    breakerFailureThreshold: number;
    breakerCooldownMs: number;
}

export interface CacheSettings {
    keyPrefix: string;
    ttlSeconds: number;
    /** Upper bound of the random extra TTL, as a fraction of ttlSeconds. */
    ttlJitterRatio: number;
    /** How long an origin 404 is remembered; 0 disables negative caching. */
    negativeTtlSeconds: number;
}

export interface AppConfig {
    upstreamUrl: string;
    originTimeoutMs: number;
    redis: RedisSettings;
    cache: CacheSettings;
    /** Value of the FunctionName dimension on every EMF metric. */
    functionName: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Variables that would put the Redis AUTH token in plain sight of anyone who can read the function. */
const FORBIDDEN_TOKEN_VARIABLES = ["REDIS_AUTH_TOKEN", "REDIS_PASSWORD", "REDIS_AUTH"];

export function parseConfig(env: Env): AppConfig {
    for (const name of FORBIDDEN_TOKEN_VARIABLES) {
        if (env[name] !== undefined) {
            throw new AppConfigError(
                `${name} is set: the Redis AUTH token must never sit in a plain environment variable. ` +
                    `Remove ${name} and put the token in Secrets Manager, then set REDIS_AUTH_SECRET_ARN to the secret's ARN.`,
            );
        }
    }
    const host = requiredString(env, "REDIS_HOST", "the ElastiCache primary endpoint address");
    return {
        upstreamUrl: parseUpstreamUrl(env),
        originTimeoutMs: integer(env, "ORIGIN_TIMEOUT_MS", 3000, 1, 60_000),
        redis: {
            host,
            port: integer(env, "REDIS_PORT", 6379, 1, 65_535),
            tls: boolean(env, "REDIS_TLS", true),
            tlsServername: optionalString(env, "REDIS_TLS_SERVERNAME") ?? host,
            tlsCaFile: optionalString(env, "REDIS_TLS_CA_FILE"),
            authSecretArn: parseSecretArn(env),
            connectTimeoutMs: integer(env, "REDIS_CONNECT_TIMEOUT_MS", 100, 1, 10_000),
            commandTimeoutMs: integer(env, "REDIS_COMMAND_TIMEOUT_MS", 50, 1, 10_000),
            socketTimeoutMs: integer(env, "REDIS_SOCKET_TIMEOUT_MS", 1000, 1, 60_000),
            reconnectMaxDelayMs: integer(env, "REDIS_RECONNECT_MAX_DELAY_MS", 1000, 1, 60_000),
            breakerFailureThreshold: integer(env, "REDIS_BREAKER_FAILURE_THRESHOLD", 3, 1, 1000),
            breakerCooldownMs: integer(env, "REDIS_BREAKER_COOLDOWN_MS", 1000, 0, 600_000),
        },
        cache: {
            keyPrefix: optionalString(env, "CACHE_KEY_PREFIX") ?? "item:",
            ttlSeconds: integer(env, "CACHE_TTL_SECONDS", 300, 1, 30 * 86_400),
            ttlJitterRatio: ratio(env, "CACHE_TTL_JITTER_RATIO", 0.1),
            negativeTtlSeconds: integer(env, "CACHE_NEGATIVE_TTL_SECONDS", 10, 0, 86_400),
        },
        functionName: optionalString(env, "AWS_LAMBDA_FUNCTION_NAME") ?? "local",
    };
}

function parseUpstreamUrl(env: Env): string {
    const raw = requiredString(env, "UPSTREAM_URL", "the origin base URL, e.g. https://api.example.com");
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        throw new AppConfigError(`UPSTREAM_URL is "${raw}": it is not a URL. Set UPSTREAM_URL to e.g. https://api.example.com.`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new AppConfigError(`UPSTREAM_URL is "${raw}": it must use http or https. Set UPSTREAM_URL to e.g. https://api.example.com.`);
    }
    if (url.search !== "" || url.hash !== "") {
        throw new AppConfigError(`UPSTREAM_URL is "${raw}": it must not carry a query or fragment, because /items/{id} is appended to it.`);
    }
    return raw.replace(/\/+$/, "");
}

function parseSecretArn(env: Env): string | undefined {
    const arn = optionalString(env, "REDIS_AUTH_SECRET_ARN");
    if (arn !== undefined && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/.test(arn)) {
        throw new AppConfigError(
            `REDIS_AUTH_SECRET_ARN is "${arn}": it is not a Secrets Manager secret ARN. ` +
                `Set it to arn:aws:secretsmanager:<region>:<account>:secret:<name>.`,
        );
    }
    return arn;
}

function optionalString(env: Env, name: string): string | undefined {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
}

function requiredString(env: Env, name: string, what: string): string {
    const value = optionalString(env, name);
    if (value === undefined) {
        throw new AppConfigError(`${name} is not set: it is required. Set ${name} to ${what}.`);
    }
    return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
    const raw = optionalString(env, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
        throw new AppConfigError(`${name} is "${raw}": it must be a whole number between ${min} and ${max}. Unset it to use ${fallback}.`);
    }
    return value;
}

function ratio(env: Env, name: string, fallback: number): number {
    const raw = optionalString(env, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
        throw new AppConfigError(`${name} is "${raw}": it must be a number between 0 and 1. Unset it to use ${fallback}.`);
    }
    return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
    const raw = optionalString(env, name);
    if (raw === undefined) return fallback;
    if (raw === "true") return true;
    if (raw === "false") return false;
    throw new AppConfigError(`${name} is "${raw}": it must be "true" or "false". Unset it to use ${fallback}.`);
}
