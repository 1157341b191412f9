import * as assert from "assert";
import type { Policies } from "@pulumi/policy";
import { runProgram, ProgramRun } from "../../tools/engine/run";
import { defaultOptions, RecordedResource } from "../../tools/engine/recorder";
import { PolicyConfigFile } from "../../tools/policy/config";
import { evaluate, Evaluation, PolicyEngine, Violation } from "../../tools/policy/evaluate";
import { PROFILE_POLICY_NAME, profilePolicy } from "../../policy/lib/profile";

export interface CheckOptions {
    preview?: boolean;
    config?: PolicyConfigFile;
    policies?: Policies;
    region?: string;
    /** One engine only; by default both run and must agree, and the shared one's result is returned. */
    engine?: PolicyEngine;
}

/**
 * Every rule test doubles as a check of the plan's shared engine against CrossGuard's analyzer:
 * same violations, same notes, and no policy writing to what it was handed.
 */
export async function evaluateBoth(run: ProgramRun, options: CheckOptions): Promise<Evaluation> {
    const common = { config: options.config, policies: withProfile(options.policies) };
    if (options.engine) return evaluate(run, { ...common, engine: options.engine });
    const shared = await evaluate(run, { ...common, checkReadOnly: true });
    assert.deepStrictEqual(shared, await evaluate(run, { ...common, engine: "crossguard" }), "the shared engine and CrossGuard's analyzer disagree");
    return shared;
}

/**
 * A selection of the pack's policies runs with the profile policy in front, as the pack lists it: the
 * rules read the profile it records, which must not be whatever an earlier evaluation left.
 */
export function withProfile(policies: Policies | undefined): Policies | undefined {
    if (!policies || policies.some((p) => p.name === PROFILE_POLICY_NAME)) return policies;
    return [profilePolicy, ...policies];
}

/** Runs a small Pulumi program offline and evaluates the pack on it, as `npm run plan` does. */
export async function checkProgram(program: () => unknown, options: CheckOptions = {}): Promise<Evaluation> {
    const run = await runProgram({ project: "fixture", stack: "dev", config: { "aws:region": options.region ?? "eu-west-1" }, preview: options.preview, program });
    return evaluateBoth(run, options);
}

/**
 * Evaluates one resource with the given properties (inputs and outputs alike) through the analyzer,
 * without running a program: for the many small variants of a rule's input.
 */
export async function checkResource(type: string, props: Record<string, unknown>, options: CheckOptions & { name?: string; propertyDependencies?: Record<string, string[]> } = {}): Promise<Evaluation> {
    const name = options.name ?? "subject";
    const resource: RecordedResource = {
        urn: `urn:pulumi:dev::fixture::${type}::${name}`,
        type,
        name,
        custom: true,
        parent: null,
        provider: null,
        id: null,
        inputs: props,
        outputs: props,
        options: defaultOptions(),
        dependencies: Object.values(options.propertyDependencies ?? {}).flat(),
        propertyDependencies: options.propertyDependencies ?? {},
    };
    const run: ProgramRun = { project: "fixture", stack: "dev", preview: options.preview ?? false, region: options.region ?? "eu-west-1", resources: [resource], stackOutputs: {} };
    return evaluateBoth(run, options);
}

export function violationsOf(evaluation: Evaluation, policy: string): Violation[] {
    return evaluation.violations.filter((v) => v.policy === policy);
}

/** The policy reports nothing at all (suppressed reports count as something). */
export function assertPasses(evaluation: Evaluation, policy: string): void {
    const found = violationsOf(evaluation, policy);
    assert.deepStrictEqual(found.map((v) => v.message), [], `${policy} should pass`);
}

/** The policy reports exactly the given messages (each matched by its pattern), none suppressed. */
export function assertFails(evaluation: Evaluation, policy: string, ...patterns: RegExp[]): Violation[] {
    const found = violationsOf(evaluation, policy).filter((v) => !v.suppressed);
    assert.strictEqual(found.length, patterns.length, `${policy}: expected ${patterns.length} violation(s), got:\n${found.map((v) => v.message).join("\n")}`);
    patterns.forEach((pattern, i) => assert.match(found[i].message, pattern));
    return found;
}

/** No policy of the pack could not judge something: no "can't run policy during preview" notes. */
export function assertNoNotes(evaluation: Evaluation): void {
    assert.deepStrictEqual(evaluation.notes, []);
}

export const POLICY_VERSION = "2012-10-17";

export function doc(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: POLICY_VERSION, Statement: statements });
}
