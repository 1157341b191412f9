import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as url from "url";
import * as pulumi from "@pulumi/pulumi";
import { ExistingWorld, OfflineAws } from "../offline/aws";
import { locateProgram, PlanInputError } from "./project";
import { RecordedResource, Recorder } from "./recorder";

/**
 * The organization a program runs in when none is given: what `pulumi.getOrganization()` returns on
 * Pulumi's self-managed (DIY) backends, so `${pulumi.getOrganization()}/network/dev` names the same
 * stack a DIY backend's `pulumi stack ls` shows.
 */
export const DEFAULT_ORGANIZATION = "organization";

export interface RunOptions {
    /**
     * The program: a project folder or entry file, loaded as the nodejs language host would (in the
     * project's folder, `main:` honoured, ES modules imported), or a function.
     */
    program: string | (() => unknown);
    project: string;
    stack: string;
    /** What `pulumi.getOrganization()` returns. @default DEFAULT_ORGANIZATION */
    organization?: string;
    /** Namespaced config (`"bulwark:api": "{...}"`); structured values as JSON strings. */
    config?: Record<string, string>;
    secretKeys?: string[];
    /** Run as `pulumi preview` runs a new stack: computed outputs unknown. */
    preview?: boolean;
    existing?: ExistingWorld;
}

export interface ProgramRun {
    project: string;
    stack: string;
    preview: boolean;
    region: string;
    /** The AWS account the stack is in, when the input names one (a state export's ARNs). */
    account?: string;
    resources: RecordedResource[];
    stackOutputs: Record<string, unknown>;
    /** The folder the program ran in (its project's): relative asset paths in the inputs resolve from here. */
    workDir?: string;
    /**
     * The `aws:` settings the stack's config gives its default provider (`profile`, `allowedAccountIds`...),
     * names only: an explicit provider does not read them, so the readiness checks compare.
     */
    awsConfigKeys?: string[];
}

/** The program failed the way `pulumi up` would report it: an exception, an error log, a rejected promise. */
export class ProgramError extends Error {
    constructor(
        message: string,
        readonly causes: unknown[],
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

/** A required config key the stack does not set: the user fixes it with `pulumi config set`. */
export class MissingConfigError extends PlanInputError {
    constructor(
        readonly key: string,
        readonly stack: string,
        secret: boolean,
    ) {
        super(`missing config value ${key} for stack ${stack}: set it with \`pulumi config set${secret ? " --secret" : ""} ${key} <value> --stack ${stack}\` (it lands in Pulumi.${stack}.yaml).`);
        this.name = "MissingConfigError";
    }
}

const settings = require("@pulumi/pulumi/runtime/settings");
const state = require("@pulumi/pulumi/runtime/state");
const runtimeResource = require("@pulumi/pulumi/runtime/resource");

const Module = require("module");
const engineRoot = path.resolve(__dirname, "..", "..");
let resolverInstalled = false;

/**
 * A program outside this repository must share the engine's copy of the Pulumi SDK (its runtime
 * state is per copy), so bare imports it cannot resolve itself resolve from the engine's packages.
 */
function shareEnginePackages(): void {
    if (resolverInstalled) return;
    resolverInstalled = true;
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request: string, parent: any, ...rest: unknown[]) {
        try {
            return resolve.call(this, request, parent, ...rest);
        } catch (error) {
            if (request.startsWith(".") || path.isAbsolute(request)) {
                // TypeScript's node16/nodenext style imports name the emitted file ("./lib.js") of a .ts source.
                const source = request.replace(/\.(m|c)?js$/, ".$1ts");
                if (source === request) throw error;
                return resolve.call(this, source, parent, ...rest);
            }
            return resolve.call(this, request, { ...parent, paths: Module._nodeModulePaths(engineRoot) }, ...rest);
        }
    };
}

/** Modules the last program run loaded itself, so the next run executes them afresh. */
let programModules: string[] = [];

/**
 * Forgets what the previous program loaded (the SDK and the engine stay loaded, and so do modules
 * a caller imported before running a program, so their classes stay the caller's).
 */
function forgetProgramModules(): void {
    for (const file of programModules) delete require.cache[file];
    programModules = [];
}

function rememberProgramModules(loadedBefore: Set<string>): void {
    programModules = Object.keys(require.cache).filter(
        (file) => !loadedBefore.has(file) && !file.includes(`${path.sep}node_modules${path.sep}`),
    );
}

// A real dynamic import: TypeScript compiles `import()` to `require()` in a CommonJS build.
const dynamicImport: (specifier: string) => Promise<Record<string, unknown>> = new Function("specifier", "return import(specifier)") as never;

/**
 * Loads an ES module program as the nodejs language host's automatic ESM mode does (`import()` of
 * the entry), with esbuild standing in for ts-node/esm: the program's own files (TypeScript or
 * JavaScript, `.js` specifiers naming `.ts` sources, top-level await) are bundled into one module
 * in a fresh temporary file, so each run evaluates it anew. Packages stay imports of their installed
 * files (the same @pulumi/pulumi the engine runs), and `import.meta.url` keeps naming each source file.
 */
async function importEsmProgram(entry: string): Promise<Record<string, unknown>> {
    const esbuild: typeof import("esbuild") = require("esbuild");
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-esm-")), "program.mjs");
    const resolvePackage = (specifier: string, from: string): string | undefined => {
        for (const base of [from, engineRoot]) {
            try {
                return require.resolve(specifier, { paths: [base] });
            } catch (error) {
                // An ES-module-only package exports nothing to require(): find its "import" entry.
                if ((error as { code?: string }).code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return esmOnlyEntry(specifier, base);
                // Otherwise tried next from the engine's own packages, as CommonJS programs are.
            }
        }
        return undefined;
    };
    try {
        await esbuild.build({
            entryPoints: [entry],
            // Locations in errors are relative to this; the run is in the project folder by now.
            absWorkingDir: process.cwd(),
            outfile: out,
            bundle: true,
            format: "esm",
            platform: "node",
            target: "node20",
            sourcemap: "inline",
            logLevel: "silent",
            plugins: [
                {
                    name: "program-files-only",
                    setup(build) {
                        build.onResolve({ filter: /^[^./]/ }, (args) => {
                            if (path.isAbsolute(args.path) || args.path.startsWith("node:") || Module.isBuiltin?.(args.path)) return { path: args.path, external: true };
                            const resolved = resolvePackage(args.path, args.resolveDir);
                            if (!resolved) return { errors: [{ text: `Cannot find package '${args.path}'` }] };
                            return { path: url.pathToFileURL(resolved).href, external: true };
                        });
                        build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
                            if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
                            const fileUrl = url.pathToFileURL(args.path).href;
                            const contents = fs
                                .readFileSync(args.path, "utf8")
                                .replace(/\bimport\.meta\.url\b/g, JSON.stringify(fileUrl))
                                .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
                                .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)));
                            const loader = /\.[cm]?tsx?$/.test(args.path) ? (args.path.endsWith("x") ? "tsx" : "ts") : args.path.endsWith("x") ? "jsx" : "js";
                            return { contents, loader, resolveDir: path.dirname(args.path) };
                        });
                    },
                },
            ],
        });
    } catch (error) {
        const first = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0];
        const where = first?.location ? ` (${first.location.file}:${first.location.line})` : "";
        const missing = first && /^Cannot find package '/.test(first.text) ? Object.assign(new Error(first.text), { code: "ERR_MODULE_NOT_FOUND" }) : undefined;
        const message = first ? `${first.text}${where}` : firstLine(error);
        // A plain Error, as a failed import would be: the run reports it as the program's failure.
        throw new Error(missing ? withInstallHint(message.replace(where, ""), missing, path.dirname(entry)) + where.replace(/^ \((.*)\)$/, " (imported at $1)") : message);
    }
    try {
        return await dynamicImport(url.pathToFileURL(out).href);
    } finally {
        // Evaluated by now (top-level await included), and its source maps are inline.
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
}

/** The file an ES-module-only package's `exports` names for `import` (its root entry only). */
function esmOnlyEntry(specifier: string, from: string): string | undefined {
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    if (name !== specifier) return undefined;
    for (const dir of Module._nodeModulePaths(from) as string[]) {
        const manifest = path.join(dir, name, "package.json");
        if (!fs.existsSync(manifest)) continue;
        let target: unknown = JSON.parse(fs.readFileSync(manifest, "utf8")).exports;
        if (typeof target === "object" && target !== null && "." in target) target = (target as Record<string, unknown>)["."];
        for (let depth = 0; typeof target === "object" && target !== null && depth < 5; depth++) {
            const conditions = target as Record<string, unknown>;
            target = conditions.import ?? conditions.node ?? conditions.default;
        }
        return typeof target === "string" ? path.join(dir, name, target) : undefined;
    }
    return undefined;
}

/** What a program module hands the language host: a function to call, or its exports as outputs. */
function programResult(exported: any, esm: boolean): unknown {
    if (esm && exported && Object.getOwnPropertyDescriptor(exported, "default") !== undefined) {
        if (Object.keys(exported).length !== 1) throw new Error("expected entrypoint module to have either a default export or named exports but not both");
        exported = exported.default;
    } else if (!esm && typeof exported?.default === "function") {
        exported = exported.default;
    }
    return typeof exported === "function" ? exported() : exported;
}

function firstLine(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return message.split("\n").find((line) => line.trim() !== "") ?? message;
}

/**
 * Runs a Pulumi program against the offline AWS and records every registration. One program at a
 * time: Pulumi's runtime state is global to the process, so runs are serialised.
 */
let queue: Promise<unknown> = Promise.resolve();
export function runProgram(options: RunOptions): Promise<ProgramRun> {
    const run = queue.then(() => runExclusive(options));
    queue = run.catch(() => undefined);
    return run;
}

async function runExclusive(options: RunOptions): Promise<ProgramRun> {
    const config = options.config ?? {};
    const region = config["aws:region"] ?? "us-east-1";
    const preview = options.preview ?? false;
    const mocks = new OfflineAws({ stack: options.stack, region, preview, existing: options.existing });

    const location = typeof options.program === "string" ? locateProgram(options.program) : undefined;

    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(mocks, options.project, options.stack, preview, options.organization ?? DEFAULT_ORGANIZATION);
    const recorder = new Recorder(options.stack, options.project);
    recorder.attach(pulumi.runtime.getMonitor());

    // The runtime's own failure channels, captured instead of crashing the process or the test runner.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    const previousListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", onRejection);
    const errorLog = pulumi.log.error;
    (pulumi.log as any).error = (message: string) => {
        failures.push(new Error(message));
        return Promise.resolve();
    };
    // Every resource's options pass through here (see Recorder.observe); the runtime is restored after the run.
    const registerResource = runtimeResource.registerResource;
    runtimeResource.registerResource = function (res: pulumi.Resource, parent: unknown, t: string, name: string, custom: boolean, remote: boolean, newDependency: unknown, props: unknown, opts: pulumi.ResourceOptions, ...rest: unknown[]) {
        recorder.observe(res, opts);
        return registerResource.call(this, res, parent, t, name, custom, remote, newDependency, props, opts, ...rest);
    };
    // `pulumi up` runs a program in its project's folder: relative assets and file reads resolve there.
    const cwd = process.cwd();

    let stackOutputs: Record<string, unknown> = {};
    try {
        if (location) process.chdir(location.projectDir);
        const outputs = await pulumi.runtime.runInPulumiStack(async () => {
            if (typeof options.program === "function") return options.program();
            shareEnginePackages();
            forgetProgramModules();
            if (location!.esm) return programResult(await importEsmProgram(location!.entry), true);
            const loadedBefore = new Set(Object.keys(require.cache));
            // As the nodejs language host does: an exported function (`export = async () => ...`) is
            // called and its result becomes the stack's outputs; otherwise the module's exports are.
            let exported: any;
            try {
                exported = require(location!.entry);
            } finally {
                rememberProgramModules(loadedBefore);
            }
            return programResult(exported, false);
        });
        stackOutputs = (outputs ?? {}) as Record<string, unknown>;
        await settings.waitForRPCs();
        await recorder.settle();
    } catch (error) {
        failures.unshift(error);
    } finally {
        // Let rejections already queued surface before the listener goes.
        await new Promise((resolve) => setImmediate(resolve));
        process.chdir(cwd);
        runtimeResource.registerResource = registerResource;
        process.removeListener("unhandledRejection", onRejection);
        for (const listener of previousListeners) process.on("unhandledRejection", listener);
        (pulumi.log as any).error = errorLog;
        state.getStore().logErrorCount = 0;
    }
    const missing = failures.map(missingConfigOf).find((m) => m !== undefined);
    if (missing) throw new MissingConfigError(missing.key, options.stack, missing.secret);
    if (failures.length > 0) {
        const unique = failures.filter((f, i) => failures.findIndex((g) => firstLine(g) === firstLine(f)) === i);
        throw new ProgramError(withInstallHint(firstLine(unique[0]), unique[0], location?.projectDir), unique);
    }
    const awsConfigKeys = Object.keys(config).filter((key) => key.startsWith("aws:")).map((key) => key.slice("aws:".length));
    return { project: options.project, stack: options.stack, preview, region, resources: recorder.resources, stackOutputs, workDir: location?.projectDir ?? cwd, awsConfigKeys };
}

/** The SDK's ConfigMissingError (config.require on an unset key), which carries the key. */
function missingConfigOf(failure: unknown): { key: string; secret: boolean } | undefined {
    const error = failure as { key?: unknown; secret?: unknown; message?: unknown } | null;
    if (!error || typeof error.key !== "string" || typeof error.message !== "string") return undefined;
    if (!error.message.startsWith("Missing required configuration variable")) return undefined;
    return { key: error.key, secret: error.secret === true };
}

/** A package the program imports but nobody installed: say where `npm install` would put it. */
function withInstallHint(message: string, failure: unknown, projectDir: string | undefined): string {
    const code = (failure as { code?: unknown } | null)?.code;
    if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return message;
    const name = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
    if (!name || name.startsWith(".") || path.isAbsolute(name)) return message;
    return `${message}: it is not installed; run \`npm install ${name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : name.split("/")[0]}\`${projectDir ? ` in ${projectDir}` : ""}`;
}
