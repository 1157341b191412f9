/**
 * The plan as a pull-request comment: a summary line, policy violations grouped by severity with
 * each policy's fix, readiness findings, the cost estimate, and the architecture as a Mermaid
 * diagram (which GitHub renders).
 */
import { compareMarkdown, costHeadline, costMarkdown } from "../cost/format";
import type { Violation } from "../policy/evaluate";
import { architectureOf, toMermaid } from "./architecture";
import { policyMetadata, readinessFindings, StackOutcome } from "./outcome";
import { stepWords } from "./step";
import { shortType } from "./tree";
import { notJudgedMarkdown } from "./not-judged";

/** Marks the comment so a sticky-comment action can find and replace it. */
export const COMMENT_MARKER = "<!-- bulwark-plan -->";

function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

function oneLine(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").trim();
}

function resourceLabel(violation: Violation): string {
    if (!violation.urn) return "the stack";
    const label = violation.type ? code(`${shortType(violation.type)} ${violation.name}`) : code(violation.urn);
    const step = stepWords(violation);
    return step ? `${label} (${step})` : label;
}

export function summaryLine(outcome: StackOutcome): string {
    const { report } = outcome;
    const { mandatory, advisory, suppressed, resources } = report.summary;
    const readiness = readinessFindings(report);
    const errors = readiness.filter((f) => f.severity === "error").length;
    const verdict = mandatory > 0 || errors > 0 ? "**Blocked**" : "**OK**";
    const readinessPart = readiness.length > 0 ? `, readiness ${errors} error${errors === 1 ? "" : "s"} / ${readiness.length - errors} warning${readiness.length - errors === 1 ? "" : "s"}` : "";
    const opaque = report.notJudged?.length ?? 0;
    const opaquePart = opaque > 0 ? `, ${opaque} component${opaque === 1 ? "" : "s"} not judged` : "";
    return `${verdict}: stack ${code(report.stack)}${outcome.preview ? " (preview)" : ""}, ${resources} resources, ${mandatory} mandatory, ${advisory} advisory, ${suppressed} suppressed${readinessPart}${opaquePart}; cost ${costHeadline(report.cost)}.`;
}

/** One severity's violations, grouped by policy so each fix is said once. */
function violationGroup(title: string, violations: Violation[]): string[] {
    if (violations.length === 0) return [];
    const byPolicy = new Map<string, Violation[]>();
    for (const v of violations) byPolicy.set(v.policy, [...(byPolicy.get(v.policy) ?? []), v]);
    const lines = [`#### ${title} (${violations.length})`, ""];
    for (const [policy, list] of byPolicy) {
        const meta = policyMetadata(policy);
        lines.push(`- **${code(policy)}**${meta ? `: ${oneLine(meta.description)}` : ""}`);
        for (const v of list) {
            lines.push(`  - ${resourceLabel(v)}: ${oneLine(v.message)}${v.suppressed && v.reason ? ` _Suppressed: ${oneLine(v.reason)}_` : ""}`);
        }
        if (meta?.fix) lines.push(`  - _Fix:_ ${oneLine(meta.fix)}`);
    }
    lines.push("");
    return lines;
}

function violationsSection(outcome: StackOutcome): string[] {
    const { violations } = outcome.report;
    const lines = ["### Policy violations", ""];
    if (violations.length === 0) return [...lines, "No policy violations.", ""];
    const open = violations.filter((v) => !v.suppressed);
    return [
        ...lines,
        ...violationGroup("Mandatory", open.filter((v) => v.level === "mandatory")),
        ...violationGroup("Advisory", open.filter((v) => v.level === "advisory")),
        ...violationGroup("Suppressed", violations.filter((v) => v.suppressed)),
    ];
}

function readinessSection(outcome: StackOutcome): string[] {
    const findings = readinessFindings(outcome.report);
    if (findings.length === 0) return [];
    const lines = ["### Readiness", ""];
    for (const severity of ["error", "warning"] as const) {
        for (const f of findings.filter((x) => x.severity === severity)) {
            lines.push(`- **${severity}** ${code(f.check)} on ${code(`${shortType(f.type)} ${f.name}`)}: ${oneLine(f.message)}${f.fix ? ` _Fix:_ ${oneLine(f.fix)}` : ""}`);
        }
    }
    return [...lines, ""];
}

function architectureSection(outcome: StackOutcome): string[] {
    return ["### Architecture", "", "```mermaid", toMermaid(architectureOf(outcome.resources)), "```", ""];
}

function stackSections(outcome: StackOutcome, level: string): string[] {
    return [
        `${level} Plan of ${code(outcome.report.stack)} (${code(outcome.report.program)})`,
        "",
        summaryLine(outcome),
        "",
        ...violationsSection(outcome),
        ...notJudgedMarkdown(outcome.report),
        ...readinessSection(outcome),
        "### Cost estimate",
        "",
        costMarkdown(outcome.report.cost),
        "",
        ...architectureSection(outcome),
    ];
}

/** One stack's comment, or several stacks with a side-by-side cost table first. */
export function formatMarkdown(outcomes: StackOutcome[]): string {
    const lines = [COMMENT_MARKER];
    if (outcomes.length > 1) {
        lines.push(`## Bulwark plan: ${outcomes.map((o) => code(o.report.stack)).join(" vs ")}`, "");
        for (const outcome of outcomes) lines.push(`- ${summaryLine(outcome)}`);
        lines.push("", "### Cost by stack", "", compareMarkdown(outcomes.map((o) => ({ stack: o.report.stack, cost: o.report.cost }))), "");
        for (const outcome of outcomes) lines.push("<details><summary>" + `Stack ${outcome.report.stack}` + "</summary>", "", ...stackSections(outcome, "##"), "</details>", "");
    } else {
        lines.push(...stackSections(outcomes[0], "##"));
    }
    return lines.join("\n").trimEnd() + "\n";
}
