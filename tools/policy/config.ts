import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import { PlanInputError } from "../engine/project";

/**
 * Pulumi's policy config file (`pulumi preview --policy-pack-config <file>`), resolved the way the
 * engine resolves it before calling the pack: schema defaults first, then "all", then each policy's
 * own entry, then validation against the policy's configSchema (pkg/resource/analyzer/config.go).
 * The offline plan has no engine in front of the pack, so it does this itself.
 */

export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PolicyConfigFile = Record<string, PolicyConfigEntry>;

export interface ResolvedPolicyConfig {
    level: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** What the resolver needs of a policy: the fields CrossGuard's `Policy` has. */
export interface ConfigurablePolicy {
    name: string;
    enforcementLevel?: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function readPolicyConfigFile(file: string): PolicyConfigFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `is not valid JSON: ${(error as Error).message}`;
        throw new PlanInputError(`Policy config ${file} ${why}.`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new PlanInputError(`Policy config ${file} must be a JSON object of policy names (or "all") to levels or settings.`);
    }
    return parsed as PolicyConfigFile;
}

function levelOf(where: string, value: unknown): EnforcementLevel | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "string" && (LEVELS as string[]).includes(value)) return value as EnforcementLevel;
    throw new PlanInputError(`Policy config: the level of "${where}" is ${JSON.stringify(value)}: it must be one of ${LEVELS.join(", ")}.`);
}

const AJV_OPTIONS = { allErrors: true, strict: false, code: { source: true } } as const;
let ajv: Ajv | undefined;
/** Compiled config validators by schema: compiling is most of resolving, and a pack's schemas do not change. */
const validators = new WeakMap<PolicyConfigSchema, ValidateFunction>();
/**
 * The same validators by the schema's text: most policies share one schema (their exemptions), each
 * in an object of its own, and one compiled validator serves them all (its `errors` are read at once).
 */
const validatorsByText = new Map<string, ValidateFunction>();
/**
 * Ajv's standalone code of each validator, kept across runs (build/ is git-ignored) under the hash of
 * Ajv's version, its options and the schema's text: compiling the pack's 13 schemas took a tenth of a
 * prod plan, loading that code takes a few milliseconds and does not load Ajv.
 */
const VALIDATOR_CACHE = path.join(process.env.BULWARK_CACHE_DIR || path.resolve(__dirname, "..", "..", "build"), "policy-config-validators");

function validatorCacheFile(text: string): string {
    const version = (require("ajv/package.json") as { version: string }).version;
    const key = createHash("sha256").update(`${version}\0${JSON.stringify(AJV_OPTIONS)}\0${text}`).digest("hex").slice(0, 32);
    return path.join(VALIDATOR_CACHE, `${key}.js`);
}

function loadStandalone(code: string): ValidateFunction {
    const module = { exports: {} as { default?: ValidateFunction } };
    new Function("module", "exports", "require", code)(module, module.exports, require);
    return (module.exports.default ?? module.exports) as ValidateFunction;
}

function compileValidator(schema: object, text: string): ValidateFunction {
    const file = validatorCacheFile(text);
    try {
        return loadStandalone(fs.readFileSync(file, "utf8"));
    } catch {
        // Not cached yet (or unreadable): compile and keep it.
    }
    if (!ajv) {
        const AjvClass = (require("ajv") as { default: typeof Ajv }).default;
        ajv = new AjvClass(AJV_OPTIONS);
    }
    const validate = ajv.compile(schema);
    try {
        const standaloneCode = (require("ajv/dist/standalone") as { default: (ajv: Ajv, validate: ValidateFunction) => string }).default;
        const code = standaloneCode(ajv, validate);
        fs.mkdirSync(VALIDATOR_CACHE, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, code);
        fs.renameSync(temporary, file);
    } catch {
        // A read-only checkout plans as before, compiling each time.
    }
    return validate;
}

function validatorOf(schema: PolicyConfigSchema): ValidateFunction {
    let validate = validators.get(schema);
    if (!validate) {
        const objectSchema = { type: "object", properties: schema.properties, ...(schema.required ? { required: schema.required } : {}) };
        const text = JSON.stringify(objectSchema);
        validate = validatorsByText.get(text);
        if (!validate) {
            validate = compileValidator(objectSchema, text);
            validatorsByText.set(text, validate);
        }
        validators.set(schema, validate);
    }
    return validate;
}

/**
 * The level and properties each policy runs with. Unlike the engine, an entry naming no policy of the
 * pack is an error: a misspelt name would otherwise drop an exemption or a level change silently.
 */
export function resolvePolicyConfig(policies: ConfigurablePolicy[], packLevel: EnforcementLevel, file: PolicyConfigFile = {}): Map<string, ResolvedPolicyConfig> {
    const names = new Set(policies.map((p) => p.name));
    for (const key of Object.keys(file)) {
        if (key === "profile" && !names.has(key)) {
            // The CLI rejects it too: a top-level string must be an enforcement level.
            throw new PlanInputError(`Policy config: "profile" is not a policy of the pack: write { "bulwark-configure-profile": { "profile": ${JSON.stringify(file[key])} } } to choose the profile.`);
        }
        if (key !== "all" && !names.has(key)) {
            throw new PlanInputError(`Policy config names "${key}", which is not a policy of the pack: use one of ${[...names].join(", ")} or "all".`);
        }
    }
    const entry = (key: string): { level?: EnforcementLevel; properties: Record<string, unknown> } => {
        const value = file[key];
        if (value === undefined) return { properties: {} };
        if (typeof value === "string") return { level: levelOf(key, value), properties: {} };
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            throw new PlanInputError(`Policy config: "${key}" is ${JSON.stringify(value)}: it must be a level or an object.`);
        }
        const { enforcementLevel, ...properties } = value;
        return { level: levelOf(key, enforcementLevel), properties };
    };
    const all = entry("all");
    const resolved = new Map<string, ResolvedPolicyConfig>();
    for (const policy of policies) {
        const own = entry(policy.name);
        const schema = policy.configSchema;
        const defaults = Object.fromEntries(
            Object.entries(schema?.properties ?? {})
                .filter(([, property]) => property.default !== undefined)
                .map(([key, property]) => [key, structuredClone(property.default)]),
        );
        const properties = { ...defaults, ...own.properties };
        if (schema) {
            const validate = validatorOf(schema);
            if (!validate(properties)) {
                const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message}`).join("; ");
                throw new PlanInputError(`Policy config for "${policy.name}" is invalid: ${problems}.`);
            }
        }
        const level = own.level ?? all.level ?? policy.enforcementLevel ?? packLevel;
        resolved.set(policy.name, { level, properties });
    }
    return resolved;
}
