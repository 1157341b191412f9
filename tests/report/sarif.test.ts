/**
 * SARIF output against the SARIF 2.1.0 JSON schema. The schema file is the SARIF TC's final 2.1.0
 * schema (rtm.5), vendored from the MIT-licensed @microsoft/jest-sarif package (lib/schemas/), as it
 * cannot be fetched here; it is draft-04, hence ajv-draft-04.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type * as Sarif from "sarif";
import { toSarif, TOOL_NAME } from "../../tools/report/sarif";
import { packPolicies, StackOutcome } from "../../tools/report/outcome";
import { outcomeOf, plannedStack } from "./stacks";
import { syntheticOutcome } from "./synthetic";

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "sarif-2.1.0-rtm.5.json"), "utf8"));
// The schema's language pattern has a stray "]" that is an error only under the "u" flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function assertValid(log: unknown) {
    const valid = validateSarif(log);
    assert.ok(valid, `SARIF does not match the 2.1.0 schema:\n${ajv.errorsText(validateSarif.errors, { separator: "\n" })}`);
}

describe("SARIF output", function () {
    this.timeout(180_000);
    let synthetic: Awaited<ReturnType<typeof syntheticOutcome>>;
    let dev: StackOutcome;
    let prod: StackOutcome;

    before(async () => {
        synthetic = await syntheticOutcome();
        dev = outcomeOf(await plannedStack("dev"));
        prod = outcomeOf(await plannedStack("prod"));
    });

    it("the schema rejects what SARIF forbids (so validation can fail)", () => {
        assert.strictEqual(validateSarif({ version: "2.1.0" }), false);
        const log = toSarif([synthetic], "0.1.0");
        (log.runs[0].results![0] as { level: string }).level = "fatal";
        assert.strictEqual(validateSarif(log), false);
    });

    it("validates for the real stacks, one run per stack with its own category", () => {
        const log = toSarif([dev, prod], "0.1.0");
        assertValid(JSON.parse(JSON.stringify(log)));
        assert.strictEqual(log.version, "2.1.0");
        assert.deepStrictEqual(log.runs.map((r) => r.automationDetails?.id), [`${TOOL_NAME}/dev/`, `${TOOL_NAME}/prod/`]);
    });

    it("has a result for every violation of the real stacks, at the level its enforcement gives", () => {
        const [run] = toSarif([dev], "0.1.0").runs;
        const expected = dev.report.violations.map((v) => `${v.policy} ${v.suppressed ? "note" : v.level === "mandatory" ? "error" : "warning"} ${v.urn ?? ""}`);
        const actual = run.results!
            .filter((r) => !r.ruleId!.startsWith("readiness/"))
            .map((r) => `${r.ruleId} ${r.level} ${r.locations![0].logicalLocations![0].fullyQualifiedName === dev.resources[0].urn ? "" : r.locations![0].logicalLocations![0].fullyQualifiedName}`);
        assert.deepStrictEqual(actual, expected);
    });

    it("maps mandatory to error, advisory to warning, suppressed to note with the reason", () => {
        const log = toSarif([synthetic], "0.1.0");
        assertValid(JSON.parse(JSON.stringify(log)));
        const results = log.runs[0].results!;
        const { mandatory, advisory } = synthetic.policies;
        const summary = results.map((r) => [r.ruleId, r.level, r.suppressions?.[0]?.justification ?? null]);
        assert.deepStrictEqual(summary, [
            [mandatory, "error", null],
            [advisory, "warning", null],
            [mandatory, "note", "A test topic that holds no data; exempted until 2027."],
            [advisory, "warning", null],
            ["readiness/logs-kms-key-policy", "error", null],
            ["readiness/sns-no-subscribers", "warning", null],
        ]);
        assert.strictEqual(results[2].suppressions![0].kind, "external");
    });

    it("locates results by URN (the stack's for stack-wide findings) and indexes their rules", () => {
        const run: Sarif.Run = toSarif([synthetic], "0.1.0").runs[0];
        const urnOf = (r: Sarif.Result) => r.locations![0].logicalLocations![0].fullyQualifiedName;
        const logs = synthetic.resources.find((r) => r.name === "logs")!;
        const stack = synthetic.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        assert.strictEqual(urnOf(run.results![0]), logs.urn);
        assert.strictEqual(urnOf(run.results![3]), stack.urn);
        for (const result of run.results!) {
            assert.strictEqual(run.tool.driver.rules![result.ruleIndex!].id, result.ruleId);
            assert.strictEqual(result.locations![0].physicalLocation!.artifactLocation!.uri, "tests/report/synthetic.ts");
        }
        // Fingerprints keep alerts stable between runs and distinct between resources.
        const fingerprints = run.results!.map((r) => r.partialFingerprints!["bulwarkResource/v1"]);
        assert.strictEqual(new Set(fingerprints).size, fingerprints.length);
    });

    it("lists every policy of the pack as a rule with its fix, and readiness checks as readiness/<check>", () => {
        const rules = toSarif([synthetic], "0.1.0").runs[0].tool.driver.rules!;
        const policyRules = rules.filter((r) => !r.id.startsWith("readiness/"));
        assert.deepStrictEqual(policyRules.map((r) => r.id), packPolicies().map((p) => p.name));
        for (const rule of policyRules) {
            const policy = packPolicies().find((p) => p.name === rule.id)!;
            assert.strictEqual(rule.help!.text, policy.bulwark.fix);
            assert.strictEqual(rule.defaultConfiguration!.level, policy.level === "mandatory" ? "error" : "warning");
        }
        assert.deepStrictEqual(rules.filter((r) => r.id.startsWith("readiness/")).map((r) => r.id), ["readiness/logs-kms-key-policy", "readiness/sns-no-subscribers"]);
    });
});
