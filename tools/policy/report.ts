import { ReportResource } from "../plan";
import { formatCounts, formatTree, shortType } from "../report/tree";
import { stepWords } from "../report/step";
import { PolicyNote, Violation } from "./evaluate";

/** The plan's verdict, version 1: fields may be added, never renamed (CI reads them). */
export interface PlanReport {
    version: 1;
    stack: string;
    program: string;
    resources: ReportResource[];
    violations: Violation[];
    summary: { resources: number; mandatory: number; advisory: number; suppressed: number };
}

export function buildReport(stack: string, program: string, resources: ReportResource[], violations: Violation[]): PlanReport {
    const open = violations.filter((v) => !v.suppressed);
    return {
        version: 1,
        stack,
        program,
        resources,
        violations,
        summary: {
            resources: resources.length,
            mandatory: open.filter((v) => v.level === "mandatory").length,
            advisory: open.filter((v) => v.level === "advisory").length,
            suppressed: violations.length - open.length,
        },
    };
}

/** A mandatory violation nobody exempted blocks the deployment. */
export function blocks(report: PlanReport): boolean {
    return report.summary.mandatory > 0;
}

function marker(violation: Violation): string {
    if (violation.suppressed) return `suppressed (${violation.level})`;
    return violation.level;
}

function formatViolation(violation: Violation): string[] {
    const step = stepWords(violation);
    const lines = [`  ${marker(violation)}  ${violation.policy}${step ? `  (${step})` : ""}`, `    ${violation.message}`];
    if (violation.suppressed) lines.push(`    reason: ${violation.reason}`);
    return lines;
}

/** The findings grouped by resource, in plan order; stack-wide findings last. */
export function formatViolations(report: PlanReport): string {
    if (report.violations.length === 0) return "No policy violations.";
    const groups = new Map<string, Violation[]>();
    for (const violation of report.violations) {
        const key = violation.urn ?? "";
        groups.set(key, [...(groups.get(key) ?? []), violation]);
    }
    const lines: string[] = [];
    for (const [urn, violations] of groups) {
        const first = violations[0];
        lines.push(urn === "" ? "stack" : first.type ? `${shortType(first.type)} ${first.name}` : urn);
        for (const violation of violations) lines.push(...formatViolation(violation));
        lines.push("");
    }
    return lines.join("\n").trimEnd();
}

export function formatSummary(report: PlanReport): string {
    const { mandatory, advisory, suppressed } = report.summary;
    const verdict = mandatory > 0 ? "BLOCKED: fix or exempt (with a reason) the mandatory violations." : "OK: no mandatory violations.";
    return `${mandatory} mandatory, ${advisory} advisory, ${suppressed} suppressed. ${verdict}`;
}

export function formatNotes(notes: PolicyNote[]): string {
    if (notes.length === 0) return "";
    return ["Notes (policies that could not judge values unknown until deployment; not violations):", ...notes.map((n) => `  ${n.policy}: ${n.message}`)].join("\n");
}

/** The text report: the resource tree (with violation counts), the findings by resource, the verdict. */
export function formatText(report: PlanReport, notes: PolicyNote[], preview: boolean): string {
    const counts = new Map<string, number>();
    for (const violation of report.violations) {
        if (violation.urn && !violation.suppressed) counts.set(violation.urn, (counts.get(violation.urn) ?? 0) + 1);
    }
    const annotate = (resource: ReportResource) => {
        const count = counts.get(resource.urn);
        return count ? `  [${count} violation${count === 1 ? "" : "s"}]` : "";
    };
    const sections = [
        `Plan of stack "${report.stack}" (${report.program})${preview ? ", preview" : ""}`,
        formatTree(report.resources, annotate),
        formatCounts(report.resources),
        formatViolations(report),
        formatNotes(notes),
        formatSummary(report),
    ];
    return sections.filter((s) => s !== "").join("\n\n");
}
