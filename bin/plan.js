#!/usr/bin/env node
/**
 * `npm run plan`: the offline plan (tools/plan-cli.ts). Its TypeScript and the program's load as
 * `ts-node --transpile-only` loads them, through the compile cache of tools/build/ts-cache.js (the
 * first run of a clean clone compiles and fills it). tests/helpers/plan-cli.ts runs the same `main`
 * in-process under ts-node.
 */
"use strict";
const Module = require("module");
const path = require("path");

const REPO = path.resolve(__dirname, "..");

/**
 * The Pulumi SDK requires the TypeScript compiler (9 MB) as it loads, for closure serialization
 * (`pulumi.runtime.serializeFunction`, `aws.lambda.CallbackFunction`), which most programs never
 * use. Its shim module is registered here as a stand-in that loads the compiler on first use, so a
 * program that serializes a closure gets the same module and one that does not never pays for it.
 */
function deferTypeScriptOfPulumi() {
    let shim;
    try {
        shim = require.resolve("@pulumi/pulumi/typescript-shim", { paths: [REPO] });
    } catch {
        return; // An SDK without the shim loads TypeScript its own way.
    }
    if (require.cache[shim]) return;
    let compiler;
    const load = () => {
        if (compiler === undefined) {
            delete require.cache[shim];
            compiler = require(shim);
        }
        return compiler;
    };
    const standIn = new Module(shim, null);
    standIn.filename = shim;
    standIn.paths = Module._nodeModulePaths(path.dirname(shim));
    standIn.loaded = true;
    standIn.exports = new Proxy(
        {},
        {
            get: (_, key) => load()[key],
            has: (_, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_, key) => {
                const descriptor = Object.getOwnPropertyDescriptor(load(), key);
                return descriptor && { ...descriptor, configurable: true };
            },
        },
    );
    require.cache[shim] = standIn;
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

deferTypeScriptOfPulumi();
skipUnreadPromiseStacksOfPulumi();
require("../tools/build/ts-cache");
const { main } = require("../tools/plan-cli.ts");

main(process.argv.slice(2)).then((code) => process.exit(code));
