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

export interface ProgramLocation {
    /** The file the language host loads: `--program` itself when it names a file, else `main:` or the folder's entry. */
    entry: string;
    /** The folder holding Pulumi.yaml (the program's working directory under `pulumi up`), else the entry's folder. */
    projectDir: string;
    projectFile: string | null;
    project: string;
    /** Where Pulumi.<stack>.yaml files live: `stackConfigDir:` if the project sets it, else the project folder. */
    stackConfigDir: string;
    /** Project-level config values and defaults declared under `config:` in Pulumi.yaml, namespaced. */
    projectConfig: Record<string, unknown>;
    /** True for an ES module program (`"type": "module"` in its package.json, or a .mjs/.mts entry). */
    esm: boolean;
}

/** The nearest folder at or above `start` that holds `file`, as the CLI and npm look for theirs. */
function findUp(start: string, file: string): string | null {
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, file))) return dir;
        if (path.dirname(dir) === dir) return null;
    }
}

function readPackageJson(dir: string): { main?: unknown; exports?: unknown; type?: unknown } {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) return {};
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PlanInputError(`${file} is not valid JSON: ${(error as Error).message.split("\n")[0]}`);
    }
}

/** The entry package.json names (`exports` ".", then `main`), as @pulumi/pulumi's run.ts picks it. */
function packageEntry(dir: string): string | undefined {
    const pkg = readPackageJson(dir);
    const exported = pkg.exports;
    const main =
        typeof exported === "string"
            ? exported
            : typeof exported === "object" && exported !== null
              ? (() => {
                    const dot = (exported as Record<string, unknown>)["."];
                    if (typeof dot === "string") return dot;
                    const conditions = (dot ?? {}) as Record<string, unknown>;
                    return [conditions.default, conditions.require, conditions.import].find((c): c is string => typeof c === "string");
                })()
              : typeof pkg.main === "string"
                ? pkg.main
                : undefined;
    if (!main) return undefined;
    const file = path.resolve(dir, main);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    // A TypeScript project's package.json often names the compiled file; ts-node runs its source.
    const source = file.replace(/\.(m|c)?js$/, ".$1ts");
    return source !== file && fs.existsSync(source) ? source : undefined;
}

const INDEX_FILES = ["index.js", "index.mjs", "index.ts", "index.mts", "index.cjs", "index.cts"];

/** A folder's entry as Node and the nodejs language host resolve it: package.json, then index.*. */
function folderEntry(dir: string): string {
    const fromPackage = packageEntry(dir);
    if (fromPackage) return fromPackage;
    const index = INDEX_FILES.map((name) => path.join(dir, name)).find((file) => fs.existsSync(file));
    if (!index) {
        throw new PlanInputError(`No entry point in ${dir}: add index.ts (or set "main" in package.json, or main: <file> in Pulumi.yaml).`);
    }
    return index;
}

/**
 * Finds a program the way `pulumi up` does: Pulumi.yaml is looked for from the given folder (or the
 * given file's folder) upwards; a folder runs the project's `main:` (a file, or a folder with its
 * package.json entry or index file), while a file names the entry itself.
 */
export function locateProgram(programPath: string): ProgramLocation {
    const given = path.resolve(programPath);
    if (!fs.existsSync(given)) {
        throw new PlanInputError(`No program at ${given}: pass --program <folder or file> with a Pulumi TypeScript program.`);
    }
    const isFolder = fs.statSync(given).isDirectory();
    const start = isFolder ? given : path.dirname(given);
    const projectRoot = findUp(start, "Pulumi.yaml");
    const projectFile = projectRoot ? path.join(projectRoot, "Pulumi.yaml") : null;
    const projectDir = projectRoot ?? start;
    const parsed = (projectFile ? readYaml(projectFile) : null) as { name?: unknown; main?: unknown; stackConfigDir?: unknown; config?: unknown } | null;
    if (projectFile && (typeof parsed?.name !== "string" || !parsed.name)) {
        throw new PlanInputError(`${projectFile} has no "name": add "name: <project>" to it.`);
    }
    const project = typeof parsed?.name === "string" ? parsed.name : path.basename(projectDir);
    const runtime = runtimeName((parsed as { runtime?: unknown } | null)?.runtime);
    if (projectFile && runtime !== undefined && runtime !== "nodejs") {
        throw new PlanInputError(
            `the plan cannot run this program: ${projectFile} has runtime: ${runtime}, and the offline plan runs Node.js (TypeScript or JavaScript) programs only. Judge it with \`pulumi preview --policy-pack policy\`, which runs any runtime.`,
        );
    }
    let entry = given;
    if (isFolder) {
        const main = typeof parsed?.main === "string" && given === projectDir ? path.resolve(projectDir, parsed.main) : given;
        if (!fs.existsSync(main)) {
            throw new PlanInputError(`${projectFile} sets main: ${String(parsed?.main)}, which does not exist: point it at the program's folder or entry file.`);
        }
        entry = fs.statSync(main).isDirectory() ? folderEntry(main) : main;
    }
    const stackConfigDir = typeof parsed?.stackConfigDir === "string" ? path.resolve(projectDir, parsed.stackConfigDir) : projectDir;
    const packageRoot = findUp(path.dirname(entry), "package.json");
    const esm = /\.m[jt]s$/.test(entry) || (!/\.c[jt]s$/.test(entry) && packageRoot !== null && readPackageJson(packageRoot).type === "module");
    return { entry, projectDir, projectFile, project, stackConfigDir, projectConfig: projectConfigOf(parsed?.config, project, projectFile), esm };
}

/** `runtime: nodejs` or `runtime: { name: nodejs, options: ... }`. */
function runtimeName(runtime: unknown): string | undefined {
    if (typeof runtime === "string") return runtime;
    if (typeof runtime === "object" && runtime !== null && typeof (runtime as { name?: unknown }).name === "string") return (runtime as { name: string }).name;
    return undefined;
}

/**
 * Pulumi.yaml's `config:` block: each key either a plain value or `{ type, default, value, secret }`,
 * applied beneath the stack's own values.
 */
function projectConfigOf(block: unknown, project: string, projectFile: string | null): Record<string, unknown> {
    if (block === undefined || block === null) return {};
    if (typeof block !== "object" || Array.isArray(block)) throw new PlanInputError(`${projectFile} must hold a "config:" map.`);
    const values: Record<string, unknown> = {};
    for (const [rawKey, declared] of Object.entries(block)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        const isSchema = typeof declared === "object" && declared !== null && !Array.isArray(declared) && ("default" in declared || "value" in declared || "type" in declared);
        const value = isSchema ? ((declared as { value?: unknown }).value ?? (declared as { default?: unknown }).default) : declared;
        if (value !== undefined) values[key] = value;
    }
    return values;
}

/** The project name from the Pulumi.yaml found from the program upwards, else the program's folder name. */
export function projectNameFor(programPath: string): string {
    return locateProgram(programPath).project;
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
export function loadStackConfig(programPath: string, stack: string, options: { requireStackFile: boolean }): StackConfig {
    const { project, stackConfigDir, projectConfig } = locateProgram(programPath);
    const stackFile = path.join(stackConfigDir, `Pulumi.${stack}.yaml`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const add = (key: string, rawValue: unknown) => {
        const { value, secret } = openSecrets(rawValue, key);
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) secretKeys.push(key);
        else if (secretKeys.includes(key)) secretKeys.splice(secretKeys.indexOf(key), 1);
    };
    for (const [key, value] of Object.entries(projectConfig)) add(key, value);
    if (!fs.existsSync(stackFile)) {
        if (options.requireStackFile) {
            throw new PlanInputError(`No stack file ${stackFile}: create it (pulumi stack init ${stack}) or pass a stack that has one.`);
        }
        // A project with stacks of its own but not this one: planning it without config would judge settings nobody chose.
        const others = fs.existsSync(stackConfigDir)
            ? fs.readdirSync(stackConfigDir).map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1]).filter((name): name is string => name !== undefined)
            : [];
        if (others.length > 0) {
            throw new PlanInputError(
                `missing config for stack ${stack}: there is no ${stackFile}, though the project has ${others.map((o) => `Pulumi.${o}.yaml`).join(", ")}. Pass --stack ${others[0]}, or create the stack (pulumi stack init ${stack}) and set its config with pulumi config set.`,
            );
        }
        config["aws:region"] ??= DEFAULT_REGION;
        return { project, config, secretKeys, stackFile: null };
    }
    const parsed = (readYaml(stackFile) ?? {}) as { config?: Record<string, unknown> };
    if (typeof parsed !== "object" || (parsed.config !== undefined && (typeof parsed.config !== "object" || parsed.config === null))) {
        throw new PlanInputError(`${stackFile} must hold a "config:" map.`);
    }
    for (const [rawKey, rawValue] of Object.entries(parsed.config ?? {})) add(rawKey.includes(":") ? rawKey : `${project}:${rawKey}`, rawValue);
    config["aws:region"] ??= DEFAULT_REGION;
    return { project, config, secretKeys, stackFile };
}
