import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanCli } from "../helpers/plan-cli";

/**
 * `npm run plan` (bin/plan.js) loads TypeScript through tools/build/ts-cache.js instead of ts-node's
 * compiler at each start. What runs must stay what ts-node runs: the same JavaScript, the same
 * refusals, the same report as the plan the other tests run in-process.
 */

const REPO = path.resolve(__dirname, "..", "..");
const BIN = path.join(REPO, "bin", "plan.js");
const TS_CACHE = path.join(REPO, "tools", "build", "ts-cache.js");
const fixtures = path.join(__dirname, "..", "fixtures");

function node(args: string[], cacheDir: string, cwd = REPO) {
    const child = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, BULWARK_CACHE_DIR: cacheDir }, maxBuffer: 64 * 1024 * 1024 });
    if (child.error) throw child.error;
    return child;
}

function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe("the plan's compile cache (tools/build/ts-cache.js)", () => {
    let work: string;
    let cache: string;
    const load = (file: string) =>
        node(["-e", `require(${JSON.stringify(TS_CACHE)}); const m = require(${JSON.stringify(file)}); const { stats } = require(${JSON.stringify(TS_CACHE)}); console.log(JSON.stringify({ value: m.value, stats }))`], cache, work);

    beforeEach(() => {
        work = tempDir("ts-cache-src-");
        cache = tempDir("ts-cache-");
    });

    it("runs the JavaScript ts-node --transpile-only produces, and serves it from the cache the next time", () => {
        const file = path.join(work, "mod.ts");
        const source = "enum Size { Small = 1, Large }\nexport class Box { readonly size = Size.Large; constructor(readonly label: string) {} }\nexport const value: number = new Box(\"a\").size * 21;\n";
        fs.writeFileSync(file, source);

        const first = load(file);
        assert.strictEqual(first.status, 0, first.stderr);
        assert.deepStrictEqual(JSON.parse(first.stdout), { value: 42, stats: { hits: 0, misses: 1 } });
        const second = load(file);
        assert.deepStrictEqual(JSON.parse(second.stdout), { value: 42, stats: { hits: 1, misses: 0 } });

        const root = path.join(cache, "ts-cache");
        const entries = fs.readdirSync(root).flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((entry) => path.join(root, dir, entry)));
        assert.strictEqual(entries.length, 1);
        const tsNode = require("ts-node").create({ transpileOnly: true, project: path.join(REPO, "tsconfig.json") });
        assert.strictEqual(fs.readFileSync(entries[0], "utf8"), tsNode.compile(source, file));
    });

    it("compiles a file again when its text changes", () => {
        const file = path.join(work, "mod.ts");
        fs.writeFileSync(file, "export const value = 1;\n");
        assert.deepStrictEqual(JSON.parse(load(file).stdout), { value: 1, stats: { hits: 0, misses: 1 } });
        fs.writeFileSync(file, "export const value = 2;\n");
        assert.deepStrictEqual(JSON.parse(load(file).stdout), { value: 2, stats: { hits: 0, misses: 1 } });
    });

    it("compiles every time where the cache cannot be written", () => {
        const file = path.join(work, "mod.ts");
        fs.writeFileSync(file, "export const value = 3;\n");
        cache = path.join(os.devNull, "cache");
        for (let run = 0; run < 2; run++) assert.deepStrictEqual(JSON.parse(load(file).stdout), { value: 3, stats: { hits: 0, misses: 1 } });
    });

    it("refuses to require TypeScript inside a \"type\": \"module\" package, as ts-node does", () => {
        fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ type: "module" }));
        const file = path.join(work, "mod.ts");
        fs.writeFileSync(file, "export const value = 1;\n");
        const run = load(file);
        assert.notStrictEqual(run.status, 0);
        assert.match(run.stderr, /ERR_REQUIRE_ESM|Must use import to load ES Module/);
    });

    it("reports a syntax error with ts-node's diagnostic", () => {
        const file = path.join(work, "mod.ts");
        fs.writeFileSync(file, "export const value = ;\n");
        const run = load(file);
        assert.notStrictEqual(run.status, 0);
        assert.match(run.stderr, /TSError|Expression expected/);
    });
});

describe("npm run plan (bin/plan.js)", () => {
    // One cache for the block: the first plan fills it, as on a clean clone, the next ones read it.
    let cache: string;
    before(() => {
        cache = tempDir("plan-bin-cache-");
    });

    for (const [why, program] of [
        ["a program with config and secrets", path.join(fixtures, "simple", "index.ts")],
        ["a program whose closure the SDK serializes with the TypeScript compiler it loads on first use", path.join(fixtures, "closure", "index.ts")],
    ] as const) {
        it(`prints the report of the in-process plan for ${why}, compiling and then from the cache`, async () => {
            const args = ["--stack", "dev", "--program", program, "--format", "json"];
            const expected = await runPlanCli(args);
            for (const round of ["first run", "second run"]) {
                const run = node([BIN, ...args], cache);
                assert.strictEqual(run.status, expected.code, `${round}: ${run.stderr}`);
                assert.deepStrictEqual(JSON.parse(run.stdout), JSON.parse(expected.out), round);
            }
        });
    }

    it("exits 2 with the CLI's one-line message for bad input", () => {
        const run = node([BIN, "--stack", "dev", "--format", "xml"], cache);
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /^plan: --format is "xml": it must be one of/);
        assert.strictEqual(run.stderr.trim().split("\n").length, 1);
    });
});

describe("bin/plan.js writing to a pipe", function () {
    this.timeout(120_000);
    it("exits only once standard output has taken the whole report (prod's JSON is past a pipe's 64 KiB)", () => {
        // A reader that takes its time, as a CI step piping into jq may: the pipe fills before the plan is done writing.
        const command = `"${process.execPath}" "${BIN}" --stack prod --format json | (sleep 1; cat)`;
        const child = spawnSync("sh", ["-c", command], { cwd: REPO, encoding: "utf8", env: { ...process.env, BULWARK_CACHE_DIR: tempDir("plan-pipe-cache-") }, maxBuffer: 64 * 1024 * 1024 });
        assert.strictEqual(child.status, 0, child.stderr);
        assert.ok(child.stdout.length > 65_536, `${child.stdout.length} bytes`);
        assert.strictEqual(JSON.parse(child.stdout).stack, "prod");
    });
});
