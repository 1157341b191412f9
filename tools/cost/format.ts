import { byCategory, CATEGORIES, CostEstimate } from "./estimate";

export function dollars(usd: number): string {
    return `$${usd.toFixed(2)}`;
}

function resourceName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

function amount(item: { monthlyUsd: number; estimated: boolean }): string {
    return item.estimated ? dollars(item.monthlyUsd) : "not estimated";
}

export function costHeadline(estimate: CostEstimate): string {
    return `${dollars(estimate.monthlyUsd)} a month (${dollars(estimate.idleMonthlyUsd)} of it with no traffic)`;
}

/** The estimate for the terminal: headline, totals by category, the items, and the note. */
export function formatCostText(estimate: CostEstimate): string {
    const totals = byCategory(estimate);
    const width = Math.max(...estimate.items.map((i) => amount(i).length), 7);
    const lines = [`Cost estimate: ${costHeadline(estimate)}`];
    lines.push(`  ${CATEGORIES.map((c) => `${c} ${dollars(totals[c])}`).join(", ")}`);
    for (const item of estimate.items) {
        lines.push(`  ${amount(item).padStart(width)}  ${resourceName(item.urn)}: ${item.basis}`);
    }
    lines.push(`  Note: ${estimate.note}.`);
    return lines.join("\n");
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Markdown: the totals by category, then every item in a table. */
export function costMarkdown(estimate: CostEstimate): string {
    const totals = byCategory(estimate);
    const lines = [
        `**${costHeadline(estimate)}**`,
        "",
        "| Category | Monthly |",
        "|---|---:|",
        ...CATEGORIES.map((c) => `| ${c} | ${dollars(totals[c])} |`),
        `| **total** | **${dollars(estimate.monthlyUsd)}** |`,
        "",
        "<details><summary>Items</summary>",
        "",
        "| Resource | Type | Monthly | Basis |",
        "|---|---|---:|---|",
        ...estimate.items.map((i) => `| \`${cell(resourceName(i.urn))}\` | \`${cell(i.type)}\` | ${amount(i)} | ${cell(i.basis)} |`),
        "",
        "</details>",
        "",
        `_Note: ${estimate.note}._`,
    ];
    return lines.join("\n");
}

export interface NamedEstimate {
    stack: string;
    cost: CostEstimate;
}

/** One note when the stacks share it; otherwise each stack's (their usage differs, e.g. function memory). */
function compareNotes(estimates: NamedEstimate[]): string[] {
    const notes = [...new Set(estimates.map((e) => e.cost.note))];
    return notes.length === 1 ? [`Note: ${notes[0]}.`] : estimates.map((e) => `Note (${e.stack}): ${e.cost.note}.`);
}

function compareRows(estimates: NamedEstimate[]): string[][] {
    const totals = estimates.map((e) => byCategory(e.cost));
    return [
        ...CATEGORIES.map((c) => [c, ...totals.map((t) => dollars(t[c]))]),
        ["total", ...estimates.map((e) => dollars(e.cost.monthlyUsd))],
        ["with no traffic", ...estimates.map((e) => dollars(e.cost.idleMonthlyUsd))],
    ];
}

/** Stacks side by side, cost per category and totals, for the terminal. */
export function formatCompareText(estimates: NamedEstimate[]): string {
    const header = ["category", ...estimates.map((e) => e.stack)];
    const rows = compareRows(estimates);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => "  " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    return [`Cost by stack (a month):`, line(header), ...rows.map(line), ...compareNotes(estimates).map((n) => `  ${n}`)].join("\n");
}

export function compareMarkdown(estimates: NamedEstimate[]): string {
    const header = `| Category | ${estimates.map((e) => e.stack).join(" | ")} |`;
    const align = `|---|${estimates.map(() => "---:").join("|")}|`;
    const rows = compareRows(estimates).map((r) => `| ${r.join(" | ")} |`);
    return [header, align, ...rows, "", ...compareNotes(estimates).flatMap((n) => [`_${n}_`, ""])].join("\n").trimEnd();
}
