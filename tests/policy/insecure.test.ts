import * as assert from "assert";
import * as path from "path";
import { loadStackConfig } from "../../tools/engine/project";
import { runProgram } from "../../tools/engine/run";
import { evaluate, Evaluation, Violation } from "../../tools/policy/evaluate";
import { checkStack } from "../../tools/plan";

const PROGRAM = path.resolve(__dirname, "..", "..", "examples", "insecure", "index.ts");

/** The example through the plan's engine, after checking that CrossGuard's analyzer finds the same. */
async function evaluateExample(preview: boolean): Promise<Evaluation> {
    const { project, config, secretKeys } = loadStackConfig(PROGRAM, "dev", { requireStackFile: true });
    const run = await runProgram({ program: PROGRAM, project, stack: "dev", config, secretKeys, preview });
    const shared = await evaluate(run, { checkReadOnly: true });
    assert.deepStrictEqual(shared, await evaluate(run, { engine: "crossguard" }), "the shared engine and CrossGuard's analyzer disagree");
    return shared;
}

const key = (v: Violation) => `${v.policy} ${v.name}: ${v.message}`;

describe("examples/insecure (a SAM-style API template, ported mistakes and all)", () => {
    let full: Evaluation;
    let preview: Evaluation;

    before(async () => {
        full = await evaluateExample(false);
        preview = await evaluateExample(true);
    });

    it("is blocked by the plan", async () => {
        const { report } = await checkStack({ stack: "dev", program: PROGRAM });
        assert.ok(report.summary.mandatory > 0);
    });

    for (const [mistake, policy, name, message] of [
        ["CloudWatchLogsFullAccess on the function role", "iam-disallow-broad-managed-policies", "app-function-role", /"CloudWatchLogsFullAccess" .*"logs:\*"/],
        ["the API key in a plain environment variable", "lambda-function-disallow-plaintext-secrets", "app-function", /^Move environment variable API_KEY into Secrets Manager/],
    ] as const) {
        it(`flags ${mistake} (${policy}), in preview too`, () => {
            for (const evaluation of [full, preview]) {
                const found = evaluation.violations.filter((v) => v.policy === policy && v.name === name);
                assert.strictEqual(found.length, 1, `${policy} on ${name}: ${found.map(key).join("; ")}`);
                assert.match(found[0].message, message);
                assert.deepStrictEqual([found[0].level, found[0].suppressed], ["mandatory", false]);
            }
        });
    }

    it("finds nothing in preview that the full run does not, and leaves no policy unable to judge", () => {
        const fullKeys = new Set(full.violations.map(key));
        assert.deepStrictEqual(preview.violations.map(key).filter((k) => !fullKeys.has(k)), []);
        assert.deepStrictEqual(preview.notes, []);
        assert.deepStrictEqual(full.notes, []);
    });
});
