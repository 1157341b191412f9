import { statSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const APP_DIR = __dirname;
const OUT_DIR = path.resolve(APP_DIR, "..", "build", "app");
const OUT_FILE = path.join(OUT_DIR, "index.js");

/**
 * Bundles app/handler.ts into build/app/index.js and returns the directory, ready to be an
 * archive for the Lambda function (handler "index.handler").
 */
export async function buildApp(): Promise<string> {
    await build({
        entryPoints: [path.join(APP_DIR, "handler.ts")],
        outfile: OUT_FILE,
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        // The Lambda Node.js runtime ships AWS SDK v3; bundling it would only grow the cold start.
        external: ["@aws-sdk/*"],
        minify: true,
        sourcemap: true,
        legalComments: "none",
        logLevel: "warning",
    });
    return OUT_DIR;
}

/** Builds only when the bundle is missing or older than any source file in app/. */
export async function ensureAppBuilt(): Promise<string> {
    if (existsSync(OUT_FILE) && statSync(OUT_FILE).mtimeMs >= newestSourceMtimeMs(APP_DIR)) return OUT_DIR;
    return buildApp();
}

function newestSourceMtimeMs(directory: string): number {
    let newest = 0;
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtimeMs(full));
        else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
    }
    return newest;
}

if (require.main === module) {
    buildApp().then(
        (outDir) => console.log(`built ${path.relative(process.cwd(), outDir)}/index.js`),
        (error: Error) => {
            console.error(`app build failed: ${error.message}`);
            process.exitCode = 1;
        },
    );
}
