import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError, ConfigError } from "../stacks/errors";
import { LOG_RETENTION_DAYS, LogRetentionDays, PRICE_CLASSES, PriceClass, WAF_MODES, WafMode } from "../stacks/types";

/**
 * AWS's managed origin request policy "AllViewerExceptHostHeader": every viewer header, cookie and
 * query string except Host. A Lambda function URL routes on its own host name, so forwarding the
 * viewer's Host (the CloudFront or custom domain) would make the request miss the function.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 */
export const ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/**
 * CloudFront only accepts WAF web ACLs, ACM certificates and its own log delivery sources from here, so
 * the log group, both buckets and their key live here too (a KMS key serves its own region only).
 */
export const EDGE_REGION = "us-east-1";

/** Security headers on every response, API and static alike. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * The managed rule groups in the web ACL, in evaluation order after the rate rule; each costs $1 a
 * month. The IP reputation list drops known-malicious sources before they cost an invocation; the
 * common rule set covers what an API of two GET routes still receives (XSS, LFI/RFI and metadata-SSRF
 * probes in the URI and query, oversized URIs, bad and missing user agents). The known-bad-inputs
 * group is left out: its rules target Java deserialization and Log4j payloads, Java/PHP exploitable
 * paths and PROPFIND, none of which reach a Node function that routes /healthz and /items/{id} and sees
 * only GET, HEAD and OPTIONS; it would add $1 a month to every stack for no request it could stop.
 */
export const MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
] as const;

/** Long-lived cache for files under /static/ (they should carry content hashes in their names). */
export const STATIC_TTL = { minTtl: 0, defaultTtl: 86_400, maxTtl: 31_536_000 } as const;
export const STATIC_PATH_PATTERN = "/static/*";

const FUNCTION_URL = /^https:\/\/([a-z0-9]+\.lambda-url\.[a-z0-9-]+\.on\.aws)\/?$/;
const ACM_ARN = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KMS_KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):\d{12}:key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOSTNAME_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/**
 * Lowercase because bucket names derive from it; at most 30 characters so every auto-named child fits its
 * AWS limit (`${name}-access-logs-xxxxxxx` in a bucket name's 63, `${name}-logs-destination-xxxxxxx` in 60).
 */
const COMPONENT_NAME = /^[a-z][a-z0-9-]{0,29}$/;
const MAX_CACHE_KEY_HEADERS = 10;
/** CloudFront quota: query strings in a cache policy's allowlist. */
const MAX_CACHE_KEY_QUERY_STRINGS = 10;
const QUERY_STRING_NAME = /^[A-Za-z0-9_.~-]{1,128}$/;

/**
 * The API behaviour's methods. GET and HEAD are cached; OPTIONS reaches the function. Write methods are
 * left out: with a lambda origin access control CloudFront signs the request but not its body, so AWS
 * rejects a body unless the viewer sends its own x-amz-content-sha256, and the app answers only these.
 */
export const API_ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS"] as const;
export const API_CACHED_METHODS = ["GET", "HEAD"] as const;

export interface CdnArgs {
    /**
     * The function URL of the API's `live` alias, as Lambda returns it. Its host becomes the origin.
     * @example "https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/"
     */
    functionUrl: pulumi.Input<string>;
    /**
     * The function behind the URL; CloudFront is granted invoke rights on it (through the URL only).
     * @example "api-3f9c2a1"
     */
    functionName: pulumi.Input<string>;
    /**
     * The alias the function URL is attached to; the grants are scoped to it.
     * @example "live"
     */
    aliasName: pulumi.Input<string>;
    /**
     * Which edge locations serve the distribution.
     * @default "PriceClass_100"
     * @example "PriceClass_200"
     */
    priceClass?: PriceClass;
    /**
     * "block" enforces the WAF's rules; "count" only counts and logs what they would block.
     * @default "block"
     * @example "count"
     */
    wafMode?: WafMode;
    /**
     * Requests one IP may send in 5 minutes before the WAF rate rule acts, 10 to 2000000000.
     * @default 2000
     * @example 500
     */
    rateLimitPer5Min?: number;
    /**
     * Seconds CloudFront waits for the function, 1 to 60 (AWS needs a quota increase above 60).
     * @default 30
     * @example 15
     */
    originReadTimeoutSeconds?: number;
    /**
     * A custom domain (lowercase hostname) served with `certificateArn`. Point its DNS at `domainName`.
     * @default undefined (the distribution's *.cloudfront.net name)
     * @example "api.example.com"
     */
    domainName?: string;
    /**
     * ACM certificate for `domainName`, issued in us-east-1 (the only region CloudFront reads).
     * @default undefined
     * @example "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
     */
    certificateArn?: string;
    /**
     * Serve `/static/*` from a private S3 bucket reachable only through this distribution.
     * @default false
     * @example true
     */
    staticAssets?: boolean;
    /**
     * Seconds CloudFront keeps an API response when the function sends no Cache-Control, 0 to 3600.
     * A Cache-Control max-age can stretch it to twice this. 0 turns API caching off.
     * @default 5
     * @example 30
     */
    apiCacheTtlSeconds?: number;
    /**
     * Request headers that take part in the API cache key (and so reach the function as they are).
     * Never Host (the function URL needs its own) or Authorization (CloudFront's signature replaces it).
     * @default []
     * @example ["Accept"]
     */
    cacheKeyHeaders?: string[];
    /**
     * Query string parameters that take part in the API cache key, none by default. Pass exactly the ones
     * the function reads (index.ts passes the app's API_QUERY_PARAMETERS): any other parameter would let
     * `?x=<random>` miss the cache and reach the function.
     * @default []
     * @example ["page"]
     */
    cacheKeyQueryStrings?: readonly string[];
    /**
     * Days to keep access logs and WAF logs.
     * @default 30
     * @example 365
     */
    logRetentionDays?: LogRetentionDays;
    /**
     * The customer managed KMS key in us-east-1 that encrypts the WAF log group, the access log bucket and
     * the static assets bucket (SSE-KMS with an S3 Bucket Key). Required: there is no unencrypted or
     * SSE-S3 fallback. Its policy must let `logs.us-east-1.amazonaws.com` use it for `aws-waf-logs-*`
     * log groups, `delivery.logs.amazonaws.com` write for this account's delivery sources, and
     * `cloudfront.amazonaws.com` decrypt for this account's distributions: the Baseline's `edgeKeyArn`.
     * @example baseline.edgeKeyArn
     */
    edgeKmsKeyArn: pulumi.Input<string>;
    /**
     * Protect the buckets and the WAF log group from deletion (Pulumi `protect`).
     * @default false
     * @example true
     */
    protect?: boolean;
    /**
     * Tags on every taggable child.
     * @default {}
     * @example { project: "bulwark", stack: "prod" }
     */
    tags?: Record<string, string>;
}

/** CdnArgs with every default applied. */
export interface NormalizedCdnArgs {
    functionUrl: pulumi.Input<string>;
    functionName: pulumi.Input<string>;
    aliasName: pulumi.Input<string>;
    priceClass: PriceClass;
    wafMode: WafMode;
    rateLimitPer5Min: number;
    originReadTimeoutSeconds: number;
    customDomain: { domainName: string; certificateArn: string } | undefined;
    staticAssets: boolean;
    apiCacheTtlSeconds: number;
    cacheKeyHeaders: string[];
    cacheKeyQueryStrings: string[];
    logRetentionDays: LogRetentionDays;
    /** Checked again when an output resolves. */
    edgeKmsKeyArn: pulumi.Output<string>;
    protect: boolean;
    tags: Record<string, string>;
}

/** Every argument Cdn takes; anything else is rejected. */
export const CDN_ARG_NAMES: readonly (keyof CdnArgs)[] = [
    "functionUrl", "functionName", "aliasName", "priceClass", "wafMode", "rateLimitPer5Min",
    "originReadTimeoutSeconds", "domainName", "certificateArn", "staticAssets", "apiCacheTtlSeconds",
    "cacheKeyHeaders", "cacheKeyQueryStrings", "logRetentionDays", "edgeKmsKeyArn", "protect", "tags",
];

/**
 * Checks every argument and applies defaults, before any resource exists. Plain strings are checked
 * here; values only known at deploy time (another resource's output) are checked when they resolve.
 * Unknown arguments are rejected so that a caller cannot believe it switched something off (there is
 * deliberately no argument that removes the WAF or lets viewers use plain HTTP).
 */
export function validateCdnArgs(name: string, args: CdnArgs): NormalizedCdnArgs {
    const fail = (field: string, value: unknown, allowed: string): ConfigError => argError("Cdn", name, field, value, allowed);

    if (!COMPONENT_NAME.test(name)) {
        throw fail("name", name, "1 to 30 lowercase letters, digits and hyphens starting with a letter (it prefixes S3 bucket names)");
    }
    for (const key of Object.keys(args ?? {})) {
        if (!(CDN_ARG_NAMES as readonly string[]).includes(key)) {
            throw fail(key, (args as unknown as Record<string, unknown>)[key], `left out: Cdn takes only ${CDN_ARG_NAMES.join(", ")}`);
        }
    }

    if (typeof args.functionUrl === "string") functionUrlHost(name, args.functionUrl);
    else if (args.functionUrl === undefined) throw fail("functionUrl", undefined, "the API alias's function URL, such as https://abc123.lambda-url.eu-west-1.on.aws/");
    if (args.functionName === undefined || args.functionName === "") throw fail("functionName", args.functionName, "the API function's name");
    if (typeof args.functionName === "string" && !/^(arn:aws:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}$/.test(args.functionName)) {
        throw fail("functionName", args.functionName, "a Lambda function name (letters, digits, hyphens, underscores) or its ARN");
    }
    if (args.aliasName === undefined || args.aliasName === "") throw fail("aliasName", args.aliasName, "the alias the function URL belongs to, such as live");
    if (typeof args.aliasName === "string" && !/^(?!\d+$)[A-Za-z0-9_-]{1,128}$/.test(args.aliasName)) {
        throw fail("aliasName", args.aliasName, "a Lambda alias name such as live (not $LATEST or a version number)");
    }

    const priceClass = args.priceClass ?? "PriceClass_100";
    if (!(PRICE_CLASSES as readonly string[]).includes(priceClass)) throw fail("priceClass", priceClass, `one of ${PRICE_CLASSES.join(", ")}`);
    const wafMode = args.wafMode ?? "block";
    if (!(WAF_MODES as readonly string[]).includes(wafMode)) throw fail("wafMode", wafMode, `one of ${WAF_MODES.join(", ")}`);
    const rateLimitPer5Min = integerIn(fail, "rateLimitPer5Min", args.rateLimitPer5Min ?? 2000, 10, 2_000_000_000);
    const originReadTimeoutSeconds = integerIn(fail, "originReadTimeoutSeconds", args.originReadTimeoutSeconds ?? 30, 1, 60);
    const apiCacheTtlSeconds = integerIn(fail, "apiCacheTtlSeconds", args.apiCacheTtlSeconds ?? 5, 0, 3600);
    const logRetentionDays = args.logRetentionDays ?? 30;
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        throw fail("logRetentionDays", logRetentionDays, `one of the CloudWatch Logs retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    const staticAssets = args.staticAssets ?? false;
    if (typeof staticAssets !== "boolean") throw fail("staticAssets", staticAssets, "true or false");
    const protect = args.protect ?? false;
    if (typeof protect !== "boolean") throw fail("protect", protect, "true or false");

    const customDomain = validateCustomDomain(fail, args.domainName, args.certificateArn);
    const cacheKeyHeaders = validateCacheKeyHeaders(fail, args.cacheKeyHeaders ?? []);
    const cacheKeyQueryStrings = validateCacheKeyQueryStrings(fail, args.cacheKeyQueryStrings ?? []);

    if (args.edgeKmsKeyArn === undefined || args.edgeKmsKeyArn === "") {
        throw fail("edgeKmsKeyArn", args.edgeKmsKeyArn, "the ARN of a KMS key in us-east-1 that encrypts the edge logs and buckets, such as the Baseline's edgeKeyArn");
    }
    if (typeof args.edgeKmsKeyArn === "string") edgeKeyArn(name, args.edgeKmsKeyArn);

    return {
        functionUrl: args.functionUrl,
        functionName: args.functionName,
        aliasName: args.aliasName,
        priceClass,
        wafMode,
        rateLimitPer5Min,
        originReadTimeoutSeconds,
        customDomain,
        staticAssets,
        apiCacheTtlSeconds,
        cacheKeyHeaders,
        cacheKeyQueryStrings,
        logRetentionDays,
        edgeKmsKeyArn: pulumi.output(args.edgeKmsKeyArn).apply((arn) => edgeKeyArn(name, arn)),
        protect,
        tags: args.tags ?? {},
    };
}

type Fail = (field: string, value: unknown, allowed: string) => ConfigError;

function integerIn(fail: Fail, field: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) throw fail(field, value, `an integer between ${min} and ${max}`);
    return value;
}

function validateCustomDomain(fail: Fail, domainName: string | undefined, certificateArn: string | undefined): NormalizedCdnArgs["customDomain"] {
    if (domainName === undefined && certificateArn === undefined) return undefined;
    if (domainName === undefined) throw fail("domainName", undefined, "set together with certificateArn: a certificate is only used for a custom domain");
    if (certificateArn === undefined) throw fail("certificateArn", undefined, `set together with domainName: CloudFront needs an ACM certificate in us-east-1 for ${domainName}`);
    const labels = domainName.split(".");
    const hostname =
        domainName.length <= 253 && labels.length >= 2 && labels.every((l) => HOSTNAME_LABEL.test(l)) && /^[a-z]{2,63}$/.test(labels[labels.length - 1]);
    if (!hostname) throw fail("domainName", domainName, "a lowercase hostname such as api.example.com");
    const match = ACM_ARN.exec(certificateArn);
    if (!match) throw fail("certificateArn", certificateArn, "an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
    if (match[1] !== EDGE_REGION) throw fail("certificateArn", certificateArn, "an ACM certificate ARN in us-east-1: CloudFront only uses certificates from that region");
    return { domainName, certificateArn };
}

function validateCacheKeyHeaders(fail: Fail, headers: string[]): string[] {
    if (!Array.isArray(headers)) throw fail("cacheKeyHeaders", headers, "a list of header names such as [\"Accept\"]");
    if (headers.length > MAX_CACHE_KEY_HEADERS) throw fail("cacheKeyHeaders", headers, `at most ${MAX_CACHE_KEY_HEADERS} header names (a CloudFront cache policy limit)`);
    const seen = new Set<string>();
    for (const header of headers) {
        if (typeof header !== "string" || !HEADER_NAME.test(header)) throw fail("cacheKeyHeaders", headers, `header names only; "${header}" is not one`);
        const lower = header.toLowerCase();
        if (lower === "host") throw fail("cacheKeyHeaders", headers, "without Host: a function URL answers only to its own host name");
        if (lower === "authorization") throw fail("cacheKeyHeaders", headers, "without Authorization: CloudFront replaces it with its SigV4 signature to the function URL");
        if (seen.has(lower)) throw fail("cacheKeyHeaders", headers, `free of duplicates ("${header}" appears twice)`);
        seen.add(lower);
    }
    return [...headers];
}

function validateCacheKeyQueryStrings(fail: Fail, names: readonly string[]): string[] {
    if (!Array.isArray(names)) throw fail("cacheKeyQueryStrings", names, "a list of query string parameter names such as [\"page\"]");
    if (names.length > MAX_CACHE_KEY_QUERY_STRINGS) {
        throw fail("cacheKeyQueryStrings", names, `at most ${MAX_CACHE_KEY_QUERY_STRINGS} names (a CloudFront cache policy limit)`);
    }
    const seen = new Set<string>();
    for (const name of names) {
        if (typeof name !== "string" || !QUERY_STRING_NAME.test(name)) throw fail("cacheKeyQueryStrings", names, `parameter names only; "${name}" is not one`);
        if (seen.has(name)) throw fail("cacheKeyQueryStrings", names, `free of duplicates ("${name}" appears twice)`);
        seen.add(name);
    }
    return [...names];
}

/** The origin host of a function URL: no scheme, no trailing slash. Throws a named error for anything else. */
export function functionUrlHost(name: string, functionUrl: string): string {
    const match = FUNCTION_URL.exec(functionUrl);
    if (!match) {
        throw argError("Cdn", name, "functionUrl", functionUrl, "a Lambda function URL such as https://abc123.lambda-url.eu-west-1.on.aws/");
    }
    return match[1];
}

/** A KMS key ARN in us-east-1, returned as it is; throws a named error for anything else. */
export function edgeKeyArn(name: string, arn: string): string {
    const match = KMS_KEY_ARN.exec(arn);
    if (!match || match[1] !== EDGE_REGION) {
        throw argError("Cdn", name, "edgeKmsKeyArn", arn, "a KMS key ARN in us-east-1, where the WAF log group and both buckets live, such as arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
    }
    return arn;
}

/** What the WAF does with a managed rule group's verdicts and with the rate rule, per mode. */
export function wafActions(mode: WafMode): { managedOverride: aws.types.input.wafv2.WebAclRuleOverrideAction; rateAction: aws.types.input.wafv2.WebAclRuleAction } {
    return mode === "block"
        ? { managedOverride: { none: {} }, rateAction: { block: {} } }
        : { managedOverride: { count: {} }, rateAction: { count: {} } };
}

/**
 * CloudFront in front of the API's function URL: signed origin requests (OAC), a WAF in us-east-1,
 * HTTPS-only viewers, security headers, short API caching, optional private static assets and access
 * logs, all encrypted at rest with the caller's customer managed key.
 */
export class Cdn extends pulumi.ComponentResource {
    readonly distributionId: pulumi.Output<string>;
    readonly distributionArn: pulumi.Output<string>;
    /** The distribution's own *.cloudfront.net name: the target of the custom domain's DNS record. */
    readonly domainName: pulumi.Output<string>;
    /** https:// and the custom domain when there is one, else the CloudFront name. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, rawArgs: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        const args = validateCdnArgs(name, rawArgs);
        super("bulwark:edge:Cdn", name, {}, opts);

        const webAcl = this.createWaf(name, args);
        const policies = this.createPolicies(name, args);
        const staticBucket = args.staticAssets ? this.createStaticBucket(name, args) : undefined;
        const distribution = this.createDistribution(name, args, webAcl, policies, staticBucket);
        this.grantFunctionUrl(name, args, distribution);
        if (staticBucket) this.grantStaticRead(name, staticBucket, distribution);
        this.createAccessLogs(name, args, distribution);

        this.distributionId = distribution.id;
        this.distributionArn = distribution.arn;
        this.domainName = distribution.domainName;
        this.url = args.customDomain ? pulumi.output(`https://${args.customDomain.domainName}`) : pulumi.interpolate`https://${distribution.domainName}`;
        this.registerOutputs({ distributionId: this.distributionId, distributionArn: this.distributionArn, domainName: this.domainName, url: this.url });
    }

    /**
     * A web ACL can guard CloudFront only when it is created in us-east-1 with scope CLOUDFRONT. Every
     * us-east-1 child sets the `region` input on the stack's own provider instead of using a second
     * provider: an explicit provider would not inherit aws:profile, assumeRole or allowedAccountIds, and
     * the edge resources could land in another account.
     */
    private createWaf(name: string, args: NormalizedCdnArgs): aws.wafv2.WebAcl {
        const { managedOverride, rateAction } = wafActions(args.wafMode);
        const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${name}-${metric}` });
        const rules: aws.types.input.wafv2.WebAclRule[] = [
            {
                // First, so a flood is cut before the (request-priced) managed groups inspect it.
                name: "rate-limit-per-ip",
                priority: 0,
                action: rateAction,
                statement: { rateBasedStatement: { limit: args.rateLimitPer5Min, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
                visibilityConfig: visibility("rate-limit"),
            },
            ...MANAGED_RULE_GROUPS.map((group, index) => ({
                name: group,
                priority: index + 1,
                overrideAction: managedOverride,
                statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                visibilityConfig: visibility(group),
            })),
        ];
        const webAcl = new aws.wafv2.WebAcl(
            `${name}-waf`,
            {
                region: EDGE_REGION,
                scope: "CLOUDFRONT",
                description: `Guards the ${name} CloudFront distribution, ${args.wafMode} mode`,
                defaultAction: { allow: {} },
                rules,
                visibilityConfig: visibility("waf"),
                tags: args.tags,
            },
            { parent: this },
        );
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-waf-logs`,
            {
                // WAF refuses log groups whose names do not start with this prefix.
                region: EDGE_REGION,
                namePrefix: `aws-waf-logs-${name}-`,
                retentionInDays: args.logRetentionDays,
                kmsKeyId: args.edgeKmsKeyArn,
                tags: args.tags,
            },
            { parent: this, protect: args.protect },
        );
        new aws.wafv2.WebAclLoggingConfiguration(
            `${name}-waf-logging`,
            {
                region: EDGE_REGION,
                resourceArn: webAcl.arn,
                logDestinationConfigs: [logGroup.arn],
                // Viewers' credentials and sessions have no place in logs that many people can read.
                redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
            },
            { parent: this },
        );
        return webAcl;
    }

    private createPolicies(name: string, args: NormalizedCdnArgs) {
        const ttl = args.apiCacheTtlSeconds;
        // CloudFront rejects cache-key settings on a policy whose TTLs are all 0 (caching off).
        const apiCacheKey: aws.types.input.cloudfront.CachePolicyParametersInCacheKeyAndForwardedToOrigin =
            ttl === 0
                ? {
                      cookiesConfig: { cookieBehavior: "none" },
                      headersConfig: { headerBehavior: "none" },
                      queryStringsConfig: { queryStringBehavior: "none" },
                      enableAcceptEncodingGzip: false,
                      enableAcceptEncodingBrotli: false,
                  }
                : {
                      cookiesConfig: { cookieBehavior: "none" },
                      headersConfig:
                          args.cacheKeyHeaders.length > 0
                              ? { headerBehavior: "whitelist", headers: { items: args.cacheKeyHeaders } }
                              : { headerBehavior: "none" },
                      queryStringsConfig:
                          args.cacheKeyQueryStrings.length > 0
                              ? { queryStringBehavior: "whitelist", queryStrings: { items: args.cacheKeyQueryStrings } }
                              : { queryStringBehavior: "none" },
                      enableAcceptEncodingGzip: true,
                      enableAcceptEncodingBrotli: true,
                  };
        const apiCache = new aws.cloudfront.CachePolicy(
            `${name}-api-cache`,
            {
                comment: `API responses of ${name}: ${ttl}s unless the function says otherwise`,
                minTtl: 0,
                defaultTtl: ttl,
                maxTtl: ttl * 2,
                parametersInCacheKeyAndForwardedToOrigin: apiCacheKey,
            },
            { parent: this },
        );
        const staticCache = args.staticAssets
            ? new aws.cloudfront.CachePolicy(
                  `${name}-static-cache`,
                  {
                      comment: `Static assets of ${name}`,
                      ...STATIC_TTL,
                      parametersInCacheKeyAndForwardedToOrigin: {
                          cookiesConfig: { cookieBehavior: "none" },
                          headersConfig: { headerBehavior: "none" },
                          queryStringsConfig: { queryStringBehavior: "none" },
                          enableAcceptEncodingGzip: true,
                          enableAcceptEncodingBrotli: true,
                      },
                  },
                  { parent: this },
              )
            : undefined;
        const headers = new aws.cloudfront.ResponseHeadersPolicy(
            `${name}-security-headers`,
            {
                comment: `Security headers for ${name}`,
                securityHeadersConfig: {
                    strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, preload: true, override: true },
                    contentTypeOptions: { override: true },
                    frameOptions: { frameOption: "DENY", override: true },
                    referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
                    contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
                },
            },
            { parent: this },
        );
        const functionOac = new aws.cloudfront.OriginAccessControl(
            `${name}-function-oac`,
            {
                description: `Signs requests from ${name} to the API function URL`,
                originAccessControlOriginType: "lambda",
                signingBehavior: "always",
                signingProtocol: "sigv4",
            },
            { parent: this },
        );
        const staticOac = args.staticAssets
            ? new aws.cloudfront.OriginAccessControl(
                  `${name}-static-oac`,
                  {
                      description: `Signs requests from ${name} to its static assets bucket`,
                      originAccessControlOriginType: "s3",
                      signingBehavior: "always",
                      signingProtocol: "sigv4",
                  },
                  { parent: this },
              )
            : undefined;
        return { apiCache, staticCache, headers, functionOac, staticOac };
    }

    /**
     * In us-east-1 with the access logs, because its SSE-KMS key must be in the bucket's region; an origin's
     * region only matters on cache misses, and assets are cached for a day.
     */
    private createStaticBucket(name: string, args: NormalizedCdnArgs): aws.s3.Bucket {
        const opts = { parent: this };
        const bucket = new aws.s3.Bucket(`${name}-static`, { region: EDGE_REGION, tags: args.tags }, { ...opts, protect: args.protect });
        this.lockDownBucket(`${name}-static`, bucket, args.edgeKmsKeyArn);
        new aws.s3.BucketVersioning(`${name}-static-versioning`, { region: EDGE_REGION, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-static-lifecycle`,
            {
                region: EDGE_REGION,
                bucket: bucket.id,
                rules: [
                    {
                        // Every deploy overwrites assets; old versions are kept long enough to roll back, then dropped.
                        id: "expire-old-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: 30 },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                    },
                ],
            },
            opts,
        );
        return bucket;
    }

    /**
     * Private, owner-enforced (no ACLs) and encrypted at rest with the edge key: the same for both buckets.
     * The S3 Bucket Key lets S3 reuse a bucket-level data key instead of calling KMS for every object.
     */
    private lockDownBucket(prefix: string, bucket: aws.s3.Bucket, keyArn: pulumi.Input<string>) {
        const opts = { parent: this };
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${prefix}-public-access`,
            { region: EDGE_REGION, bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            opts,
        );
        new aws.s3.BucketOwnershipControls(`${prefix}-ownership`, { region: EDGE_REGION, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${prefix}-encryption`,
            { region: EDGE_REGION, bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }] },
            opts,
        );
        return { publicAccess, encryption };
    }

    private createDistribution(
        name: string,
        args: NormalizedCdnArgs,
        webAcl: aws.wafv2.WebAcl,
        policies: ReturnType<Cdn["createPolicies"]>,
        staticBucket: aws.s3.Bucket | undefined,
    ): aws.cloudfront.Distribution {
        const originHost = pulumi.output(args.functionUrl).apply((url) => functionUrlHost(name, url));
        const origins: aws.types.input.cloudfront.DistributionOrigin[] = [
            {
                originId: "api",
                domainName: originHost,
                originAccessControlId: policies.functionOac.id,
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "https-only",
                    originSslProtocols: ["TLSv1.2"],
                    originReadTimeout: args.originReadTimeoutSeconds,
                    originKeepaliveTimeout: 5,
                },
            },
        ];
        const orderedCacheBehaviors: aws.types.input.cloudfront.DistributionOrderedCacheBehavior[] = [];
        if (staticBucket && policies.staticCache && policies.staticOac) {
            origins.push({ originId: "static", domainName: staticBucket.bucketRegionalDomainName, originAccessControlId: policies.staticOac.id });
            orderedCacheBehaviors.push({
                pathPattern: STATIC_PATH_PATTERN,
                targetOriginId: "static",
                viewerProtocolPolicy: "redirect-to-https",
                allowedMethods: ["GET", "HEAD"],
                cachedMethods: ["GET", "HEAD"],
                compress: true,
                cachePolicyId: policies.staticCache.id,
                responseHeadersPolicyId: policies.headers.id,
            });
        }
        const viewerCertificate: aws.types.input.cloudfront.DistributionViewerCertificate = args.customDomain
            ? { acmCertificateArn: args.customDomain.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
            : { cloudfrontDefaultCertificate: true };

        return new aws.cloudfront.Distribution(
            `${name}-distribution`,
            {
                enabled: true,
                comment: `${name}: API on Lambda behind WAF`,
                aliases: args.customDomain ? [args.customDomain.domainName] : undefined,
                priceClass: args.priceClass,
                httpVersion: "http2and3",
                isIpv6Enabled: true,
                webAclId: webAcl.arn,
                origins,
                defaultCacheBehavior: {
                    targetOriginId: "api",
                    viewerProtocolPolicy: "redirect-to-https",
                    allowedMethods: [...API_ALLOWED_METHODS],
                    cachedMethods: [...API_CACHED_METHODS],
                    compress: true,
                    cachePolicyId: policies.apiCache.id,
                    originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
                    responseHeadersPolicyId: policies.headers.id,
                },
                orderedCacheBehaviors,
                restrictions: { geoRestriction: { restrictionType: "none", locations: [] } },
                viewerCertificate,
                tags: args.tags,
            },
            { parent: this },
        );
    }

    /**
     * Since October 2025 a function URL needs both actions granted; the InvokeFunction grant is limited to
     * calls that come through the URL, and both only to this distribution and the alias.
     */
    private grantFunctionUrl(name: string, args: NormalizedCdnArgs, distribution: aws.cloudfront.Distribution): void {
        const common = { function: args.functionName, qualifier: args.aliasName, principal: "cloudfront.amazonaws.com", sourceArn: distribution.arn };
        new aws.lambda.Permission(`${name}-invoke-url`, { ...common, action: "lambda:InvokeFunctionUrl", functionUrlAuthType: "AWS_IAM" }, { parent: this });
        new aws.lambda.Permission(`${name}-invoke-function`, { ...common, action: "lambda:InvokeFunction", invokedViaFunctionUrl: true }, { parent: this });
    }

    private grantStaticRead(name: string, bucket: aws.s3.Bucket, distribution: aws.cloudfront.Distribution): void {
        const policy = pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                denyInsecureTransport(bucket),
                {
                    Sid: "AllowThisDistributionOnly",
                    Effect: "Allow",
                    Principal: { Service: "cloudfront.amazonaws.com" },
                    Action: "s3:GetObject",
                    Resource: pulumi.interpolate`${bucket.arn}/*`,
                    Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
                },
            ],
        });
        new aws.s3.BucketPolicy(`${name}-static-policy`, { region: EDGE_REGION, bucket: bucket.id, policy }, { parent: this });
    }

    /**
     * CloudFront standard logging (v2) to S3. Unlike legacy logging it needs no bucket ACLs, so the
     * bucket stays BucketOwnerEnforced. The delivery source must be in us-east-1, so the whole chain
     * (and the bucket, to keep the logs beside the WAF's) lives there.
     */
    private createAccessLogs(name: string, args: NormalizedCdnArgs, distribution: aws.cloudfront.Distribution): void {
        const opts = { parent: this };
        // Delivered logs are not in the stack: without forceDestroy, destroying an unprotected stack fails with BucketNotEmpty.
        const bucket = new aws.s3.Bucket(`${name}-access-logs`, { region: EDGE_REGION, forceDestroy: !args.protect, tags: args.tags }, { ...opts, protect: args.protect });
        const { publicAccess, encryption } = this.lockDownBucket(`${name}-access-logs`, bucket, args.edgeKmsKeyArn);
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-access-logs-lifecycle`,
            {
                region: EDGE_REGION,
                bucket: bucket.id,
                rules: [
                    {
                        id: "expire-logs",
                        status: "Enabled",
                        filter: {},
                        expiration: { days: args.logRetentionDays },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                    },
                ],
            },
            opts,
        );
        const source = new aws.cloudwatch.LogDeliverySource(
            `${name}-logs-source`,
            { region: EDGE_REGION, logType: "ACCESS_LOGS", resourceArn: distribution.arn, tags: args.tags },
            opts,
        );
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const bucketPolicy = new aws.s3.BucketPolicy(
            `${name}-access-logs-policy`,
            {
                region: EDGE_REGION,
                bucket: bucket.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        denyInsecureTransport(bucket),
                        {
                            Sid: "AllowThisDeliverySourceOnly",
                            Effect: "Allow",
                            Principal: { Service: "delivery.logs.amazonaws.com" },
                            Action: "s3:PutObject",
                            Resource: pulumi.interpolate`${bucket.arn}/AWSLogs/${account}/*`,
                            Condition: {
                                StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": account },
                                ArnLike: { "aws:SourceArn": source.arn },
                            },
                        },
                    ],
                }),
            },
            { ...opts, dependsOn: [publicAccess] },
        );
        const destination = new aws.cloudwatch.LogDeliveryDestination(
            `${name}-logs-destination`,
            { region: EDGE_REGION, outputFormat: "json", deliveryDestinationConfiguration: { destinationResourceArn: bucket.arn }, tags: args.tags },
            opts,
        );
        new aws.cloudwatch.LogDelivery(
            `${name}-logs-delivery`,
            { region: EDGE_REGION, deliverySourceName: source.name, deliveryDestinationArn: destination.arn, tags: args.tags },
            // Objects written before the default encryption exists would be SSE-S3 for good.
            { ...opts, dependsOn: [bucketPolicy, encryption] },
        );
    }
}

function denyInsecureTransport(bucket: aws.s3.Bucket) {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}
