// @ts-check
/**
 * `require("./tools/build/ts-cache")` (or `node -r ./tools/build/ts-cache.js`): TypeScript files
 * load as `ts-node --transpile-only` loads them, from a compile cache.
 *
 * The JavaScript is ts-node's own: on a miss the file goes through a ts-node service created with
 * the options of `ts-node --transpile-only` and this repository's tsconfig.json: the compilation the
 * tests (mocha's `ts-node/register/transpile-only`) and the plan before this cache ran. The result
 * is kept in build/ts-cache/ (git-ignored) under a key of the file's path and text, and of what
 * decides its output: the typescript and ts-node versions, tsconfig.json and package-lock.json. A
 * hit loads that text with `module._compile`, as ts-node does, without loading TypeScript (a 9 MB
 * module; loading it and transpiling were 1.5 s of the 4.1 s a prod plan's profile sampled). Files
 * under node_modules are left to Node, as ts-node's default `ignore` leaves them.
 *
 * One thing differs from ts-node: source-map-support is not installed. With it every `new
 * Error().stack` is mapped back to TypeScript, and the Pulumi SDK takes a stack trace for every
 * promise and resource it makes (0.5 to 0.9 s of a prod plan). The compiled files keep their inline
 * source maps: `NODE_OPTIONS=--enable-source-maps` maps stack traces with Node's own support.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const REPO = path.resolve(__dirname, "..", "..");
const TSCONFIG = path.join(REPO, "tsconfig.json");
/** BULWARK_CACHE_DIR moves the plan's caches from build/ (bench/plan.ts times a first run with empty ones). */
const CACHE_ROOT = path.join(process.env.BULWARK_CACHE_DIR || path.join(REPO, "build"), "ts-cache");
/** The extensions `ts-node --transpile-only` compiles with this tsconfig (no jsx, no allowJs) and CommonJS can load. */
const EXTENSIONS = [".ts", ".cts"];
const IGNORED = /(?:^|[\\/])node_modules[\\/]/;

/** @type {string | undefined} */
let cacheDir;
/** @type {import("ts-node").Service | undefined} */
let service;
/** @type {Map<string, boolean>} directory -> inside a `"type": "module"` package */
const moduleScopes = new Map();
const stats = { hits: 0, misses: 0 };

function readOrEmpty(/** @type {string} */ file) {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return "";
    }
}

/** The folder of this compiler setup's entries; a new setup starts a new folder and removes the old ones. */
function compilerCacheDir() {
    if (cacheDir !== undefined) return cacheDir;
    const hash = crypto.createHash("sha256");
    const inputs = [
        require.resolve("typescript/package.json", { paths: [REPO] }),
        require.resolve("ts-node/package.json", { paths: [REPO] }),
        TSCONFIG,
        path.join(REPO, "package-lock.json"),
    ];
    for (const file of inputs) hash.update(file).update("\0").update(readOrEmpty(file)).update("\0");
    const key = hash.digest("hex").slice(0, 20);
    cacheDir = path.join(CACHE_ROOT, key);
    if (!fs.existsSync(cacheDir)) {
        try {
            fs.mkdirSync(cacheDir, { recursive: true });
            for (const old of fs.readdirSync(CACHE_ROOT)) {
                if (old !== key) fs.rmSync(path.join(CACHE_ROOT, old), { recursive: true, force: true });
            }
        } catch {
            // A read-only checkout compiles every time, as ts-node does.
        }
    }
    return cacheDir;
}

/** The ts-node service `ts-node --transpile-only` would create here, made on the first miss only. */
function tsNode() {
    if (service === undefined) {
        const tsNodeModule = require(require.resolve("ts-node", { paths: [REPO] }));
        service = /** @type {import("ts-node").Service} */ (tsNodeModule.create({ transpileOnly: true, project: TSCONFIG }));
    }
    return service;
}

/** ts-node refuses to `require` TypeScript inside a `"type": "module"` package; so does this loader. */
function inModuleScope(/** @type {string} */ directory) {
    const known = moduleScopes.get(directory);
    if (known !== undefined) return known;
    let result = false;
    const packageFile = path.join(directory, "package.json");
    if (fs.existsSync(packageFile)) {
        try {
            result = JSON.parse(fs.readFileSync(packageFile, "utf8")).type === "module";
        } catch {
            result = false;
        }
    } else {
        const parent = path.dirname(directory);
        result = parent !== directory && path.basename(directory) !== "node_modules" && inModuleScope(parent);
    }
    moduleScopes.set(directory, result);
    return result;
}

/** The JavaScript ts-node produces for `source` at `filename`, from the cache when it has it. */
function compiled(/** @type {string} */ source, /** @type {string} */ filename) {
    const key = crypto.createHash("sha256").update(filename).update("\0").update(source).digest("hex");
    const entry = path.join(compilerCacheDir(), `${key}.js`);
    try {
        const hit = fs.readFileSync(entry, "utf8");
        stats.hits++;
        return hit;
    } catch {
        // Not cached yet: compile below.
    }
    const output = tsNode().compile(source, filename);
    stats.misses++;
    // Written aside and renamed, so a concurrent plan reads a whole entry or none.
    const temporary = `${entry}.${process.pid}.${stats.misses}.tmp`;
    try {
        fs.writeFileSync(temporary, output);
        fs.renameSync(temporary, entry);
    } catch {
        try {
            fs.rmSync(temporary, { force: true });
        } catch {
            // The cache cannot be written here: this run compiled, the next will too.
        }
    }
    return output;
}

/** @param {string} extension */
function register(extension) {
    const previous = require.extensions[extension] ?? require.extensions[".js"];
    require.extensions[extension] = function (module, filename) {
        if (IGNORED.test(path.relative(process.cwd(), filename))) return previous(module, filename);
        if (extension !== ".cts" && inModuleScope(path.dirname(filename))) {
            const error = new Error(`Must use import to load ES Module: ${filename}`);
            Object.assign(error, { code: "ERR_REQUIRE_ESM" });
            throw error;
        }
        const source = fs.readFileSync(filename, "utf8");
        /** @type {any} */ (module)._compile(compiled(source, filename), filename);
    };
}

const installed = Symbol.for("bulwark.ts-cache");
if (!(/** @type {any} */ (globalThis)[installed])) {
    /** @type {any} */ (globalThis)[installed] = stats;
    for (const extension of EXTENSIONS) register(extension);
}

module.exports = { stats: /** @type {any} */ (globalThis)[installed], CACHE_ROOT };
