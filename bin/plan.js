#!/usr/bin/env node
/**
 * `npm run plan`: the offline plan (tools/plan-cli.ts). Its TypeScript and the program's load as
 * `ts-node --transpile-only` loads them, through the compile cache of tools/build/ts-cache.js (the
 * first run of a clean clone compiles and fills it). Before that, two costs of the Pulumi SDK that
 * most plans never need are avoided: closure serialization loads on first use, and the stack traces
 * it formats onto every promise, never printed, are captured empty (both below). tests/helpers/plan-cli.ts
 * runs the same `main` in-process under ts-node, without either.
 */
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");

const REPO = path.resolve(__dirname, "..");

/**
 * Registers a stand-in for an SDK module that loads the real one on first use. Until then it answers
 * what loading it asks of a module without using it: `__esModule` (TypeScript's import helpers) and
 * the functions it exports, as functions that load the module when called. Modules that already hold
 * the stand-in keep working through it once the real module is loaded.
 */
function defer(file, { esModule, functions }) {
    if (require.cache[file]) return;
    let real;
    const load = () => {
        if (real === undefined) {
            delete require.cache[file];
            real = require(file);
        }
        return real;
    };
    const lazy = new Map(
        functions.map((name) => [
            name,
            function (...args) {
                return load()[name].apply(this, args);
            },
        ]),
    );
    const standIn = new Module(file, null);
    standIn.filename = file;
    standIn.paths = Module._nodeModulePaths(path.dirname(file));
    standIn.loaded = true;
    standIn.exports = new Proxy(
        {},
        {
            get: (_, key) => {
                if (real !== undefined) return real[key];
                if (key === "__esModule" && esModule) return true;
                return lazy.has(key) ? lazy.get(key) : load()[key];
            },
            has: (_, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_, key) => {
                const descriptor = Object.getOwnPropertyDescriptor(load(), key);
                return descriptor && { ...descriptor, configurable: true };
            },
        },
    );
    require.cache[file] = standIn;
}

function sdkModule(request) {
    try {
        return require.resolve(request, { paths: [REPO] });
    } catch {
        return undefined; // Another SDK version without this module: it loads its own way.
    }
}

/**
 * Two parts of the Pulumi SDK that load with it serve only closure serialization
 * (`aws.lambda.CallbackFunction`, `pulumi.runtime.serializeFunction`), which most programs never use:
 * the TypeScript compiler (9 MB, through its shim) and the code-path computation, which loads npm's
 * @npmcli/arborist with pacote, sigstore and an HTTP stack (a third of a prod plan's loading). Both
 * load when a program first uses them.
 */
function deferClosureSerializationOfPulumi() {
    const shim = sdkModule("@pulumi/pulumi/typescript-shim");
    if (shim) defer(shim, { esModule: false, functions: [] });
    const codePaths = sdkModule("@pulumi/pulumi/runtime/closure/codePaths");
    if (codePaths) {
        const text = fs.readFileSync(codePaths, "utf8");
        // Its exported functions, e.g. `exports.computeCodePaths = computeCodePaths;` of `function computeCodePaths(`.
        const functions = [...text.matchAll(/^exports\.(\w+) = \1;$/gm)].map((match) => match[1]).filter((name) => text.includes(`function ${name}(`));
        if (functions.length > 0 && /__esModule/.test(text)) defer(codePaths, { esModule: true, functions });
    }
}

/**
 * The SDK wraps each promise it makes (several per property of every resource) and formats a stack
 * trace onto it, which it only ever prints with PULUMI_DEBUG_PROMISE_LEAKS set; formatting them was a
 * tenth of a prod plan. Without that variable the traces are captured empty; the wrapping, the leak
 * detection and its message are the SDK's own.
 */
function skipUnreadPromiseStacksOfPulumi() {
    let debuggable;
    try {
        debuggable = require(require.resolve("@pulumi/pulumi/runtime/debuggable", { paths: [REPO] }));
    } catch {
        return;
    }
    if (debuggable.debugPromiseLeaks || typeof debuggable.debuggablePromise !== "function") return;
    const debuggablePromise = debuggable.debuggablePromise;
    debuggable.debuggablePromise = function (promise, context) {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return debuggablePromise.call(this, promise, context);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}

deferClosureSerializationOfPulumi();
skipUnreadPromiseStacksOfPulumi();
require("../tools/build/ts-cache");
const { main, exitWhenWritten } = require("../tools/plan-cli.ts");

main(process.argv.slice(2)).then(exitWhenWritten);
