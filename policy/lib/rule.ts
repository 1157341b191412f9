/**
 * How a Bulwark rule becomes a CrossGuard policy. A rule file states its metadata and a pure check;
 * this module adds what every rule must do the same way: type filtering, unknown-safe props,
 * configuration defaults, and exemptions (a tag or a config entry, always with a reason) that turn a
 * violation into an advisory "suppressed" report instead of silencing it.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { activeProfile } from "./profile";
import { memoized } from "./stack";
import { raw, tagsOf } from "./values";

/** One configuration property's JSON schema (not re-exported by @pulumi/policy's index). */
export type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

/** Categories map to enforcement levels (LEVEL_BY_CATEGORY); a rule departs from them only through `levels`. */
export type Category = "least-privilege" | "encryption" | "exposure" | "logging" | "resilience" | "hygiene";

export type RuleLevel = "mandatory" | "advisory";

/** A rule's level in each profile of the pack (policy/lib/profile.ts). */
export interface ProfileLevels {
    /** What any program gets: mandatory only for a risk present today, given AWS's current defaults. */
    default: RuleLevel;
    /** Bulwark's own stacks and anyone who opts in: customer managed keys, defence in depth. */
    strict: RuleLevel;
}

/** Least privilege, encryption and public exposure block a deployment; the rest warn. */
export const LEVEL_BY_CATEGORY: Record<Category, RuleLevel> = {
    "least-privilege": "mandatory",
    encryption: "mandatory",
    exposure: "mandatory",
    logging: "advisory",
    resilience: "advisory",
    hygiene: "advisory",
};

/** Controls a rule helps meet. Ids only; the docs table prints them. */
export interface Frameworks {
    /** CIS AWS Foundations Benchmark v3.0.0 recommendations, e.g. "1.16". */
    cis?: string[];
    /** AWS Foundational Security Best Practices controls, e.g. "IAM.1". */
    fsbp?: string[];
    /** SOC 2 trust services criteria, e.g. "CC6.1". */
    soc2?: string[];
    /** GDPR Art. 32 paragraphs, e.g. "32(1)(b)". */
    gdpr?: string[];
}

export interface RuleMetadata {
    /** `<resource or area>-<verb>-<object>`, the file being `<verb><Object>.ts`. */
    name: string;
    category: Category;
    /** One line, shown by `pulumi preview` above each violation. */
    description: string;
    /** What the rule checks, for the docs table. */
    what: string;
    /** Why it matters (the attack or failure it prevents). */
    why: string;
    /** How to comply. */
    fix: string;
    frameworks: Frameworks;
    /** The level in each profile: the category's in both unless the rule says otherwise. */
    levels: ProfileLevels;
    /**
     * The AWS default the rule relies on, with the date AWS changed it (e.g. "S3 encrypts every new
     * object with SSE-S3 (since 5 January 2023)"); absent when no AWS default bears on the check.
     */
    awsDefault?: string;
    /** Which of its findings are hardening (advisory in the default profile), when only some are. */
    hardening?: string;
}

export interface Exemption {
    /** A URN (exact, or a glob with `*`), or a glob on the resource's logical name. */
    resource: string;
    reason: string;
}

/** What a rule's `validate` sees of its configuration: schema defaults applied, then the configured values. */
export type RuleConfig = Record<string, unknown>;

export interface ResourceSubject {
    type: string;
    urn: string;
    name: string;
    /** The raw props: read them with `get`/`as*` from ./values; unknowns are sentinels, never throws. */
    props: unknown;
    config: RuleConfig;
}

export interface StackSubject {
    resources: PolicyResource[];
    byUrn: Map<string, PolicyResource>;
    config: RuleConfig;
}

interface RuleSpecBase extends Omit<RuleMetadata, "levels"> {
    /** Extra configuration a rule reads, as JSON schema properties with defaults. */
    config?: Record<string, PolicyConfigJSONSchema>;
    /** Departs from the category's level, e.g. { default: "advisory", strict: "mandatory" } for a customer-managed-key preference. */
    levels?: Partial<ProfileLevels>;
}

/**
 * How one finding weighs. "hardening" marks a finding that is no risk today given AWS's defaults (a
 * customer managed key where AWS already encrypts, a defence in depth): it is advisory in the
 * default profile and at the rule's strict level in the strict one.
 */
export interface FindingOptions {
    hardening?: boolean;
}

export interface ResourceRuleSpec extends RuleSpecBase {
    /** Pulumi type tokens the rule judges, e.g. "aws:iam/role:Role". */
    types: string[];
    /** Report each problem as one normative sentence that says what to do. */
    validate(resource: ResourceSubject, report: (message: string, options?: FindingOptions) => void): void | Promise<void>;
}

export interface StackRuleSpec extends RuleSpecBase {
    validate(stack: StackSubject, report: (resource: PolicyResource, message: string, options?: FindingOptions) => void): void | Promise<void>;
}

export type BulwarkResourcePolicy = ResourceValidationPolicy & { bulwark: RuleMetadata };
export type BulwarkStackPolicy = StackValidationPolicy & { bulwark: RuleMetadata };
export type BulwarkPolicy = BulwarkResourcePolicy | BulwarkStackPolicy;

export const EXEMPT_TAG_PREFIX = "bulwark:exempt:";

const EXEMPTIONS_SCHEMA: PolicyConfigJSONSchema = {
    type: "array",
    description: "Resources this policy does not apply to, each with the reason.",
    default: [],
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1, description: "A URN or a glob on the resource name." },
            reason: { type: "string", minLength: 1, pattern: "\\S", description: "Why the exemption is acceptable." },
        },
        required: ["resource", "reason"],
        additionalProperties: false,
    },
};

function configSchemaOf(spec: RuleSpecBase) {
    return { properties: { exemptions: EXEMPTIONS_SCHEMA, ...(spec.config ?? {}) } };
}

function defaultsOf(spec: RuleSpecBase): RuleConfig {
    return Object.fromEntries(
        Object.entries(configSchemaOf(spec).properties)
            .filter(([, schema]) => schema.default !== undefined)
            .map(([key, schema]) => [key, schema.default]),
    );
}

/** Schema defaults, then whatever the engine (or the offline plan) configured on top. */
function configOf(defaults: RuleConfig, configured: Record<string, unknown>): RuleConfig {
    return { ...defaults, ...configured };
}

function globMatches(glob: string, value: string): boolean {
    const body = glob.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, ".*");
    return new RegExp(`^${body}$`).test(value);
}

/** The reason a resource is exempt from a policy, if it is: its tag first, then the config's list. */
export function exemptionFor(policy: string, resource: { urn: string; name: string; props: unknown }, config: RuleConfig): string | undefined {
    const tagged = tagsOf(resource.props)[`${EXEMPT_TAG_PREFIX}${policy}`];
    if (tagged !== undefined && tagged.trim() !== "") return tagged.trim();
    const exemptions = Array.isArray(config.exemptions) ? (config.exemptions as Exemption[]) : [];
    for (const exemption of exemptions) {
        const target = exemption.resource.startsWith("urn:") ? resource.urn : resource.name;
        if (globMatches(exemption.resource, target) && exemption.reason?.trim()) return exemption.reason.trim();
    }
    return undefined;
}

/**
 * A suppressed violation travels as an advisory diagnostic whose message carries the reason, so
 * `pulumi preview` shows it without blocking and the offline plan can tell it apart.
 */
const SUPPRESSED = /^\[exempt\] ([\s\S]*) \(reason: ([\s\S]*)\)$/;

export function formatSuppressed(message: string, reason: string): string {
    return `[exempt] ${message} (reason: ${reason})`;
}

export function parseSuppressed(message: string): { message: string; reason: string } | undefined {
    const match = SUPPRESSED.exec(message);
    return match ? { message: match[1], reason: match[2] } : undefined;
}

export function levelsOf(spec: { category: Category; levels?: Partial<ProfileLevels> }): ProfileLevels {
    const category = LEVEL_BY_CATEGORY[spec.category];
    const levels = { default: category, strict: category, ...spec.levels };
    if (levels.default === "mandatory" && levels.strict === "advisory") levels.strict = "mandatory";
    return levels;
}

/**
 * The policy declares its strict level (what `pulumi policy publish` shows, and what a configured
 * level replaces). In the default profile a finding whose default level is lower is reported through
 * the object form of ReportViolation, which overrides the level (server.js makeReportViolationFun;
 * its typings only declare the string form). So `"all": "advisory"` still makes everything advisory,
 * and under strict every configured level is honoured.
 */
function reporterFor(spec: RuleSpecBase, config: RuleConfig, reportViolation: ReportViolation) {
    const policy = spec.name;
    const levels = levelsOf(spec);
    const reportAs = (level: EnforcementLevel, message: string, urn?: string) =>
        (reportViolation as unknown as (info: object) => void)({ message, enforcementLevel: level, urn });
    return (resource: { urn: string; name: string; props: unknown }, message: string, urn?: string, options: FindingOptions = {}) => {
        const reason = exemptionFor(policy, resource, config);
        if (reason !== undefined) {
            reportAs("advisory", formatSuppressed(message, reason), urn);
            return;
        }
        const emptyTag = tagsOf(resource.props)[`${EXEMPT_TAG_PREFIX}${policy}`] !== undefined;
        const text = emptyTag ? `${message} (The ${EXEMPT_TAG_PREFIX}${policy} tag is ignored: its value must give the reason.)` : message;
        const defaultLevel = options.hardening ? "advisory" : levels.default;
        if (activeProfile() === "default" && defaultLevel === "advisory" && levels.strict === "mandatory") {
            // The string form's shape (description, then the message), so both read alike in `pulumi preview`.
            reportAs("advisory", `${spec.description}\n${text}`, urn);
            return;
        }
        reportViolation(text, urn);
    };
}

function policyFields(spec: RuleSpecBase) {
    const { name, category, description, what, why, fix, frameworks, awsDefault, hardening } = spec;
    const levels = levelsOf(spec);
    return {
        name,
        description,
        remediationSteps: fix,
        tags: [category],
        enforcementLevel: levels.strict as EnforcementLevel,
        configSchema: configSchemaOf(spec),
        bulwark: { name, category, description, what, why, fix, frameworks, levels, ...(awsDefault ? { awsDefault } : {}), ...(hardening ? { hardening } : {}) },
    };
}

export function resourceRule(spec: ResourceRuleSpec): BulwarkResourcePolicy {
    const types = new Set(spec.types);
    const defaults = defaultsOf(spec);
    // Not async: a rule asked about a type it does not judge answers at once, without a promise.
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void | Promise<void> => {
        if (!types.has(args.type)) return;
        const config = configOf(defaults, args.getConfig<Record<string, unknown>>());
        const subject: ResourceSubject = { type: args.type, urn: args.urn, name: args.name, props: raw(args.props), config };
        const report = reporterFor(spec, config, reportViolation);
        return spec.validate(subject, (message, options) => report(subject, message, undefined, options));
    };
    // With one type, the server skips other resources without calling the rule (server.js getPulumiType).
    if (types.size === 1) (validateResource as unknown as { __pulumiType: string }).__pulumiType = spec.types[0];
    return { ...policyFields(spec), validateResource };
}

export function stackRule(spec: StackRuleSpec): BulwarkStackPolicy {
    const defaults = defaultsOf(spec);
    const validateStack = async (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const config = configOf(defaults, args.getConfig<Record<string, unknown>>());
        const byUrn = memoized(args.resources, "by urn", () => new Map(args.resources.map((r) => [r.urn, r])));
        const report = reporterFor(spec, config, reportViolation);
        await spec.validate({ resources: args.resources, byUrn, config }, (resource, message, options) =>
            report({ urn: resource.urn, name: resource.name, props: raw(resource.props) }, message, resource.urn, options),
        );
    };
    return { ...policyFields(spec), validateStack };
}
