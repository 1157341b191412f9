import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ExistingWorld, OfflineAws } from "../offline/aws";
import { RecordedResource, Recorder } from "./recorder";

export interface RunOptions {
    /** The program: a file to `require` (as the nodejs language host would), or a function. */
    program: string | (() => unknown);
    project: string;
    stack: string;
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
    resources: RecordedResource[];
    stackOutputs: Record<string, unknown>;
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

const settings = require("@pulumi/pulumi/runtime/settings");
const state = require("@pulumi/pulumi/runtime/state");

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
            if (request.startsWith(".") || path.isAbsolute(request)) throw error;
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

    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(mocks, options.project, options.stack, preview);
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

    let stackOutputs: Record<string, unknown> = {};
    try {
        const outputs = await pulumi.runtime.runInPulumiStack(async () => {
            pulumi.runtime.registerStackTransformation(recorder.transformation);
            if (typeof options.program === "function") return options.program();
            shareEnginePackages();
            forgetProgramModules();
            const loadedBefore = new Set(Object.keys(require.cache));
            // As the nodejs language host does: an exported function (`export = async () => ...`) is
            // called and its result becomes the stack's outputs; otherwise the module's exports are.
            let exported: any;
            try {
                exported = require(options.program);
            } finally {
                rememberProgramModules(loadedBefore);
            }
            if (typeof exported === "function") return exported();
            if (typeof exported?.default === "function") return exported.default();
            return exported;
        });
        stackOutputs = (outputs ?? {}) as Record<string, unknown>;
        await settings.waitForRPCs();
        await recorder.settle();
    } catch (error) {
        failures.unshift(error);
    } finally {
        // Let rejections already queued surface before the listener goes.
        await new Promise((resolve) => setImmediate(resolve));
        process.removeListener("unhandledRejection", onRejection);
        for (const listener of previousListeners) process.on("unhandledRejection", listener);
        (pulumi.log as any).error = errorLog;
        state.getStore().logErrorCount = 0;
    }
    if (failures.length > 0) {
        const unique = failures.filter((f, i) => failures.findIndex((g) => firstLine(g) === firstLine(f)) === i);
        throw new ProgramError(firstLine(unique[0]), unique);
    }
    return { project: options.project, stack: options.stack, preview, region, resources: recorder.resources, stackOutputs };
}
