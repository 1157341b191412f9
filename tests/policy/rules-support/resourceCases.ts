/**
 * Table-driven resource policy cases through the analyzer (checkResource): a compliant set of
 * properties passes, each one-property change fails with its message, and the same properties with
 * the changed value unknown (as `pulumi preview` sends it) pass with no note.
 */
import type { Policies } from "@pulumi/policy";
import { policies } from "../../../policy/rules";
import { assertFails, assertNoNotes, assertPasses, checkResource } from "../helpers";
import { UNKNOWN } from "./variants";

type Props = Record<string, unknown>;

export interface ResourceCase {
    name: string;
    /** The compliant properties with this change applied. */
    props: (compliant: Props) => Props;
    messages: RegExp[];
    type?: string;
    config?: Record<string, unknown>;
}

export interface ResourcePolicySpec {
    policy: string;
    type: string;
    compliant: Props;
    /** Other compliant shapes (another resource type, an optional setting). */
    alsoCompliant?: { name: string; props: Props; type?: string; config?: Record<string, unknown> }[];
    failures: ResourceCase[];
    /** Top-level properties that, unknown, must not produce a violation or a note. */
    unknowable?: string[];
}

const clone = <T>(value: T): T => structuredClone(value);

export function describeResourcePolicy(spec: ResourcePolicySpec): void {
    const selected = policies.filter((p) => p.name === spec.policy) as unknown as Policies;
    if (selected.length !== 1) throw new Error(`no policy ${spec.policy}`);
    const check = (type: string, props: Props, config?: Record<string, unknown>) =>
        checkResource(type, props, { policies: selected, config: config ? { [spec.policy]: config } as never : undefined });

    describe(spec.policy, () => {
        it("Compliance", async () => {
            assertPasses(await check(spec.type, clone(spec.compliant)), spec.policy);
        });
        for (const other of spec.alsoCompliant ?? []) {
            it(`Compliance: ${other.name}`, async () => {
                assertPasses(await check(other.type ?? spec.type, clone(other.props), other.config), spec.policy);
            });
        }
        spec.failures.forEach((failure, i) => {
            it(`Noncompliance ${i + 1}: ${failure.name}`, async () => {
                assertFails(await check(failure.type ?? spec.type, failure.props(clone(spec.compliant)), failure.config), spec.policy, ...failure.messages);
            });
        });
        if (spec.unknowable?.length) {
            it(`preview: unknown ${spec.unknowable.join(", ")} never yields a violation or a note`, async () => {
                const unknowable = spec.unknowable!;
                for (const failure of spec.failures) {
                    const props = failure.props(clone(spec.compliant));
                    const changed = Object.keys({ ...props, ...spec.compliant }).filter((k) => JSON.stringify(props[k]) !== JSON.stringify(spec.compliant[k]));
                    if (changed.length === 0 || !changed.every((k) => unknowable.includes(k))) continue;
                    for (const key of changed) props[key] = UNKNOWN;
                    const evaluation = await check(failure.type ?? spec.type, props, failure.config);
                    assertPasses(evaluation, spec.policy);
                    assertNoNotes(evaluation);
                }
                for (const key of unknowable) {
                    const evaluation = await check(spec.type, { ...clone(spec.compliant), [key]: UNKNOWN });
                    assertPasses(evaluation, spec.policy);
                    assertNoNotes(evaluation);
                }
            });
        }
    });
}
