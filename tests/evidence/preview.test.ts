/**
 * Preview realism: `pulumi preview --policy-pack policy` sees every computed output unknown (ids,
 * ARNs, endpoints). Both of Bulwark's stacks and the insecure example are planned twice through the
 * plan's own path (checkStack), once as `pulumi up` would see them and once as a preview, and:
 *
 *  - the preview neither crashes nor registers a different set of resources;
 *  - it reports nothing the full run does not (no false finding from an unknown value);
 *  - Bulwark's stacks have no mandatory finding in either run;
 *  - the insecure example is blocked by the same mandatory findings in both (compared by policy and URN).
 */
import * as assert from "assert";
import * as path from "path";
import { UNKNOWN } from "../../tools/engine/recorder";
import { CheckedPlan, checkStack } from "../../tools/plan";
import { blocking, describeFindings, findingKey } from "./harness";

const INSECURE = path.resolve(__dirname, "..", "..", "examples", "insecure", "index.ts");

interface Subject {
    title: string;
    stack: string;
    program?: string;
    /** A stack Bulwark ships must pass; the insecure example must be blocked. */
    secure: boolean;
}

const SUBJECTS: Subject[] = [
    { title: "Bulwark dev", stack: "dev", secure: true },
    { title: "Bulwark prod", stack: "prod", secure: true },
    { title: "examples/insecure", stack: "dev", program: INSECURE, secure: false },
];

const keys = (plan: CheckedPlan) => new Set(plan.evaluation.violations.map(findingKey));
const blockingKeys = (plan: CheckedPlan) => [...new Set(blocking(plan.evaluation).map(findingKey))].sort();

for (const subject of SUBJECTS) {
    describe(`evidence: preview realism, ${subject.title}`, function () {
        this.timeout(300_000);
        let full: CheckedPlan;
        let preview: CheckedPlan;

        before(async () => {
            full = await checkStack({ stack: subject.stack, program: subject.program });
            preview = await checkStack({ stack: subject.stack, program: subject.program, preview: true });
        });

        it("plans in preview with computed outputs unknown and the same resources as a full run", () => {
            assert.strictEqual(preview.run.preview, true);
            const unknownOutputs = preview.run.resources.filter((r) => JSON.stringify(r.outputs).includes(UNKNOWN));
            assert.ok(unknownOutputs.length > 0, "the preview run has no unknown output: it did not run as a preview");
            assert.ok(!full.run.resources.some((r) => JSON.stringify(r.outputs).includes(UNKNOWN)), "the full run has unknown outputs");
            assert.deepStrictEqual(preview.run.resources.map((r) => r.urn).sort(), full.run.resources.map((r) => r.urn).sort());
        });

        it("reports nothing in preview that the full run does not", () => {
            const known = keys(full);
            const extra = preview.evaluation.violations.filter((v) => !known.has(findingKey(v)));
            assert.deepStrictEqual(extra, [], `findings only in preview:\n${describeFindings(extra)}`);
        });

        if (subject.secure) {
            it("has no mandatory finding, in preview or in full", () => {
                assert.deepStrictEqual(blocking(full.evaluation), [], `full run:\n${describeFindings(blocking(full.evaluation))}`);
                assert.deepStrictEqual(blocking(preview.evaluation), [], `preview:\n${describeFindings(blocking(preview.evaluation))}`);
            });
        } else {
            it("is blocked by the same mandatory findings in preview as in full", () => {
                assert.ok(blockingKeys(full).length > 0, "the insecure example has no mandatory finding");
                assert.deepStrictEqual(blockingKeys(preview), blockingKeys(full));
            });
        }
    });
}
