/**
 * What the report formats (markdown, SARIF, coloured text) read of one planned stack, and the
 * lookups they share. The plan's JSON report stays the contract; these only present it.
 */
import type { RecordedResource } from "../engine/recorder";
import type { CostEstimate } from "../cost/estimate";
import type { PolicyNote } from "../policy/evaluate";
import type { PlanReport } from "../policy/report";
import type { Finding } from "../readiness/lib";
import type { DeployPlan } from "../readiness/deployPlan";
import type { RuleMetadata } from "../../policy/lib/rule";
import { policies } from "../../policy/rules";
import type { JudgedSections } from "./not-judged";

export type ReportWithCost = PlanReport & { cost: CostEstimate; readiness?: unknown; deployPlan?: DeployPlan } & JudgedSections;

export interface StackOutcome {
    report: ReportWithCost;
    /** The recorded resources, with their dependencies (the report keeps only the tree). */
    resources: RecordedResource[];
    notes: PolicyNote[];
    preview: boolean;
}

function isFinding(value: unknown): value is Finding {
    const f = value as Finding;
    return typeof f === "object" && f !== null && typeof f.check === "string" && typeof f.message === "string" && (f.severity === "error" || f.severity === "warning");
}

/** Readiness findings of a report, whether the section is a list or an object with `findings`. */
export function readinessFindings(report: { readiness?: unknown }): Finding[] {
    const section = report.readiness as { findings?: unknown } | unknown[] | undefined;
    const list = Array.isArray(section) ? section : Array.isArray((section as { findings?: unknown })?.findings) ? (section as { findings: unknown[] }).findings : [];
    return list.filter(isFinding);
}

const metadataByName = new Map<string, RuleMetadata>(policies.map((p) => [p.name, p.bulwark]));

/** A Bulwark policy's metadata (description, fix, ...), or undefined for another pack's policy. */
export function policyMetadata(name: string): RuleMetadata | undefined {
    return metadataByName.get(name);
}

/** The policies of the pack with their levels, for SARIF rule lists. */
export function packPolicies(): { name: string; level: string; bulwark: RuleMetadata }[] {
    return policies.map((p) => ({ name: p.name, level: p.enforcementLevel ?? "advisory", bulwark: p.bulwark }));
}
