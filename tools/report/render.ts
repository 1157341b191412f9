/**
 * Turns planned stacks into the requested output format. One stack gives that stack's report; more
 * (`--compare dev,prod`) give each report plus the costs side by side, and in JSON the object
 * `{"compare": [report, ...]}` in the order the stacks were named.
 */
import { formatCompareText, formatCostText } from "../cost/format";
import { packVersion } from "../policy/evaluate";
import { formatText } from "../policy/report";
import { formatReadinessSections } from "../readiness";
import { colourText } from "./colour";
import { COMMENT_MARKER, formatMarkdown } from "./markdown";
import { readinessFindings, StackOutcome } from "./outcome";
import { toSarif } from "./sarif";
import type { InputSummary } from "../input";
import { formatNotJudgedText } from "./not-judged";
import { formatSetMarkdown, formatSetText } from "../stacks-set/format";
import type { SetReport } from "../stacks-set/plan-set";

export const OUTPUT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
    /** ANSI colour in the text format (see colourEnabled). */
    colour?: boolean;
}

/** For a stack judged from a file: what the preview does, and what the file holds that was not judged. */
function inputText(report: object): string[] {
    const input = (report as { input?: InputSummary }).input;
    if (!input) return [];
    const lines = [`Judged from ${input.format === "preview" ? "a pulumi preview --json" : "a pulumi stack export"} file (${input.file}).`];
    if (input.steps) lines.push(`  steps judged: ${Object.entries(input.steps).map(([step, count]) => `${count} ${step}`).join(", ")}`);
    for (const skipped of input.skipped) lines.push(`  not judged: ${skipped.urn} (${skipped.reason})`);
    return [lines.join("\n")];
}

function textOf(outcome: StackOutcome): string {
    const readiness = formatReadinessSections(readinessFindings(outcome.report), outcome.report.deployPlan);
    return [formatText(outcome.report, outcome.notes, outcome.preview), formatNotJudgedText(outcome.report), ...inputText(outcome.report), readiness, formatCostText(outcome.report.cost)]
        .filter((section) => section !== "")
        .join("\n\n");
}

export function render(format: OutputFormat, outcomes: StackOutcome[], options: RenderOptions = {}): string {
    const compare = outcomes.length > 1;
    switch (format) {
        case "json":
            return JSON.stringify(compare ? { compare: outcomes.map((o) => o.report) } : outcomes[0].report, null, 2);
        case "sarif":
            return JSON.stringify(toSarif(outcomes, packVersion()), null, 2);
        case "markdown":
            return formatMarkdown(outcomes).trimEnd();
        case "text": {
            const parts = outcomes.map(textOf);
            if (compare) parts.push(formatCompareText(outcomes.map((o) => ({ stack: o.report.stack, cost: o.report.cost }))));
            const text = parts.join(`\n\n${"=".repeat(72)}\n\n`);
            return options.colour ? colourText(text) : text;
        }
    }
}

/**
 * A set of stacks (`--stacks`): JSON `{version, stacks: [report, ...], set}` with the stacks in
 * deploy order; text and markdown put the set's graph and errors first; SARIF carries the stacks'
 * findings only.
 */
export function renderSet(format: OutputFormat, outcomes: StackOutcome[], set: SetReport, options: RenderOptions = {}): string {
    switch (format) {
        case "json":
            return JSON.stringify({ version: 1, stacks: outcomes.map((o) => o.report), set }, null, 2);
        case "sarif":
            return JSON.stringify(toSarif(outcomes, packVersion()), null, 2);
        case "markdown":
            // One comment marker for the whole set, so a PR's comment updater finds one comment.
            return [COMMENT_MARKER, formatSetMarkdown(set), ...outcomes.map((o) => formatMarkdown([o]).replace(`${COMMENT_MARKER}\n`, ""))].join("\n").trimEnd();
        case "text": {
            const text = [formatSetText(set), ...outcomes.map(textOf)].join(`\n\n${"=".repeat(72)}\n\n`);
            return options.colour ? colourText(text) : text;
        }
    }
}
