import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PlanCliResult, runPlanCli } from "../helpers/plan-cli";
import { policies } from "../../policy/rules";

/**
 * The real-world program corpus (issue #15, format in /work/coord/PROGRAMS.md): each folder here is
 * a small Pulumi project written the way public users write them, planned in both modes, with the
 * exit codes, findings, opaque components and error line its expect.json names.
 */

interface ExpectedFinding {
    policy: string;
    resource: string;
    present: boolean;
    /** Only in this mode (e.g. "up" for a finding on a value a preview leaves unknown); both by default. */
    mode?: "up" | "preview";
}

interface Expectation {
    description: string;
    stack?: string;
    args?: string[];
    program?: string;
    exit: { up: number; preview: number };
    findings: ExpectedFinding[];
    notJudged?: string[];
    errorIncludes?: string;
}

interface Violation {
    policy: string;
    name: string | null;
    suppressed: boolean;
}

const corpus = __dirname;
const EXIT_USAGE = 2;

function programsIn(folder: string): string[] {
    return fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(folder, entry.name, "expect.json")))
        .map((entry) => entry.name)
        .sort();
}

function readExpectation(folder: string): Expectation {
    const expect = JSON.parse(fs.readFileSync(path.join(folder, "expect.json"), "utf8")) as Expectation;
    assert.ok(typeof expect.description === "string" && expect.description.length > 0, "expect.json needs a description");
    assert.ok(Number.isInteger(expect.exit?.up) && Number.isInteger(expect.exit?.preview), "expect.json needs exit.up and exit.preview");
    assert.ok(Array.isArray(expect.findings) && expect.findings.length > 0, "expect.json needs at least one finding (present or absent)");
    const known = new Set(policies.map((p) => p.name));
    for (const finding of expect.findings) assert.ok(known.has(finding.policy), `expect.json names a policy the pack does not have: ${finding.policy}`);
    return expect;
}

/** An argument naming a file of the program's folder (alone or after `=`) becomes its absolute path. */
function resolveArg(folder: string, arg: string): string {
    if (arg.startsWith("-")) return arg;
    const split = arg.lastIndexOf("=");
    const prefix = split >= 0 ? arg.slice(0, split + 1) : "";
    const file = split >= 0 ? arg.slice(split + 1) : arg;
    const candidate = path.join(folder, file);
    return file !== "" && !path.isAbsolute(file) && fs.existsSync(candidate) ? prefix + candidate : arg;
}

function planArgs(folder: string, expect: Expectation, extra: string[]): string[] {
    const program = path.resolve(folder, expect.program ?? ".");
    const args = (expect.args ?? []).map((arg) => resolveArg(folder, arg));
    return ["--program", program, "--stack", expect.stack ?? "dev", "--format", "json", ...extra, ...args];
}

function violationsOf(result: PlanCliResult): Violation[] {
    return (JSON.parse(result.out) as { violations: Violation[] }).violations;
}

function assertNoStackTrace(result: PlanCliResult): void {
    const trace = result.err.split("\n").find((line) => /^\s+at /.test(line));
    assert.strictEqual(trace, undefined, `stderr holds a stack trace:\n${result.err}`);
}

function assertOutcome(expect: Expectation, result: PlanCliResult, mode: "up" | "preview"): void {
    const expected = expect.exit[mode];
    assert.strictEqual(result.code, expected, `exit ${result.code} in ${mode} mode, expected ${expected}; stderr:\n${result.err}`);
    assertNoStackTrace(result);
    if (result.code === EXIT_USAGE) {
        const lines = result.err.trim().split("\n");
        assert.strictEqual(lines.length, 1, `an exit 2 explains itself in one line, got:\n${result.err}`);
        if (expect.errorIncludes) assert.ok(result.err.includes(expect.errorIncludes), `stderr should include "${expect.errorIncludes}", got:\n${result.err}`);
        return;
    }
    const violations = violationsOf(result).filter((v) => !v.suppressed);
    for (const finding of expect.findings.filter((f) => (f.mode ?? mode) === mode)) {
        const found = violations.some((v) => v.policy === finding.policy && v.name === finding.resource);
        const listed = violations.map((v) => `${v.policy} on ${v.name}`).join("\n  ");
        assert.strictEqual(found, finding.present, `${finding.policy} on ${finding.resource} should be ${finding.present ? "present" : "absent"} in ${mode} mode; found:\n  ${listed}`);
    }
    const report = JSON.parse(result.out) as { notJudged?: { type: string }[] };
    for (const type of expect.notJudged ?? []) {
        assert.ok((report.notJudged ?? []).some((entry) => entry.type === type), `${type} should be reported as not judged in ${mode} mode`);
    }
}

describe("real-world programs (tests/programs)", function () {
    this.timeout(120_000);
    const programs = programsIn(corpus);

    it("has programs to plan", () => {
        assert.ok(programs.length > 0);
    });

    for (const name of programs) {
        describe(name, () => {
            const folder = path.join(corpus, name);
            let expect: Expectation;
            let up: PlanCliResult | undefined;
            const cwd = process.cwd();

            before(() => {
                expect = readExpectation(folder);
            });

            it("plans as `pulumi up` would", async () => {
                up = await runPlanCli(planArgs(folder, expect, []));
                assert.strictEqual(process.cwd(), cwd, "the plan restores the working directory");
                assertOutcome(expect, up, "up");
            });

            it("plans as `pulumi preview` would", async () => {
                const preview = await runPlanCli(planArgs(folder, expect, ["--preview"]));
                assert.strictEqual(process.cwd(), cwd, "the plan restores the working directory");
                assertOutcome(expect, preview, "preview");
            });

            it("finds the same through CrossGuard's analyzer", async () => {
                const crossguard = await runPlanCli(planArgs(folder, expect, ["--policy-engine", "crossguard"]));
                assertOutcome(expect, crossguard, "up");
                up ??= await runPlanCli(planArgs(folder, expect, []));
                if (crossguard.code !== EXIT_USAGE) assert.deepStrictEqual(violationsOf(crossguard), violationsOf(up));
            });
        });
    }
});
