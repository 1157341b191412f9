import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "../../tools/plan";
import { evaluate, Evaluation, Violation } from "../../tools/policy/evaluate";
import { policies } from "../../policy/rules";

/**
 * Outside programs, written the way people write plain @pulumi/aws code, each under
 * tests/policy/corpus/<case>/ with the verdict it deserves in expected.json. A "bad" case carries one
 * misconfiguration and must be caught by the policies named (and by no other mandatory policy); a
 * "good" case must pass every mandatory policy. Each runs as `pulumi up` and as `pulumi preview`
 * would see it: the preview may find less, never more, and no policy may be unable to judge.
 */
interface Expected {
    /** Exactly the mandatory policies the case must trip (empty for a good case). */
    mandatory: string[];
    /** Advisory policies the case must trip at least (others may report too). */
    advisory?: string[];
    /** True for a well-configured program: no mandatory violation at all. */
    noMandatory: boolean;
    /** The resource (logical name) each listed policy must report on, where it matters. */
    where?: Record<string, string>;
}

const CORPUS = path.join(__dirname, "corpus");
const cases = fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

const key = (v: Violation) => `${v.policy} ${v.urn}: ${v.message}`;
const show = (violations: Violation[]) => violations.map((v) => `  ${v.level} ${v.policy} on ${v.name}: ${v.message}`).join("\n") || "  (none)";
const known = new Set(policies.map((p) => p.name));

/** The plan's engine (with its read-only check) and CrossGuard's analyzer on the same run. */
async function check(program: string, preview: boolean): Promise<{ shared: Evaluation; crossguard: Evaluation }> {
    // The SDK warns about outputs a preview leaves undefined and about deprecated V2 resources; both
    // are expected of these programs and would bury the test report.
    const warn = pulumi.log.warn;
    (pulumi.log as { warn: typeof warn }).warn = () => Promise.resolve();
    try {
        const plan = await planStack({ stack: "dev", program, preview });
        return { shared: await evaluate(plan.run, { checkReadOnly: true }), crossguard: await evaluate(plan.run, { engine: "crossguard" }) };
    } finally {
        (pulumi.log as { warn: typeof warn }).warn = warn;
    }
}

describe("policy corpus: outside programs, misconfigured and well-configured", function () {
    this.timeout(60000);

    it("holds at least 40 cases, each with a program, a project file and a verdict naming real policies", () => {
        assert.ok(cases.length >= 40, `only ${cases.length} cases`);
        for (const name of cases) {
            assert.match(name, /^[a-z0-9]+-(bad|good)-[a-z0-9-]+$/, `${name}: name it <area>-bad-<what> or <area>-good-<what>`);
            for (const file of ["index.ts", "Pulumi.yaml", "expected.json"]) assert.ok(fs.existsSync(path.join(CORPUS, name, file)), `${name} lacks ${file}`);
            const expected: Expected = JSON.parse(fs.readFileSync(path.join(CORPUS, name, "expected.json"), "utf8"));
            const listed = [...expected.mandatory, ...(expected.advisory ?? []), ...Object.keys(expected.where ?? {})];
            for (const policy of listed) assert.ok(known.has(policy), `${name}: no policy "${policy}"`);
            const good = name.includes("-good-");
            assert.strictEqual(expected.noMandatory, good, `${name}: noMandatory must be ${good}`);
            if (good) assert.deepStrictEqual(expected.mandatory, [], `${name}: a good case expects no mandatory policy`);
            else assert.ok(expected.mandatory.length + (expected.advisory ?? []).length > 0, `${name}: a bad case must expect some policy`);
        }
    });

    for (const name of cases) {
        describe(name, () => {
            const program = path.join(CORPUS, name, "index.ts");
            const expected: Expected = JSON.parse(fs.readFileSync(path.join(CORPUS, name, "expected.json"), "utf8"));
            let deployed: Evaluation;
            let previewed: Evaluation;
            let byCrossGuard: { deployed: Evaluation; previewed: Evaluation };

            before(async () => {
                const up = await check(program, false);
                const preview = await check(program, true);
                deployed = up.shared;
                previewed = preview.shared;
                byCrossGuard = { deployed: up.crossguard, previewed: preview.crossguard };
            });

            const mandatory = () => deployed.violations.filter((v) => v.level === "mandatory" && !v.suppressed);

            if (expected.noMandatory) {
                it("passes every mandatory policy", () => {
                    assert.deepStrictEqual(mandatory().map(key), [], `mandatory violations:\n${show(mandatory())}`);
                });
            } else {
                it(`is caught by exactly ${expected.mandatory.join(", ") || "no mandatory policy"}${expected.advisory ? ` (and advises ${expected.advisory.join(", ")})` : ""}`, () => {
                    const found = [...new Set(mandatory().map((v) => v.policy))].sort();
                    assert.deepStrictEqual(found, [...expected.mandatory].sort(), `violations:\n${show(deployed.violations)}`);
                    for (const policy of expected.advisory ?? []) {
                        assert.ok(deployed.violations.some((v) => v.policy === policy && v.level === "advisory"), `${policy} did not report:\n${show(deployed.violations)}`);
                    }
                    for (const [policy, resource] of Object.entries(expected.where ?? {})) {
                        assert.ok(deployed.violations.some((v) => v.policy === policy && v.name === resource), `${policy} did not report on "${resource}":\n${show(deployed.violations)}`);
                    }
                });
            }

            it("gets the same findings and notes from the shared engine as from CrossGuard's analyzer", () => {
                assert.deepStrictEqual(deployed, byCrossGuard.deployed);
                assert.deepStrictEqual(previewed, byCrossGuard.previewed);
            });

            it("previews without notes and without findings the deployment does not have", () => {
                assert.deepStrictEqual(deployed.notes, []);
                assert.deepStrictEqual(previewed.notes, [], "a policy could not judge an unknown value in preview");
                const deployedKeys = new Set(deployed.violations.map(key));
                const extra = previewed.violations.filter((v) => !deployedKeys.has(key(v)));
                assert.deepStrictEqual(extra.map(key), [], "preview-only findings are false positives");
            });
        });
    }
});
