import { existsSync, readdirSync, statSync } from "fs";
import * as path from "path";
import { asString, get, ReadinessCheck, TYPES } from "../lib";

/** Whether an archive input ships a .map file (a directory archive is read from disk, at most 4 levels deep). */
function shipsSourceMaps(code: unknown, workDir: string): boolean {
    const assets = get(code, "assets");
    if (typeof assets === "object" && assets !== null) return Object.keys(assets).some((name) => name.endsWith(".map"));
    const given = asString(get(code, "path"));
    const directory = given && path.resolve(workDir, given);
    if (!directory || !existsSync(directory) || !statSync(directory).isDirectory()) return false;
    const walk = (dir: string, depth: number): boolean =>
        readdirSync(dir, { withFileTypes: true }).some((entry) =>
            entry.isDirectory() ? depth < 4 && walk(path.join(dir, entry.name), depth + 1) : entry.name.endsWith(".js.map"),
        );
    return walk(directory, 0);
}

export const lambdaSourceMaps: ReadinessCheck = {
    name: "lambda-source-maps",
    category: "aws-api",
    severity: "warning",
    what: "A Node.js function whose package ships .js.map files but whose NODE_OPTIONS lacks --enable-source-maps.",
    rule: "Node.js reads source maps for stack traces only when started with --enable-source-maps (Lambda: set NODE_OPTIONS); otherwise the maps only make the package larger.",
    run(stack) {
        const findings = [];
        for (const fn of stack.ofType(TYPES.lambdaFunction)) {
            const props = stack.props(fn);
            const runtime = asString(get(props, "runtime")) ?? "";
            if (!runtime.startsWith("nodejs")) continue;
            if (!shipsSourceMaps(get(props, "code"), stack.workDir)) continue;
            const options = asString(get(props, "environment", "variables", "NODE_OPTIONS")) ?? "";
            if (options.split(/\s+/).includes("--enable-source-maps")) continue;
            findings.push(
                stack.finding(this, fn, "warning",
                    `Function "${fn.name}" ships source maps but runs without --enable-source-maps: its stack traces point into the minified bundle.`,
                    "Node.js applies source maps only with --enable-source-maps (NODE_OPTIONS on Lambda).",
                    'Set environment.variables.NODE_OPTIONS to "--enable-source-maps", or build without source maps.'),
            );
        }
        return findings;
    },
};
