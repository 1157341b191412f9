/**
 * The policies and readiness checks that need the whole set. One stack of a layered platform holds a
 * Lambda whose subnets, route tables and NAT live in another stack; per stack, the reachability
 * policies and readiness checks cannot see those and stay silent. Joined, the set's resources link
 * the way they will in AWS: the consumer's inputs hold the ids and ARNs its producers' planned
 * outputs hand it, and both engines resolve links by those values. What the joined set finds that no
 * member found on its own is reported here.
 */
import type { RecordedResource } from "../engine/recorder";
import type { ProgramRun } from "../engine/run";
import { readPolicyConfigFile } from "../policy/config";
import { evaluate, Violation } from "../policy/evaluate";
import type { CheckedPlan } from "../plan";
import { runReadiness } from "../readiness";
import { stringsIn, type Finding } from "../readiness/lib";
import type { SetPlanOptions } from "./plan-set";

export interface CrossStackViolation extends Violation {
    /** The stack that holds the resource the violation is reported on. */
    stack: string;
    /** Every stack of the set whose resources the finding's links reach (the owner first). */
    stacks: string[];
}

export interface CrossStackFinding extends Finding {
    stack: string;
    stacks: string[];
}

/** The set's JSON `crossStack`: fields may be added, never renamed. */
export interface CrossStackReport {
    /** False when the links cannot be made (a preview: the producers' ids are unknown), with why. */
    judged: boolean;
    reason?: string;
    violations: CrossStackViolation[];
    readiness: CrossStackFinding[];
}

/** Judges the planned stacks joined, keeping what no member's own report has. */
export async function judgeAcrossStacks(checked: CheckedPlan[], names: string[], options: SetPlanOptions): Promise<CrossStackReport> {
    if (checked.length < 2) return { judged: true, violations: [], readiness: [] };
    if (checked.some((c) => c.run.preview)) {
        return {
            judged: false,
            reason: "in a preview the producers' ids and ARNs are unknown, so no resource of one stack can be linked to another's; plan without --preview to judge the set joined",
            violations: [],
            readiness: [],
        };
    }
    const owner = new Map<string, string>();
    checked.forEach((c, i) => c.run.resources.forEach((r) => owner.set(r.urn, names[i])));
    const joined: ProgramRun = {
        ...checked[0].run,
        stack: names.join("+"),
        resources: checked.flatMap((c) => c.run.resources),
        stackOutputs: {},
        awsConfigKeys: [...new Set(checked.flatMap((c) => c.run.awsConfigKeys ?? []))],
    };
    const stacksOf = (urns: (string | null)[], own: string) => [own, ...new Set(urns.flatMap((u) => (u && owner.get(u) !== own ? [owner.get(u)!] : [])))];

    // Each finding is judged under the policy config of the stack that owns its resource.
    const violations: CrossStackViolation[] = [];
    const seenViolation = new Set(checked.flatMap((c) => c.evaluation.violations.map((v) => `${v.policy}|${v.urn}`)));
    for (const [i, member] of checked.entries()) {
        const config = member.policyConfigFile ? readPolicyConfigFile(member.policyConfigFile) : undefined;
        const { violations: found } = await evaluate(joined, { config, engine: options.policyEngine });
        for (const v of found) {
            if (v.urn === null || owner.get(v.urn) !== names[i] || seenViolation.has(`${v.policy}|${v.urn}`)) continue;
            seenViolation.add(`${v.policy}|${v.urn}`);
            violations.push({ ...v, stack: names[i], stacks: stacksOf(linkedUrns(joined, v.urn), names[i]) });
        }
    }

    const seenFinding = new Set(checked.flatMap((c) => c.report.readiness.map((f) => `${f.check}|${f.urn}`)));
    const { findings } = await runReadiness(joined, { lambdaConcurrencyLimit: options.lambdaConcurrencyLimit });
    const readiness = findings
        .filter((f) => !seenFinding.has(`${f.check}|${f.urn}`) && owner.has(f.urn))
        .map((f) => ({ ...f, stack: owner.get(f.urn)!, stacks: stacksOf(linkedUrns(joined, f.urn), owner.get(f.urn)!) }));
    return { judged: true, violations, readiness };
}

/** A cross-stack finding blocks the deploy as the stacks' own do. */
export function crossStackBlocks(report: CrossStackReport): boolean {
    return report.violations.some((v) => v.level === "mandatory" && !v.suppressed) || report.readiness.some((f) => f.severity === "error");
}

/**
 * The resources a resource's inputs reach by value in the joined set (other resources' ids and ARNs),
 * one hop: enough to name the stacks a finding spans.
 */
function linkedUrns(run: ProgramRun, urn: string): string[] {
    const resource = run.resources.find((r) => r.urn === urn);
    if (!resource) return [];
    const values = new Set(stringsIn(resource.inputs));
    const identifiers = (other: RecordedResource) => [other.id, other.outputs.arn].filter((v): v is string => typeof v === "string" && v !== "");
    return run.resources.filter((other) => other.urn !== urn && identifiers(other).some((v) => values.has(v))).map((other) => other.urn);
}
