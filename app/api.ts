import { CacheAside } from "./cache-aside";
import { RequestMetrics } from "./emf";
import { API_METHODS } from "./http-contract";
import { isValidItemId } from "./item-id";

export interface ApiResponse {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
}

export interface RedisHealth {
    status: "up" | "down";
    latencyMs?: number;
    error?: string;
    breaker: string;
}

export interface ApiDependencies {
    items: CacheAside;
    redisHealth(): Promise<RedisHealth>;
}

const ITEM_PATH = /^\/items\/([^/]*)$/;

const ALLOW = API_METHODS.join(", ");

/**
 * Routes one request. Knows nothing of Lambda events, so it is tested with plain strings. HEAD gets
 * GET's status and headers with an empty body; OPTIONS gets 204 and the Allow list (no CORS headers:
 * the API serves its own origin, so a cross-origin preflight is meant to fail).
 */
export async function routeRequest(method: string, path: string, dependencies: ApiDependencies, metrics: RequestMetrics): Promise<ApiResponse> {
    if (method === "HEAD") {
        const response = await routeRequest("GET", path, dependencies, metrics);
        return { ...response, body: "" };
    }
    if (method === "OPTIONS") {
        const known = path === "/healthz" || ITEM_PATH.test(path);
        return known ? { statusCode: 204, headers: { allow: ALLOW }, body: "" } : json(404, { error: "not found" });
    }
    if (path === "/healthz") {
        if (method !== "GET") return methodNotAllowed();
        // Always 200: the function works without Redis, so a Redis outage must not look like an API outage.
        const redis = await dependencies.redisHealth();
        return json(200, { status: "ok", redis });
    }
    const match = ITEM_PATH.exec(path);
    if (match) {
        if (method !== "GET") return methodNotAllowed();
        const id = match[1];
        if (!isValidItemId(id)) {
            return json(400, { error: "invalid item id: use 1 to 128 characters from A-Z, a-z, 0-9, '_' and '-'" });
        }
        metrics.property("itemId", id);
        const item = await dependencies.items.getItem(id, metrics);
        metrics.property("statusCode", item.statusCode);
        metrics.property("cache", item.cache);
        return {
            statusCode: item.statusCode,
            headers: { "content-type": "application/json", "x-cache": item.cache === "hit" ? "HIT" : "MISS" },
            body: item.body,
        };
    }
    return json(404, { error: "not found" });
}

export function json(statusCode: number, body: unknown): ApiResponse {
    return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function methodNotAllowed(): ApiResponse {
    const response = json(405, { error: `method not allowed: use ${ALLOW}` });
    response.headers.allow = ALLOW;
    return response;
}
