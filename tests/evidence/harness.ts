/**
 * What the evidence tests share: Bulwark's program run the way `npm run plan` runs it, but with the
 * stack file's config changed, and the findings keyed so that two runs can be compared.
 */
import * as fs from "fs";
import { loadStackConfig } from "../../tools/engine/project";
import { ProgramRun, runProgram } from "../../tools/engine/run";
import { DEFAULT_PROGRAM, defaultPolicyConfigFile } from "../../tools/plan";
import { readPolicyConfigFile } from "../../tools/policy/config";
import { Evaluation, evaluate, Violation } from "../../tools/policy/evaluate";

export const BULWARK_PROGRAM = DEFAULT_PROGRAM;

/** Seeds are fixed so a failure reproduces; FC_SEED explores other inputs (fast-check prints the seed that failed). */
export function seed(fallback: number): number {
    return process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : fallback;
}

/**
 * A stack's config as the CLI would hand it to the program after `pulumi config set --path` changed
 * the given sections: each `bulwark:<section>` replaced by the stack file's value merged with `sections`.
 */
export function configWith(stack: string, sections: Record<string, unknown>): { config: Record<string, string>; secretKeys: string[] } {
    const { config, secretKeys } = loadStackConfig(BULWARK_PROGRAM, stack, { requireStackFile: true });
    const changed = { ...config };
    for (const [section, value] of Object.entries(sections)) {
        const key = `bulwark:${section}`;
        const current = changed[key] !== undefined ? JSON.parse(changed[key]) : undefined;
        const merged = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
        changed[key] = typeof merged === "string" ? merged : JSON.stringify(merged);
    }
    return { config: changed, secretKeys };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface CheckedRun {
    run: ProgramRun;
    evaluation: Evaluation;
}

/** Runs a program for a stack with the given config and evaluates the pack with the stack's policy config, as checkStack does. */
export async function planAndCheck(options: { program?: string; stack: string; project: string; config: Record<string, string>; secretKeys?: string[]; preview?: boolean }): Promise<CheckedRun> {
    const run = await runProgram({
        program: options.program ?? BULWARK_PROGRAM,
        project: options.project,
        stack: options.stack,
        config: options.config,
        secretKeys: options.secretKeys,
        preview: options.preview,
    });
    const policyConfigFile = defaultPolicyConfigFile(options.stack);
    const evaluation = await evaluate(run, { config: policyConfigFile && fs.existsSync(policyConfigFile) ? readPolicyConfigFile(policyConfigFile) : undefined });
    return { run, evaluation };
}

/** Findings that block a deployment: mandatory and not exempted. */
export function blocking(evaluation: Evaluation): Violation[] {
    return evaluation.violations.filter((v) => v.level === "mandatory" && !v.suppressed);
}

/** A finding's identity across runs: which policy, on which resource. */
export function findingKey(violation: Violation): string {
    return `${violation.policy} ${violation.urn ?? "(stack)"}`;
}

export function describeFindings(violations: Violation[]): string {
    return violations.map((v) => `  ${v.level} ${v.policy} on ${v.urn ?? "the stack"}: ${v.message}`).join("\n") || "  (none)";
}
