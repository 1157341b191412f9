/**
 * The plan CLI's exit codes (0 clean, 1 a mandatory finding, 2 usage, config or program error) in
 * every format, on a fixture whose verdict depends on the stack name, and `--compare`.
 */
import * as assert from "assert";
import * as path from "path";
import { OUTPUT_FORMATS } from "../../tools/report/render";
import { runPlanCli } from "../helpers/plan-cli";

const VERDICT = path.join(__dirname, "fixtures", "verdict", "index.ts");
const THROWS = path.join(__dirname, "..", "fixtures", "throws", "index.ts");

/** The CLI in-process, with stderr captured under the name these tests use. */
const plan = async (args: string[]) => {
    const { code, out, err } = await runPlanCli(args);
    return { code, out, stderr: err };
};

describe("plan CLI exit codes and formats", function () {
    this.timeout(180_000);

    for (const format of OUTPUT_FORMATS) {
        it(`--format ${format}: 0 when clean, 1 on a mandatory violation, 2 on a program error`, async () => {
            const clean = await plan(["--stack", "clean", "--program", VERDICT, "--format", format]);
            assert.strictEqual(clean.code, 0, clean.stderr);
            const blocked = await plan(["--stack", "blocked", "--program", VERDICT, "--format", format]);
            assert.strictEqual(blocked.code, 1, blocked.stderr);
            const broken = await plan(["--stack", "dev", "--program", THROWS, "--format", format]);
            assert.strictEqual(broken.code, 2);
            assert.match(broken.stderr, /^plan: the program failed: /);
            assert.strictEqual(broken.out, "", "nothing written on a program error");
            // Every format says what it costs and that it is an estimate.
            assert.match(clean.out, /estimate from list prices/i);
            if (format === "json") assert.strictEqual(JSON.parse(blocked.out).cost.monthlyUsd, 0.15);
            if (format === "sarif") assert.strictEqual(JSON.parse(blocked.out).runs[0].results.find((r: { ruleId: string }) => r.ruleId === "iam-disallow-wildcard-actions").level, "error");
            if (format === "markdown") assert.match(blocked.out, /^\*\*Blocked\*\*: stack `blocked`/m);
            if (format === "text") assert.match(blocked.out, /^Cost estimate: \$0\.15 a month/m);
        });
    }

    it("--compare: exit code is the worst of the stacks; JSON is {compare: [reports]} in the order given", async () => {
        const worst = await plan(["--compare", "clean,blocked", "--program", VERDICT, "--format", "json"]);
        assert.strictEqual(worst.code, 1);
        const json = JSON.parse(worst.out);
        assert.deepStrictEqual(Object.keys(json), ["compare"]);
        assert.deepStrictEqual(json.compare.map((r: { stack: string; summary: { mandatory: number } }) => [r.stack, r.summary.mandatory]), [["clean", 0], ["blocked", 1]]);
        const both = await plan(["--compare", "clean,other", "--program", VERDICT, "--format", "text"]);
        assert.strictEqual(both.code, 0);
        assert.match(both.out, /^Cost by stack \(a month\):\n {2}category +clean +other\n {2}network +\$0\.00 +\$0\.00/m);
    });

    it("exits 2 with one line naming the key on a bad --usage, and on bad flags", async () => {
        const usage = await plan(["--stack", "clean", "--program", VERDICT, "--usage", "requests=1000,durationMs=-5"]);
        assert.strictEqual(usage.code, 2);
        assert.strictEqual(usage.stderr, '--usage "durationMs" is "-5": it must be a number above 0 and at most 900000 (e.g. --usage durationMs=50).\n'.replace(/^/, "plan: "));
        for (const args of [["--stack", "dev", "--format", "html"], ["--compare", "dev"], ["--stack", "dev", "--compare", "dev,prod"], []]) {
            const result = await plan(args);
            assert.strictEqual(result.code, 2, args.join(" "));
            assert.strictEqual(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
        }
    });

    it("--usage changes the usage-based items of the JSON cost", async () => {
        const result = await plan(["--stack", "clean", "--program", VERDICT, "--format", "json", "--usage", "requests=5000000"]);
        assert.strictEqual(result.code, 0);
        assert.strictEqual(JSON.parse(result.out).cost.usage.requests, 5_000_000);
    });
});
