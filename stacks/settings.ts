/**
 * Typed per-environment settings: the stack's `bulwark:*` config merged over its profile, every field
 * validated, cross-field rules checked, and the result deeply frozen. index.ts calls loadSettings()
 * once and passes plain values to components; nothing else reads config.
 *
 * resolveSettings is the pure core (no Pulumi), so it can be tested with generated inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, configError, configSetCommand, shellQuote } from "./errors";
import { deepFreeze } from "./freeze";
import { PROD_MINIMUMS, PROFILES } from "./profiles";
import {
    boolean, closestKey, decimal, integer, listOf, matching, oneOf, oneOfNumbers, optional, Rule, text, versionNumber,
} from "./rules";
import { cidrProblem, LARGEST_VPC_PREFIX } from "./subnets";
import {
    ApiSettings, CACHE_ENGINE_VERSIONS, CACHE_ENGINES, CACHE_NODE_TYPES, CacheEngineVersion, CacheSettings,
    CdnSettings, DEFAULT_CACHE_ENGINE_VERSION, LAYER_NAMES, LayerName, ENDPOINTS_REQUIRED_WITHOUT_NAT, INTERFACE_ENDPOINT_SERVICES, KEY_LAYOUTS,
    LOG_RETENTION_DAYS, MAXMEMORY_POLICIES, MonitoringSettings, NAT_INSTANCE_COUNTS, NAT_INSTANCE_TYPES,
    NAT_STRATEGIES, NetworkSettings, PRICE_CLASSES, Profile, PROFILE_NAMES, ProfileName, RESERVED_TAG_KEYS,
    SECTION_NAMES, SectionName, SecuritySettings, Settings, WAF_MODES,
} from "./types";
import { MINIMUM_WINDOW_MINUTES, parseDailyWindow, parseWeeklyWindow, windowMinutes, windowsOverlap } from "./windows";


/** Node families that run on CPU credits (cache.t3.*, cache.t4g.*). */
const BURSTABLE_NODE_TYPE = /^cache\.t\d+g?\./;
export * from "./types";
export { carveSubnets, SubnetCidrs } from "./subnets";
export { ConfigError } from "./errors";
export { PROFILES, DEV_PROFILE, PROD_PROFILE, PROD_MINIMUMS } from "./profiles";

/** The config namespace, which is also the Pulumi project name. */
export const NAMESPACE = "bulwark";

/** Top-level keys that hold one value rather than a section of fields. */
export const SCALAR_KEYS = ["profile", "protect", "tags", "layer"] as const;
export const TOP_LEVEL_KEYS: readonly string[] = [...SCALAR_KEYS, ...SECTION_NAMES];

export const MAX_USER_TAGS = 40;

type SectionRules<T> = { readonly [F in keyof T]-?: Rule<T[F]> };

const RFC1918 = [
    { first: 10 << 24, bits: 8 },
    { first: (172 << 24) | (16 << 16), bits: 12 },
    { first: (192 << 24) | (168 << 16), bits: 16 },
];

function ipv4ToInt(address: string): number {
    return address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

/** True when the whole CIDR sits inside one RFC 1918 private range. Assumes a valid CIDR. */
function isPrivateCidr(cidr: string): boolean {
    const [address, prefixText] = cidr.split("/");
    const prefix = Number(prefixText);
    const value = ipv4ToInt(address);
    return RFC1918.some(({ first, bits }) => {
        const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
        return prefix >= bits && ((value & mask) >>> 0) === first >>> 0;
    });
}

const vpcCidr = text(
    `a private (RFC 1918) IPv4 CIDR from /16 to /${LARGEST_VPC_PREFIX}, such as 10.0.0.0/16`,
    "10.0.0.0/16",
    (cidr) => {
        const problem = cidrProblem(cidr, 1);
        if (problem !== undefined) {
            return problem;
        }
        if (Number(cidr.split("/")[1]) < 16) {
            return "a /16 or smaller range: AWS allows VPC ranges from /16 to /28";
        }
        return isPrivateCidr(cidr)
            ? undefined
            : "inside a private (RFC 1918) range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16";
    },
);

const logRetention = oneOfNumbers(LOG_RETENTION_DAYS, "the CloudWatch Logs retention periods in days");

const HOSTNAME_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
function hostnameProblem(name: string): string | undefined {
    const labels = name.split(".");
    const valid =
        name.length <= 253 &&
        labels.length >= 2 &&
        labels.every((label) => HOSTNAME_LABEL.test(label)) &&
        /^[a-z]{2,63}$/.test(labels[labels.length - 1]);
    return valid ? undefined : "a lowercase hostname such as api.example.com";
}

const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

const upstreamUrl = text(
    "an https:// URL without credentials, such as https://api.example.com",
    "https://jsonplaceholder.typicode.com",
    (value) => {
        let url: URL;
        try {
            url = new URL(value);
        } catch {
            return "an https:// URL such as https://api.example.com";
        }
        if (url.protocol !== "https:") {
            return "an https:// URL: the API must not fetch its origin in clear text";
        }
        if (url.username !== "" || url.password !== "") {
            return "an https:// URL without credentials: stack config is not secret, keep credentials in Secrets Manager";
        }
        return url.hostname === "" ? "an https:// URL with a host" : undefined;
    },
);

const allVersions = [...CACHE_ENGINE_VERSIONS.valkey, ...CACHE_ENGINE_VERSIONS.redis];

const SNAPSHOT_WINDOW_ALLOWED =
    `a daily UTC window "hh:mm-hh:mm" of at least ${MINIMUM_WINDOW_MINUTES} minutes, such as 03:00-04:00`;
const MAINTENANCE_WINDOW_ALLOWED =
    `a weekly UTC window "ddd:hh:mm-ddd:hh:mm" (ddd is sun to sat, lowercase) of at least ${MINIMUM_WINDOW_MINUTES} minutes, such as sun:05:00-sun:06:00`;

const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

const ACM_ARN = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXAMPLE_CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

/** Every field's rule. The mapped types make a field without a rule (or a rule without a field) a type error. */
export const SECTION_RULES: { readonly [S in SectionName]: SectionRules<Settings[S]> } = {
    network: {
        cidr: vpcCidr,
        azCount: integer(1, 6),
        natStrategy: oneOf(NAT_STRATEGIES),
        natInstanceCount: oneOf(NAT_INSTANCE_COUNTS),
        natInstanceType: oneOf(NAT_INSTANCE_TYPES),
        natInstanceAmi: optional(matching(/^ami-[0-9a-f]{8,17}$/, "an AMI id such as ami-0123456789abcdef0", "ami-0123456789abcdef0")),
        interfaceEndpoints: listOf(oneOf(INTERFACE_ENDPOINT_SERVICES), { noun: "services" }),
        flowLogRetentionDays: logRetention,
        existingVpcId: optional(matching(/^vpc-[0-9a-f]{8,17}$/, "a VPC id such as vpc-0123456789abcdef0", "vpc-0123456789abcdef0")),
        existingPrivateSubnetIds: optional(
            listOf(matching(SUBNET_ID, "a subnet id such as subnet-0123456789abcdef0", "subnet-0123456789abcdef0"), {
                minItems: 2,
                noun: "subnet ids",
                exampleAt: (index) => `subnet-0123456789abcde${(0xf0 + index).toString(16)}`,
            }),
        ),
        existingIsolatedSubnetIds: optional(
            listOf(matching(SUBNET_ID, "a subnet id such as subnet-0fedcba9876543210", "subnet-0fedcba9876543210"), {
                minItems: 2,
                noun: "subnet ids",
                exampleAt: (index) => `subnet-0fedcba98765432${(0x10 + index).toString(16)}`,
            }),
        ),
    } satisfies SectionRules<NetworkSettings>,
    api: {
        memoryMb: integer(128, 10240),
        timeoutSeconds: integer(1, 900),
        reservedConcurrency: optional(integer(1)),
        canaryPercent: decimal(0, 50),
        stableVersion: optional(versionNumber()),
        upstreamUrl,
        logRetentionDays: logRetention,
        cacheTtlSeconds: integer(1, 86400),
        redisTimeoutMs: integer(5, 1000),
        upstreamTimeoutMs: integer(100, 899_000),
    } satisfies SectionRules<ApiSettings>,
    cache: {
        engine: oneOf(CACHE_ENGINES),
        engineVersion: oneOf<CacheEngineVersion>(allVersions),
        nodeType: oneOf(CACHE_NODE_TYPES),
        replicas: integer(0, 5),
        serverless: boolean(),
        snapshotRetentionDays: integer(0, 35),
        snapshotWindow: text(
            SNAPSHOT_WINDOW_ALLOWED,
            "03:00-04:00",
            (value) => {
                const window = parseDailyWindow(value);
                return window && windowMinutes(window) >= MINIMUM_WINDOW_MINUTES ? undefined : SNAPSHOT_WINDOW_ALLOWED;
            },
        ),
        maintenanceWindow: text(
            MAINTENANCE_WINDOW_ALLOWED,
            "sun:05:00-sun:06:00",
            (value) => {
                const window = parseWeeklyWindow(value);
                return window && windowMinutes(window) >= MINIMUM_WINDOW_MINUTES ? undefined : MAINTENANCE_WINDOW_ALLOWED;
            },
        ),
        maxmemoryPolicy: oneOf(MAXMEMORY_POLICIES),
    } satisfies SectionRules<CacheSettings>,
    cdn: {
        priceClass: oneOf(PRICE_CLASSES),
        wafMode: oneOf(WAF_MODES),
        rateLimitPer5Min: integer(10, 2_000_000_000),
        originReadTimeoutSeconds: integer(1, 60),
        domainName: optional(text("a lowercase hostname such as api.example.com", "api.example.com", hostnameProblem)),
        certificateArn: optional(
            text("an ACM certificate ARN in us-east-1", EXAMPLE_CERTIFICATE_ARN, (arn) => {
                const match = ACM_ARN.exec(arn);
                if (!match) {
                    return "an ACM certificate ARN such as " + EXAMPLE_CERTIFICATE_ARN;
                }
                return match[1] === "us-east-1"
                    ? undefined
                    : "an ACM certificate ARN in us-east-1: CloudFront only uses certificates from that region";
            }),
        ),
        staticAssets: boolean(),
        apiCacheTtlSeconds: integer(0, 3600),
        logRetentionDays: logRetention,
    } satisfies SectionRules<CdnSettings>,
    security: {
        ownAccountServices: boolean(),
        alertEmails: listOf(matching(EMAIL, "an email address such as ops@example.com", "ops@example.com"), {
            noun: "email addresses",
            exampleAt: (index) => (index === 0 ? "ops@example.com" : `ops-${index + 1}@example.com`),
        }),
        kmsDeletionWindowDays: integer(7, 30),
        trailLogRetentionDays: logRetention,
        enableTrail: boolean(),
        keyLayout: oneOf(KEY_LAYOUTS),
    } satisfies SectionRules<SecuritySettings>,
    monitoring: {
        hitRateThreshold: decimal(0, 100),
        durationAlarmPercent: integer(50, 100),
        cacheCpuPercent: integer(1, 100),
        cacheMemoryPercent: integer(1, 100),
        cdn5xxRatePercent: decimal(0, 100, { minExclusive: true }),
        dashboard: boolean(),
    } satisfies SectionRules<MonitoringSettings>,
};

const PROTECT_RULE = boolean();
const PROFILE_RULE = oneOf(PROFILE_NAMES);
const LAYER_RULE = oneOf(LAYER_NAMES);

/** The layer a stack deploys and its environment; a layered stack's name must say both. */
function resolveLayer(report: Reporter, stack: string, raw: unknown): { layer?: LayerName; environment: string } {
    if (raw === undefined) return { environment: stack };
    const key = `${NAMESPACE}:layer`;
    const parsed = LAYER_RULE.parse(raw);
    if (!parsed.ok) {
        throw report.errorWithCommand(
            key, raw, `${LAYER_RULE.allowed} (or unset: the whole platform in one stack)`,
            `${configSetCommand(key, closestLayer(raw))}, or pulumi config rm ${key}`,
        );
    }
    const layer = parsed.value;
    const suffix = `-${layer}`;
    if (!stack.endsWith(suffix) || stack.length === suffix.length) {
        throw report.errorWithCommand(
            key, raw,
            `a layer of a stack named <environment>${suffix} (e.g. dev${suffix}): the layers find each other's stacks by that name, ` +
                `and stack "${stack}" is not one`,
            `pulumi stack init dev${suffix} (then set ${key} ${layer} there), or pulumi config rm ${key}`,
        );
    }
    return { layer, environment: stack.slice(0, -suffix.length) };
}

function closestLayer(raw: unknown): LayerName {
    const text = typeof raw === "string" ? raw.toLowerCase() : "";
    return LAYER_NAMES.find((name) => text.startsWith(name.slice(0, 3))) ?? "network";
}

/** What resolveSettings needs: the stack's name, its region and its raw `bulwark:*` values. */
export interface SettingsInput {
    /** The Pulumi stack name. */
    readonly stack: string;
    /** `aws:region`; required, so undefined is rejected. */
    readonly region?: string;
    /** `bulwark:*` config keyed without the namespace (`network`, not `bulwark:network`), JSON already parsed. */
    readonly values: Readonly<Record<string, unknown>>;
    /** Keys of `values` that Pulumi holds as secrets (`pulumi config set --secret`). */
    readonly secretKeys?: readonly string[];
}

/** Errors for one stack: knows the stack file and how to phrase fixes. */
class Reporter {
    constructor(private readonly stack: string) {}

    error(key: string, value: unknown, allowed: string, fixKey: string, fixValue: string): ConfigError {
        return configError(key, value, allowed, configSetCommand(fixKey, fixValue), this.stack);
    }

    /** An error whose fix is an arbitrary command (removing a key, for instance). */
    errorWithCommand(key: string, value: unknown, allowed: string, command: string): ConfigError {
        return configError(key, value, allowed, command, this.stack);
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOwn(object: object, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(object, key);
}

/** A value as typed after `pulumi config set`, for fixes built from defaults. */
function cliValue(value: unknown): string | undefined {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return undefined;
}

function unknownKeyError(
    report: Reporter, key: string, value: unknown, known: readonly string[], what: string, correctedKey: (name: string) => string,
    exampleFor: (name: string) => string | undefined,
): ConfigError {
    const name = key.slice(key.lastIndexOf(key.includes(".") ? "." : ":") + 1);
    const suggestion = closestKey(name, known);
    const hint = suggestion !== undefined ? ` (did you mean "${suggestion}"?)` : "";
    const allowed = `a known ${what}${hint}: ${known.join(", ")}`;
    const remove = `pulumi config rm ${key.includes(".") ? "--path " : ""}${shellQuote(key)}`;
    const replacement = suggestion !== undefined ? exampleFor(suggestion) : undefined;
    const command =
        suggestion !== undefined && replacement !== undefined
            ? `${remove} && ${configSetCommand(correctedKey(suggestion), replacement)}`
            : remove;
    return report.errorWithCommand(key, value, allowed, command);
}

/** Merges one section's raw values over its defaults and parses every field. */
function resolveSection<S extends SectionName>(
    report: Reporter, section: S, raw: unknown, defaults: Settings[S],
): Settings[S] {
    const rules = SECTION_RULES[section] as unknown as Record<string, Rule<unknown>>;
    const fieldNames = Object.keys(rules);
    const prefix = `${NAMESPACE}:${section}`;
    const firstField = fieldNames[0];
    const defaultValues = defaults as unknown as Record<string, unknown>;
    if (raw !== undefined && !isPlainObject(raw)) {
        throw report.error(
            prefix, raw, `an object of ${section} settings (${fieldNames.join(", ")}), set one field at a time with --path`,
            `${prefix}.${firstField}`, cliValue(defaultValues[firstField]) ?? rules[firstField].example,
        );
    }
    const given = raw ?? {};
    for (const [name, value] of Object.entries(given)) {
        if (!hasOwn(rules, name)) {
            throw unknownKeyError(
                report, `${prefix}.${name}`, value, fieldNames, `${section} setting`, (field) => `${prefix}.${field}`,
                () => cliValue(value),
            );
        }
    }
    const resolved: Record<string, unknown> = {};
    for (const name of fieldNames) {
        const rule = rules[name];
        const value = hasOwn(given, name) ? given[name] : defaultValues[name];
        const parsed = rule.parse(value);
        if (!parsed.ok) {
            const at = parsed.at ?? "";
            const shown = parsed.at !== undefined ? parsed.value : value;
            const allowed = parsed.allowed ?? rule.allowed;
            const fieldKey = `${prefix}.${name}`;
            if (parsed.fixRemove) {
                throw report.errorWithCommand(`${fieldKey}${at}`, shown, allowed, `pulumi config rm --path ${shellQuote(fieldKey + at)}`);
            }
            const sets = parsed.fixSets ?? [[at, parsed.example ?? cliValue(defaultValues[name]) ?? rule.example]];
            const command = sets.map(([fixAt, fixValue]) => configSetCommand(`${fieldKey}${fixAt}`, fixValue)).join(" && ");
            throw report.errorWithCommand(`${fieldKey}${at}`, shown, allowed, command);
        }
        resolved[name] = parsed.value;
    }
    return resolved as unknown as Settings[S];
}

/** A stack of environment dev or prod (dev, dev-network...) takes that profile; any other names one. */
function resolveProfile(report: Reporter, environment: string, raw: unknown): ProfileName {
    const key = `${NAMESPACE}:profile`;
    const fromName = (PROFILE_NAMES as readonly string[]).includes(environment) ? (environment as ProfileName) : undefined;
    if (raw === undefined) {
        if (fromName === undefined) {
            throw report.error(
                key, raw,
                `"dev" or "prod" for environment "${environment}": only the dev and prod environments pick their profile from their name`,
                key, "dev",
            );
        }
        return fromName;
    }
    const parsed = PROFILE_RULE.parse(raw);
    if (!parsed.ok) {
        throw report.error(key, raw, PROFILE_RULE.allowed, key, fromName ?? "dev");
    }
    if (fromName !== undefined && parsed.value !== fromName) {
        throw report.error(
            key, raw, `"${fromName}" or not set in environment "${environment}": the ${fromName} environment always uses the ${fromName} profile`,
            key, fromName,
        );
    }
    return parsed.value;
}

function resolveRegion(report: Reporter, region: string | undefined): string {
    if (region === undefined || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
        throw report.error("aws:region", region, "an AWS region such as us-east-1", "aws:region", "us-east-1");
    }
    return region;
}

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

function resolveTags(report: Reporter, stack: string, raw: unknown): Readonly<Record<string, string>> {
    const key = `${NAMESPACE}:tags`;
    const tags: Record<string, string> = { project: NAMESPACE, stack };
    if (raw === undefined) {
        return tags;
    }
    if (!isPlainObject(raw)) {
        throw report.error(key, raw, "a map of tag names to values, set one tag at a time with --path", `${key}.owner`, "platform-team");
    }
    const entries = Object.entries(raw);
    if (entries.length > MAX_USER_TAGS) {
        throw report.errorWithCommand(
            key, `${entries.length} tags`, `at most ${MAX_USER_TAGS} tags: AWS allows 50 a resource and Bulwark adds its own`,
            `pulumi config rm --path ${key}.<name>`,
        );
    }
    for (const [name, value] of entries) {
        const tagKey = `${key}.${name}`;
        if ((RESERVED_TAG_KEYS as readonly string[]).includes(name)) {
            throw report.errorWithCommand(
                tagKey, value, `left unset: Bulwark sets the "${name}" tag itself`, `pulumi config rm --path ${shellQuote(tagKey)}`,
            );
        }
        if (!TAG_KEY.test(name) || name.toLowerCase().startsWith("aws:")) {
            throw report.errorWithCommand(
                tagKey, value,
                "a tag name of 1 to 128 letters, digits, spaces or _.:/=+-@, not starting with aws:",
                `pulumi config rm --path ${shellQuote(tagKey)}`,
            );
        }
        const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
        if (typeof text !== "string" || !TAG_VALUE.test(text)) {
            throw report.error(tagKey, value, "a tag value of up to 256 letters, digits, spaces or _.:/=+-@", tagKey, "value");
        }
        tags[name] = text;
    }
    return tags;
}

/** Rules that span fields or depend on the profile. Each names every key involved. */
function checkCrossField(report: Reporter, profile: ProfileName, s: Omit<Settings, "stack" | "tags" | "region" | "layer">): void {
    const key = (section: SectionName, field: string): string => `${NAMESPACE}:${section}.${field}`;
    const { network, api, cache, cdn, security } = s;

    if (api.timeoutSeconds >= cdn.originReadTimeoutSeconds) {
        const fixTimeout = cdn.originReadTimeoutSeconds > 1;
        throw report.error(
            key("api", "timeoutSeconds"), api.timeoutSeconds,
            `less than ${key("cdn", "originReadTimeoutSeconds")} (${cdn.originReadTimeoutSeconds}), ` +
                "or CloudFront gives up on the origin before the function can answer",
            fixTimeout ? key("api", "timeoutSeconds") : key("cdn", "originReadTimeoutSeconds"),
            fixTimeout ? String(cdn.originReadTimeoutSeconds - 1) : String(Math.min(60, api.timeoutSeconds + 1)),
        );
    }
    if (api.redisTimeoutMs >= api.timeoutSeconds * 1000) {
        throw report.error(
            key("api", "redisTimeoutMs"), api.redisTimeoutMs,
            `less than ${key("api", "timeoutSeconds")} in milliseconds (${api.timeoutSeconds * 1000}), ` +
                "so a slow cache leaves time to reach the upstream",
            key("api", "redisTimeoutMs"), "50",
        );
    }

    if (api.upstreamTimeoutMs >= api.timeoutSeconds * 1000) {
        // Otherwise the function times out before it can answer from the upstream or report its failure.
        const fixTimeout = api.upstreamTimeoutMs < 899_000;
        throw report.error(
            key("api", "timeoutSeconds"), api.timeoutSeconds,
            `above ${key("api", "upstreamTimeoutMs")} (${api.upstreamTimeoutMs} ms), so the function outlives a slow upstream call`,
            fixTimeout ? key("api", "timeoutSeconds") : key("api", "upstreamTimeoutMs"),
            fixTimeout ? String(Math.floor(api.upstreamTimeoutMs / 1000) + 1) : "3000",
        );
    }
    if (api.canaryPercent > 0 && api.stableVersion === undefined) {
        // The component would catch this too, but only after the network and cache were registered.
        throw report.error(
            key("api", "stableVersion"), undefined,
            `set when ${key("api", "canaryPercent")} is above 0: the live alias keeps that published version ` +
                "and sends the canary share to the newest one (read it with `pulumi stack output apiFunctionVersion`)",
            key("api", "stableVersion"), "7",
        );
    }

    if (network.existingVpcId === undefined) {
        for (const field of ["existingPrivateSubnetIds", "existingIsolatedSubnetIds"] as const) {
            if (network[field] !== undefined) {
                throw report.error(
                    key("network", "existingVpcId"), undefined,
                    `set when ${key("network", field)} is set: those subnets must belong to an existing VPC`,
                    key("network", "existingVpcId"), "vpc-0123456789abcdef0",
                );
            }
        }
        const problem = cidrProblem(network.cidr, network.azCount);
        if (problem !== undefined) {
            throw report.error(key("network", "cidr"), network.cidr, problem, key("network", "cidr"), "10.0.0.0/16");
        }
    } else {
        for (const field of ["existingPrivateSubnetIds", "existingIsolatedSubnetIds"] as const) {
            if (network[field] === undefined) {
                const base = field === "existingPrivateSubnetIds" ? "subnet-0123456789abcdef" : "subnet-0fedcba987654321";
                throw report.errorWithCommand(
                    key("network", field), undefined,
                    `a list of at least 2 subnet ids when ${key("network", "existingVpcId")} is set`,
                    [0, 1].map((index) => configSetCommand(`${key("network", field)}[${index}]`, `${base}${index}`)).join(" && "),
                );
            }
        }
        const shared = network.existingIsolatedSubnetIds?.find((id) => network.existingPrivateSubnetIds?.includes(id));
        if (shared !== undefined) {
            const index = network.existingIsolatedSubnetIds?.indexOf(shared) ?? 0;
            throw report.errorWithCommand(
                `${key("network", "existingIsolatedSubnetIds")}[${index}]`, shared,
                `a subnet not also listed in ${key("network", "existingPrivateSubnetIds")}: the cache's subnets must have no route out`,
                `pulumi config set --path '${key("network", "existingIsolatedSubnetIds")}[${index}]' subnet-0fedcba9876543210`,
            );
        }
    }

    if (network.natStrategy === "none" && network.existingVpcId === undefined) {
        const missing = ENDPOINTS_REQUIRED_WITHOUT_NAT.filter((service) => !network.interfaceEndpoints.includes(service));
        if (missing.length > 0) {
            throw report.error(
                key("network", "natStrategy"), network.natStrategy,
                `"instance", "single" or "perAz" unless ${key("network", "interfaceEndpoints")} includes ` +
                    `${missing.map((m) => `"${m}"`).join(", ")}: without a NAT the function reads its secret only through an endpoint`,
                `${key("network", "interfaceEndpoints")}[${network.interfaceEndpoints.length}]`, missing[0],
            );
        }
    }

    const versions: readonly string[] = CACHE_ENGINE_VERSIONS[cache.engine];
    if (!versions.includes(cache.engineVersion)) {
        throw report.error(
            key("cache", "engineVersion"), cache.engineVersion,
            `one of ${versions.map((v) => `"${v}"`).join(", ")} for ${key("cache", "engine")} "${cache.engine}"`,
            key("cache", "engineVersion"), DEFAULT_CACHE_ENGINE_VERSION[cache.engine],
        );
    }
    if (cache.serverless && cache.engine === "redis" && cache.engineVersion.startsWith("6.")) {
        throw report.error(
            key("cache", "engineVersion"), cache.engineVersion,
            `7.0 or later when ${key("cache", "serverless")} is true: ElastiCache Serverless runs Redis OSS 7 and Valkey only`,
            key("cache", "engineVersion"), "7.1",
        );
    }
    const snapshot = parseDailyWindow(cache.snapshotWindow);
    const maintenance = parseWeeklyWindow(cache.maintenanceWindow);
    if (snapshot && maintenance && windowsOverlap(snapshot, maintenance)) {
        throw report.error(
            key("cache", "maintenanceWindow"), cache.maintenanceWindow,
            `a window that does not overlap ${key("cache", "snapshotWindow")} ("${cache.snapshotWindow}"): ElastiCache rejects overlapping windows`,
            key("cache", "maintenanceWindow"), "sun:05:00-sun:06:00",
        );
    }

    if ((cdn.domainName === undefined) !== (cdn.certificateArn === undefined)) {
        const missingField = cdn.domainName === undefined ? "domainName" : "certificateArn";
        const presentField = missingField === "domainName" ? "certificateArn" : "domainName";
        throw report.error(
            key("cdn", missingField), undefined,
            `set together with ${key("cdn", presentField)}: a custom domain needs its certificate, and a certificate is only used for a custom domain`,
            key("cdn", missingField), missingField === "domainName" ? "api.example.com" : EXAMPLE_CERTIFICATE_ARN,
        );
    }

    if (security.ownAccountServices && !security.enableTrail) {
        throw report.error(
            key("security", "enableTrail"), security.enableTrail,
            `true when ${key("security", "ownAccountServices")} is true: AWS Config delivers to the trail's bucket, ` +
                "and Security Hub's CIS controls need a multi-region trail",
            key("security", "enableTrail"), "true",
        );
    }

    if (profile === "prod") {
        if (security.keyLayout !== "perPurpose") {
            throw report.error(
                key("security", "keyLayout"), security.keyLayout,
                `"perPurpose" in the prod profile, so a grant for one purpose (a log group, a secret) never opens another's data`,
                key("security", "keyLayout"), "perPurpose",
            );
        }
        if (network.existingVpcId === undefined && network.azCount < PROD_MINIMUMS.azCount) {
            throw report.error(
                key("network", "azCount"), network.azCount,
                `at least ${PROD_MINIMUMS.azCount} in the prod profile, so losing one Availability Zone does not take the API down`,
                key("network", "azCount"), "3",
            );
        }
        if (!cache.serverless && cache.replicas < PROD_MINIMUMS.cacheReplicas) {
            throw report.error(
                key("cache", "replicas"), cache.replicas,
                `at least ${PROD_MINIMUMS.cacheReplicas} in the prod profile (unless ${key("cache", "serverless")} is true), so a node failure fails over instead of emptying the cache`,
                key("cache", "replicas"), "1",
            );
        }
        if (!cache.serverless && BURSTABLE_NODE_TYPE.test(cache.nodeType)) {
            throw report.error(
                key("cache", "nodeType"), cache.nodeType,
                "a non-burstable node type in the prod profile (cache.m7g.large or an r7g, m6g or r6g type): a t-family node that runs out of CPU credits is throttled to its baseline",
                key("cache", "nodeType"), "cache.m7g.large",
            );
        }
        if (cache.snapshotRetentionDays < PROD_MINIMUMS.snapshotRetentionDays) {
            throw report.error(
                key("cache", "snapshotRetentionDays"), cache.snapshotRetentionDays,
                `at least ${PROD_MINIMUMS.snapshotRetentionDays} in the prod profile, so a bad week can be rolled back`,
                key("cache", "snapshotRetentionDays"), "7",
            );
        }
    }
}

/**
 * Merges a stack's raw `bulwark:*` values over its profile, validates every field and the rules
 * between fields, and returns deeply frozen Settings. Throws the first ConfigError found.
 */
export function resolveSettings(input: SettingsInput): Settings {
    const { stack, values } = input;
    const report = new Reporter(stack);

    for (const [name, value] of Object.entries(values)) {
        if (!TOP_LEVEL_KEYS.includes(name)) {
            throw unknownKeyError(
                report, `${NAMESPACE}:${name}`, value, TOP_LEVEL_KEYS, "Bulwark setting",
                (known) => `${NAMESPACE}:${known}`,
                (known) => ((SCALAR_KEYS as readonly string[]).includes(known) ? cliValue(value) : undefined),
            );
        }
    }
    for (const name of input.secretKeys ?? []) {
        if (hasOwn(values, name)) {
            throw report.errorWithCommand(
                `${NAMESPACE}:${name}`, "[secret]",
                "plain config, set again without --secret: no Bulwark setting is a secret, and a secret here would be " +
                    "copied in clear text into resource inputs (keep secrets in AWS Secrets Manager)",
                `pulumi config rm ${NAMESPACE}:${name}`,
            );
        }
    }

    const region = resolveRegion(report, input.region);
    const { layer, environment } = resolveLayer(report, stack, values.layer);
    const profile = resolveProfile(report, environment, values.profile);
    const defaults: Profile = PROFILES[profile];

    const protectParsed = PROTECT_RULE.parse(values.protect ?? defaults.protect);
    if (!protectParsed.ok) {
        throw report.error(`${NAMESPACE}:protect`, values.protect, PROTECT_RULE.allowed, `${NAMESPACE}:protect`, String(defaults.protect));
    }
    const tags = resolveTags(report, stack, values.tags);

    const rawCache = values.cache;
    const cacheDefaults: CacheSettings = (() => {
        // A stack that switches engine without naming a version gets that engine's default version.
        const engine = isPlainObject(rawCache) ? rawCache.engine : undefined;
        if (typeof engine === "string" && engine !== defaults.cache.engine && hasOwn(DEFAULT_CACHE_ENGINE_VERSION, engine)) {
            return { ...defaults.cache, engineVersion: DEFAULT_CACHE_ENGINE_VERSION[engine as keyof typeof DEFAULT_CACHE_ENGINE_VERSION] };
        }
        return defaults.cache;
    })();

    const sections = {
        network: resolveSection(report, "network", values.network, defaults.network),
        api: resolveSection(report, "api", values.api, defaults.api),
        cache: resolveSection(report, "cache", rawCache, cacheDefaults),
        cdn: resolveSection(report, "cdn", values.cdn, defaults.cdn),
        security: resolveSection(report, "security", values.security, defaults.security),
        monitoring: resolveSection(report, "monitoring", values.monitoring, defaults.monitoring),
    };
    checkCrossField(report, profile, { environment, profile, protect: protectParsed.value, ...sections });

    return deepFreeze<Settings>({
        stack, ...(layer ? { layer } : {}), environment, profile, region, protect: protectParsed.value, tags, ...sections,
    });
}

/** Pulumi hands structured config over as JSON text and scalars as plain text. */
export function parseConfigValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * Pulumi's own record of which keys were set with `--secret`. The SDK exports it at runtime but not in
 * its typings (3.270), so it is looked up here once; a test pins that it is still there.
 */
function configSecretCheck(): (key: string) => boolean {
    const check = (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret;
    if (typeof check !== "function") {
        throw new Error("@pulumi/pulumi no longer exports runtime.isConfigSecret; update stacks/settings.ts");
    }
    return check as (key: string) => boolean;
}

/**
 * Reads this stack's `bulwark:*` config and `aws:region` once and resolves them into Settings.
 * Call it from index.ts before creating any resource.
 */
export function loadSettings(): Settings {
    const prefix = `${NAMESPACE}:`;
    const isSecret = configSecretCheck();
    const values: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const name = fullKey.slice(prefix.length);
        values[name] = parseConfigValue(text);
        if (isSecret(fullKey)) {
            secretKeys.push(name);
        }
    }
    return resolveSettings({
        stack: pulumi.getStack(),
        region: new pulumi.Config("aws").get("region"),
        values,
        secretKeys,
    });
}
