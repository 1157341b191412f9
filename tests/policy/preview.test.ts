import * as assert from "assert";
import { planStack } from "../../tools/plan";
import { evaluate, Evaluation, Violation } from "../../tools/policy/evaluate";

const key = (v: Violation) => `${v.policy} ${v.urn}: ${v.message}`;

/**
 * `pulumi preview` hands the pack unknowns wherever AWS has not computed a value yet. Every policy
 * must then either judge what it can or stay silent: never crash, never a "can't run policy" note,
 * never a finding that the real deployment would not have.
 */
describe("the whole pack on Bulwark's own stacks, preview against deployment", function () {
    this.timeout(180000);

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: preview finds a subset of what the deployment finds, with no notes`, async () => {
            const evaluations: Evaluation[] = [];
            for (const preview of [false, true]) {
                const plan = await planStack({ stack, preview });
                const shared = await evaluate(plan.run, { checkReadOnly: true });
                assert.deepStrictEqual(shared, await evaluate(plan.run, { engine: "crossguard" }), "the shared engine and CrossGuard's analyzer disagree");
                evaluations.push(shared);
            }
            const [deployed, previewed] = evaluations;
            assert.deepStrictEqual(previewed.notes, [], "a policy could not judge an unknown value");
            assert.deepStrictEqual(deployed.notes, []);
            const deployedKeys = new Set(deployed.violations.map(key));
            assert.deepStrictEqual(previewed.violations.map(key).filter((k) => !deployedKeys.has(k)), [], "preview-only findings are false positives");
        });
    }
});
