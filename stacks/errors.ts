/**
 * The one error type for bad configuration and bad component arguments.
 *
 * Every message follows one shape, so a reader learns it once:
 * `<where> is <bad value>: it must be <what is allowed>. <how to fix it>.`
 */
export class ConfigError extends Error {
    override readonly name = "ConfigError";

    constructor(
        message: string,
        /** The full config key (`bulwark:api.memoryMb`) or the component argument (`"api" Function.memoryMb`). */
        readonly key: string,
        /** The rejected value, or `undefined` when the value is missing. Secrets are never stored here. */
        readonly value: unknown,
        /** What would have been accepted, phrased to follow "it must be". */
        readonly allowed: string,
        /** The command or change that fixes it. */
        readonly fix: string,
    ) {
        super(message);
    }
}

const MAX_SHOWN_VALUE_CHARS = 120;

/** Shows a value the way the user typed it: strings quoted, missing values as "not set". */
export function formatValue(value: unknown): string {
    if (value === undefined) {
        return "not set";
    }
    if (typeof value === "number" || typeof value === "boolean" || value === null) {
        return String(value);
    }
    let shown: string;
    try {
        shown = JSON.stringify(value) ?? String(value);
    } catch {
        shown = String(value);
    }
    return shown.length > MAX_SHOWN_VALUE_CHARS ? `${shown.slice(0, MAX_SHOWN_VALUE_CHARS - 3)}...` : shown;
}

/** Quotes a word for POSIX shells only when it needs it, so common commands stay copy-pasteable and readable. */
export function shellQuote(word: string): string {
    return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `pulumi config set` command that sets one (possibly nested) key to a value. */
export function configSetCommand(key: string, value: string): string {
    const path = key.includes(".") || key.includes("[") ? "--path " : "";
    return `pulumi config set ${path}${shellQuote(key)} ${shellQuote(value)}`;
}

/** "Set", "Remove" or "Fix", by what the suggested commands do. */
function fixVerb(fix: string): string {
    const sets = fix.includes("pulumi config set");
    const removes = fix.includes("pulumi config rm");
    return sets && removes ? "Fix" : removes ? "Remove" : "Set";
}

/**
 * A ConfigError for a stack configuration key.
 *
 * @param key full key, e.g. `bulwark:api.memoryMb`
 * @param value the rejected value (pass `"[secret]"`, never a secret itself)
 * @param allowed what is allowed, phrased to follow "it must be"
 * @param fix a command that fixes it, e.g. `pulumi config set --path bulwark:api.memoryMb 512`
 * @param stack the stack whose file holds the key; named so the reader knows which file changes
 * @example
 * configError("bulwark:api.memoryMb", 64, "an integer between 128 and 10240",
 *     "pulumi config set --path bulwark:api.memoryMb 512", "dev").message
 * // bulwark:api.memoryMb is 64: it must be an integer between 128 and 10240.
 * // Set it with `pulumi config set --path bulwark:api.memoryMb 512` (stack file Pulumi.dev.yaml).
 */
export function configError(key: string, value: unknown, allowed: string, fix: string, stack: string): ConfigError {
    const message =
        `${key} is ${formatValue(value)}: it must be ${allowed}. ` +
        `${fixVerb(fix)} it with \`${fix}\` (stack file Pulumi.${stack}.yaml).`;
    return new ConfigError(message, key, value, allowed, fix);
}

/**
 * A ConfigError for a component argument, thrown by a component before it registers any child.
 *
 * @param component the component's type as a reader knows it, e.g. `Function`
 * @param name the component's resource name, e.g. `api`
 * @param field the argument, e.g. `memoryMb`
 * @param value the rejected value
 * @param allowed what is allowed, phrased to follow "it must be"
 * @example
 * argError("Function", "api", "memoryMb", 64, "an integer between 128 and 10240").message
 * // In "api" Function, "memoryMb" is 64: it must be an integer between 128 and 10240.
 * // Pass a "memoryMb" that meets this where the "api" Function is created (index.ts passes the stack settings).
 */
export function argError(component: string, name: string, field: string, value: unknown, allowed: string): ConfigError {
    const fix = `Pass a "${field}" that meets this where the "${name}" ${component} is created (index.ts passes the stack settings)`;
    const message = `In "${name}" ${component}, "${field}" is ${formatValue(value)}: it must be ${allowed}. ${fix}.`;
    return new ConfigError(message, `"${name}" ${component}.${field}`, value, allowed, fix);
}
