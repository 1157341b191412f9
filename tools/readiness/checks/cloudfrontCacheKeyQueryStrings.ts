import { asNumber, asString, get, ReadinessCheck, TYPES } from "../lib";

const CACHE_POLICY = "aws:cloudfront/cachePolicy:CachePolicy";

export const cloudfrontCacheKeyQueryStrings: ReadinessCheck = {
    name: "cloudfront-cache-key-query-strings",
    category: "aws-api",
    severity: "warning",
    what: "A cache policy in use that caches (a TTL above 0) and keys on every query string (queryStringBehavior all or allExcept).",
    rule: "CloudFront caches one object per cache key: with every query string in the key, `?x=<random>` is a miss each time and reaches the origin (CloudFront Developer Guide, cache key settings).",
    run(stack) {
        const findings = [];
        const policies = stack.ofType(CACHE_POLICY);
        for (const policy of policies) {
            const props = stack.props(policy);
            const behaviour = asString(get(props, "parametersInCacheKeyAndForwardedToOrigin", "queryStringsConfig", "queryStringBehavior"));
            if (behaviour !== "all" && behaviour !== "allExcept") continue;
            const ttls = ["minTtl", "defaultTtl", "maxTtl"].map((k) => asNumber(get(props, k)));
            if (ttls.every((t) => t === 0)) continue;
            const usedBy = stack.ofType(TYPES.distribution).filter(
                (d) => stack.refs(d, "defaultCacheBehavior", CACHE_POLICY).some((p) => p.urn === policy.urn) || stack.refs(d, "orderedCacheBehaviors", CACHE_POLICY).some((p) => p.urn === policy.urn),
            );
            if (usedBy.length === 0) continue;
            findings.push(
                stack.finding(this, policy, "warning",
                    `Cache policy "${policy.name}" (used by ${usedBy.map((d) => `"${d.name}"`).join(", ")}) keys on ${behaviour === "all" ? "every query string" : "every query string but a few"}: any request with an unused parameter such as ?x=<random> misses the cache and reaches the origin.`,
                    "CloudFront: each distinct cache key is a separate cache entry; query strings the origin ignores only split the cache.",
                    'Set queryStringsConfig to { queryStringBehavior: "none" }, or "whitelist" with exactly the parameters the origin reads (one list shared with the application).'),
            );
        }
        return findings;
    },
};
