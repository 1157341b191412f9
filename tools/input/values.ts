import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../engine/recorder";
import { InputFileError, PathStep, formatPath } from "./json-file";

/**
 * Property values as they are stored (`pulumi stack export`, pulumi/pulumi sdk/go/common/resource/stack
 * serialize.go) turned into what the engine hands an analyzer: MarshalProperties with KeepUnknowns,
 * KeepSecrets and SkipInternalKeys, without KeepResources (sdk/go/common/resource/plugin
 * analyzer_plugin.go, Analyze and AnalyzeStack).
 */

/** Stored resource reference: `{sig, urn, id?, packageVersion?}`. */
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Stored output value (deployment version 4, feature "outputDependencies"): `{sig, value?, secret?, dependencies?}`. */
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** What `pulumi preview --json` prints in place of a secret (display/json.go, massagePropertyValue). */
export const PREVIEW_SECRET = "[secret]";

export interface ValueContext {
    file: string;
    /** `pulumi preview --json`: a bare "[secret]" string is a secret whose value was blinded. */
    preview: boolean;
    /**
     * Plaintext secrets met (exports made with `--show-secrets`): the policies get them as the engine
     * would, and the report is scrubbed of them before it is printed.
     */
    secrets: Set<string>;
}

function secret(value: unknown): Record<string, unknown> {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Remembers the strings inside a plaintext secret so the report can be scrubbed of them. */
function collectSecretStrings(value: unknown, into: Set<string>): void {
    if (typeof value === "string") {
        if (value.length >= 4 && value !== UNKNOWN) into.add(value);
    } else if (typeof value === "number") {
        if (String(value).length >= 4) into.add(String(value));
    } else if (Array.isArray(value)) value.forEach((v) => collectSecretStrings(v, into));
    else if (isObject(value)) for (const key in value) collectSecretStrings(value[key], into);
}

/**
 * Converts one stored value, reusing its objects and arrays (the export is large; a second copy of
 * it is what this avoids). Returns the value to store in place of the old one.
 */
export function engineValue(value: unknown, path: PathStep[], ctx: ValueContext): unknown {
    if (typeof value === "string") return ctx.preview && value === PREVIEW_SECRET ? secret(UNKNOWN) : value;
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const item = value[i];
            // Numbers, booleans and (outside a preview) strings stay as they are: no call, no write.
            if (item === null || (typeof item !== "object" && !(ctx.preview && item === PREVIEW_SECRET))) continue;
            path.push(i);
            const converted = engineValue(item, path, ctx);
            path.pop();
            if (converted !== item) value[i] = converted;
        }
        return value;
    }
    const object = value as Record<string, unknown>;
    const sig = object[SPECIAL_SIG_KEY];
    if (sig !== undefined) return special(object, sig, path, ctx);
    for (const key in object) {
        // SkipInternalKeys: "__meta", "__defaults" and the like never reach a policy.
        if (key.charCodeAt(0) === 95 && key.charCodeAt(1) === 95) {
            delete object[key];
            continue;
        }
        const item = object[key];
        if (item === null || (typeof item !== "object" && !(ctx.preview && item === PREVIEW_SECRET))) continue;
        path.push(key);
        const converted = engineValue(item, path, ctx);
        path.pop();
        if (converted !== item) object[key] = converted;
    }
    return object;
}

function special(object: Record<string, unknown>, sig: unknown, path: PathStep[], ctx: ValueContext): unknown {
    switch (sig) {
        case SECRET_SIG: {
            if ("ciphertext" in object) {
                // Only the stack's secrets provider can open it: to a policy the value is unknown, as
                // in a preview, and the ciphertext goes no further than this line.
                return secret(UNKNOWN);
            }
            if ("plaintext" in object) {
                if (typeof object.plaintext !== "string") throw new InputFileError(ctx.file, formatPath([...path, "plaintext"]), "a secret's plaintext must be a JSON-encoded string.");
                let opened: unknown;
                try {
                    opened = JSON.parse(object.plaintext);
                } catch {
                    throw new InputFileError(ctx.file, formatPath([...path, "plaintext"]), "a secret's plaintext is not JSON-encoded (pulumi stack export --show-secrets writes it encoded).");
                }
                collectSecretStrings(opened, ctx.secrets);
                return secret(engineValue(opened, path, ctx));
            }
            if ("value" in object) {
                path.push("value");
                const inner = engineValue(object.value, path, ctx);
                path.pop();
                collectSecretStrings(inner, ctx.secrets);
                return secret(inner);
            }
            throw new InputFileError(ctx.file, formatPath(path), "a secret with neither ciphertext nor plaintext.");
        }
        case RESOURCE_REFERENCE_SIG: {
            // Without KeepResources the engine sends a reference as the resource's ID, or its URN
            // for a component (no ID); an ID not known yet stays unknown.
            if (typeof object.urn !== "string") throw new InputFileError(ctx.file, formatPath([...path, "urn"]), "a resource reference without a urn.");
            if (!("id" in object)) return object.urn;
            return typeof object.id === "string" && object.id !== "" ? object.id : UNKNOWN;
        }
        case OUTPUT_VALUE_SIG: {
            if (!("value" in object)) return object.secret === true ? secret(UNKNOWN) : UNKNOWN;
            path.push("value");
            const inner = engineValue(object.value, path, ctx);
            path.pop();
            return object.secret === true ? secret(inner) : inner;
        }
        case ASSET_SIG:
        case ARCHIVE_SIG:
            // CrossGuard deserializes assets and archives itself; the hash is not a property.
            return object;
        default:
            throw new InputFileError(ctx.file, formatPath([...path, SPECIAL_SIG_KEY]), `unknown value signature "${String(sig)}" (not a secret, resource reference, output, asset or archive).`);
    }
}

/** Converts a resource's stored property map in place. */
export function engineProperties(properties: unknown, path: PathStep[], ctx: ValueContext): Record<string, unknown> {
    if (properties === undefined || properties === null) return {};
    if (!isObject(properties)) throw new InputFileError(ctx.file, formatPath(path), `must be an object of properties, not ${Array.isArray(properties) ? "an array" : typeof properties}.`);
    return engineValue(properties, path, ctx) as Record<string, unknown>;
}

/** Replaces every plaintext secret met in the input by "[secret]" in a rendered report. */
export function scrubSecrets(text: string, secrets: ReadonlySet<string>): string {
    if (secrets.size === 0) return text;
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const value of [...secrets].sort((a, b) => b.length - a.length)) {
        const escaped = JSON.stringify(value).slice(1, -1);
        out = out.split(value).join(PREVIEW_SECRET);
        if (escaped !== value) out = out.split(escaped).join(PREVIEW_SECRET);
    }
    return out;
}
