import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** A usage, file or configuration problem the plan reports in one line (exit code 2). */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

export interface StackConfig {
    project: string;
    /** Namespaced keys, structured values as JSON strings: what `pulumi config` hands the program. */
    config: Record<string, string>;
    secretKeys: string[];
    /** The stack file the config came from, if there was one. */
    stackFile: string | null;
}

export const DEFAULT_REGION = "us-east-1";

/** Stand-in for a `secure:` value: the ciphertext can only be opened by the stack's secrets provider. */
export function offlineSecret(key: string): string {
    return `offline-secret-for-${key.replace(/[^A-Za-z0-9]/g, "-")}`;
}

function readYaml(file: string): unknown {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PlanInputError(`${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
}

/** The project name from the `Pulumi.yaml` beside the program, else the program's folder name. */
export function projectNameFor(programFile: string): string {
    const projectFile = path.join(path.dirname(programFile), "Pulumi.yaml");
    if (fs.existsSync(projectFile)) {
        const project = readYaml(projectFile) as { name?: unknown } | null;
        if (typeof project?.name === "string" && project.name) return project.name;
        throw new PlanInputError(`${projectFile} has no "name": add "name: <project>" to it.`);
    }
    return path.basename(path.dirname(programFile));
}

function isSecure(value: unknown): value is { secure: string } {
    return typeof value === "object" && value !== null && "secure" in value && Object.keys(value).length === 1;
}

/** Replaces nested `secure:` values (in `--path` config) by offline stand-ins; true when any was found. */
function openSecrets(value: unknown, key: string): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: offlineSecret(key), secret: true };
    if (Array.isArray(value)) {
        const items = value.map((item, i) => openSecrets(item, `${key}[${i}]`));
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, openSecrets(v, `${key}.${k}`)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

/**
 * Reads `Pulumi.<stack>.yaml` beside the program the way the CLI hands config to a program: keys
 * without a namespace belong to the project, structured values become JSON, and `secure:` values
 * become secrets (with offline stand-ins, since no secrets provider is reachable here).
 */
export function loadStackConfig(programFile: string, stack: string, options: { requireStackFile: boolean }): StackConfig {
    const project = projectNameFor(programFile);
    const stackFile = path.join(path.dirname(programFile), `Pulumi.${stack}.yaml`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    if (!fs.existsSync(stackFile)) {
        if (options.requireStackFile) {
            throw new PlanInputError(`No stack file ${stackFile}: create it (pulumi stack init ${stack}) or pass a stack that has one.`);
        }
        config["aws:region"] = DEFAULT_REGION;
        return { project, config, secretKeys, stackFile: null };
    }
    const parsed = (readYaml(stackFile) ?? {}) as { config?: Record<string, unknown> };
    if (typeof parsed !== "object" || (parsed.config !== undefined && (typeof parsed.config !== "object" || parsed.config === null))) {
        throw new PlanInputError(`${stackFile} must hold a "config:" map.`);
    }
    for (const [rawKey, rawValue] of Object.entries(parsed.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        const { value, secret } = openSecrets(rawValue, key);
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) secretKeys.push(key);
    }
    config["aws:region"] ??= DEFAULT_REGION;
    return { project, config, secretKeys, stackFile };
}
