/**
 * The "not judged" section every format carries: remote (multi-language) components whose insides
 * no policy saw, and the remote components the plan expanded offline instead. A plan that says
 * "OK" must not hide that part of the program went unchecked.
 */
import type { ExpandedComponent, NotJudged } from "../offline/remote";

export interface JudgedSections {
    notJudged?: NotJudged[];
    expandedComponents?: ExpandedComponent[];
}

function nameOf(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

export function formatNotJudgedText(report: JudgedSections): string {
    const lines: string[] = [];
    const notJudged = report.notJudged ?? [];
    if (notJudged.length > 0) {
        lines.push(`Not judged (${notJudged.length} remote component${notJudged.length === 1 ? "" : "s"}; no policy saw inside):`);
        for (const item of notJudged) lines.push(`  ${item.type} ${nameOf(item.urn)}`, `    ${item.reason}`);
    }
    const expanded = report.expandedComponents ?? [];
    if (expanded.length > 0) {
        if (lines.length > 0) lines.push("");
        lines.push("Expanded offline (remote components rebuilt from their documented defaults, then judged):");
        for (const item of expanded) lines.push(`  ${item.type} ${nameOf(item.urn)}: ${item.note}`);
    }
    return lines.join("\n");
}

function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

export function notJudgedMarkdown(report: JudgedSections): string[] {
    const notJudged = report.notJudged ?? [];
    const expanded = report.expandedComponents ?? [];
    if (notJudged.length === 0 && expanded.length === 0) return [];
    const lines = ["### Not judged", ""];
    if (notJudged.length === 0) lines.push("Every component was judged.", "");
    for (const item of notJudged) lines.push(`- ${code(`${item.type} ${nameOf(item.urn)}`)}: ${item.reason}`);
    if (notJudged.length > 0) lines.push("");
    if (expanded.length > 0) {
        lines.push("Expanded offline and judged:", "");
        for (const item of expanded) lines.push(`- ${code(`${item.type} ${nameOf(item.urn)}`)}: ${item.note}`);
        lines.push("");
    }
    return lines;
}
