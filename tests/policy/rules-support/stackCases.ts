/**
 * Table-driven stack policy cases on the recorded platform: the compliant recording passes, each
 * change fails with its message on the named resource, and the preview recording passes with no note.
 */
import * as assert from "assert";
import { ProgramRun } from "../../../tools/engine/run";
import { assertFails, assertNoNotes, assertPasses } from "../helpers";
import { recordedPlatform } from "./platform";
import { evaluateOnly, recordFixture, Variant } from "./variants";

export interface StackCase {
    name: string;
    change: (v: Variant) => Variant;
    /** One pattern per expected violation. */
    messages: RegExp[];
    /** The resource each violation must name (by logical name), when it matters. */
    on?: string;
    preview?: boolean;
}

export function describeStackPolicy(policy: string, compliance: string, cases: StackCase[], passes: Omit<StackCase, "messages" | "on">[] = []): void {
    describeStackPolicyOn(policy, recordedPlatform, compliance, cases, passes);
}

/**
 * The same table on a small compliant program of the rule's own, for resources the platform does not
 * have (databases, load balancers, API Gateway...): the program is recorded once per mode.
 */
export function describeStackPolicyOnFixture(policy: string, fixture: () => unknown, compliance: string, cases: StackCase[], passes: Omit<StackCase, "messages" | "on">[] = []): void {
    describeStackPolicyOn(policy, (preview = false) => recordFixture(fixture, preview), compliance, cases, passes);
}

function describeStackPolicyOn(policy: string, record: (preview?: boolean) => Promise<ProgramRun>, compliance: string, cases: StackCase[], passes: Omit<StackCase, "messages" | "on">[]): void {
    describe(policy, () => {
        let base: ProgramRun;
        let preview: ProgramRun;
        before(async () => {
            base = await record();
            preview = await record(true);
        });

        it(`Compliance: ${compliance}`, async () => {
            assertPasses(await evaluateOnly(base, policy), policy);
        });
        for (const pass of passes) {
            it(`Compliance: ${pass.name}`, async () => {
                assertPasses(await evaluateOnly(pass.change(new Variant(pass.preview ? preview : base)).run, policy), policy);
            });
        }
        cases.forEach((c, i) => {
            it(`Noncompliance ${i + 1}: ${c.name}`, async () => {
                const variant = c.change(new Variant(c.preview ? preview : base));
                const found = assertFails(await evaluateOnly(variant.run, policy), policy, ...c.messages);
                if (c.on) for (const v of found) assert.strictEqual(v.urn, variant.resource(c.on).urn);
            });
        });
        it("preview: passes with no note", async () => {
            const evaluation = await evaluateOnly(preview, policy);
            assertPasses(evaluation, policy);
            assertNoNotes(evaluation);
        });
    });
}
