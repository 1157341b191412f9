import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, BuildOptions, version as esbuildVersion } from "esbuild";

const APP_DIR = __dirname;
const ROOT_DIR = path.resolve(APP_DIR, "..");
const OUT_DIR = path.join(ROOT_DIR, "build", "app");
const OUT_FILE = path.join(OUT_DIR, "index.js");
/** Beside the bundle's directory, not in it: the directory is the function's archive. */
const KEY_FILE = path.join(ROOT_DIR, "build", "app.build-key");
const LOCKFILE = path.join(ROOT_DIR, "package-lock.json");

/** What the function archive holds; `sourceMaps` says the runtime must be started to read them. */
export interface AppBundle {
    directory: string;
    /** A .map file ships beside index.js: the function must run with NODE_OPTIONS=--enable-source-maps. */
    sourceMaps: boolean;
}

const OPTIONS: BuildOptions = {
    entryPoints: [path.join(APP_DIR, "handler.ts")],
    outfile: OUT_FILE,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    // The Lambda Node.js runtime ships AWS SDK v3; bundling it would only grow the cold start.
    external: ["@aws-sdk/*"],
    minify: true,
    // Minified stack traces are unreadable; Node maps them back only with --enable-source-maps.
    sourcemap: true,
    legalComments: "none",
    logLevel: "warning",
};

/**
 * Bundles app/handler.ts into build/app/index.js and returns the directory, ready to be an
 * archive for the Lambda function (handler "index.handler").
 */
export async function buildApp(): Promise<AppBundle> {
    await build(OPTIONS);
    writeFileSync(KEY_FILE, buildKey());
    return bundle();
}

/**
 * Builds only when the inputs changed since the last build: every file under app/, the lockfile
 * (a dependency bump changes the bundle with no source edit), esbuild's version and the options.
 * A content hash, not mtimes: a checkout, a cache restore or a clock skew cannot make it stale.
 */
export async function ensureAppBuilt(): Promise<AppBundle> {
    if (existsSync(OUT_FILE) && existsSync(KEY_FILE) && readFileSync(KEY_FILE, "utf8") === buildKey()) return bundle();
    return buildApp();
}

/** SHA-256 over the build's inputs, in a stable order (the paths are parameters for tests). */
export function buildKey(lockfile: string = LOCKFILE, appDirectory: string = APP_DIR): string {
    const hash = createHash("sha256");
    hash.update(`esbuild ${esbuildVersion}\n${JSON.stringify(OPTIONS)}\n`);
    for (const file of [lockfile, ...sourceFiles(appDirectory)]) {
        hash.update(`${path.relative(path.dirname(lockfile), file)}\n`);
        hash.update(existsSync(file) ? readFileSync(file) : "(missing)");
        hash.update("\n");
    }
    return hash.digest("hex");
}

function bundle(): AppBundle {
    return { directory: OUT_DIR, sourceMaps: OPTIONS.sourcemap === true };
}

function sourceFiles(directory: string): string[] {
    const files: string[] = [];
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) files.push(...sourceFiles(full));
        else files.push(full);
    }
    return files;
}

if (require.main === module) {
    buildApp().then(
        ({ directory }) => console.log(`built ${path.relative(process.cwd(), directory)}/index.js`),
        (error: Error) => {
            console.error(`app build failed: ${error.message}`);
            process.exitCode = 1;
        },
    );
}
