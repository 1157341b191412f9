/** The set's section of the text and markdown reports (the JSON is the SetReport itself). */
import type { MissingOutput, SetCycle } from "./graph";
import type { SetReport } from "./plan-set";

function cycleLine(cycle: SetCycle): string {
    return cycle.edges.map((e) => `${e.consumer} reads ${e.outputs.join(", ")} of ${e.producer}`).join("; ");
}

function missingLine(m: MissingOutput): string {
    const exported = m.exported.length > 0 ? `it exports ${m.exported.join(", ")}` : "it exports nothing";
    const hint = m.didYouMean ? ` (renamed to ${m.didYouMean}?)` : "";
    return `${m.consumer} ${m.required ? "requires" : "reads"} output "${m.output}" of ${m.producer}, which does not export it: ${exported}${hint}.`;
}

function stateLine(set: SetReport): string {
    const blocking = crossStackBlocking(set);
    const errors = set.cycles.length + set.missingOutputs.length + set.typeMismatches.length + set.referencedWhileDestroyed.length + set.replacedWhileRead.length + blocking;
    return errors > 0
        ? `BLOCKED: ${set.cycles.length} cycle(s), ${set.missingOutputs.length} missing output(s), ${set.typeMismatches.length} output(s) read as the wrong type, ${set.referencedWhileDestroyed.length} destroyed stack(s) still read, ${set.replacedWhileRead.length} replaced resource(s) still read, ${blocking} cross-stack finding(s) that block`
        : "no cross-stack errors";
}

function typeLine(m: SetReport["typeMismatches"][number]): string {
    return `${m.consumer} passes ${m.producers.join(", ")}'s output to ${m.property} of ${m.resource} (${m.type}) as ${m.got}, where it takes ${m.expected}: the provider rejects it at preview.`;
}

function destroyedLine(d: SetReport["referencedWhileDestroyed"][number]): string {
    const readers = d.readers.map((r) => `${r.consumer} (${r.outputs.join(", ")})`).join(", ");
    return `${d.stack} is to be destroyed but ${readers} still read${d.readers.length === 1 ? "s" : ""} it: move them off its outputs and deploy them first, or destroy them with it (destroy order: readers first).`;
}

function replacedLine(r: SetReport["replacedWhileRead"][number]): string {
    return `${r.resource} (${r.type}) of ${r.stack}, whose id is in its output "${r.output}", is gone from the plan (removed, or renamed without an alias): ` +
        `pulumi up deletes or replaces it while ${r.readers.join(", ")} still use${r.readers.length === 1 ? "s" : ""} it. Add an alias if it was renamed, or move the readers off it and deploy them first.`;
}

function crossStackBlocking(set: SetReport): number {
    const { violations, readiness } = set.crossStack;
    return violations.filter((v) => v.level === "mandatory" && !v.suppressed).length + readiness.filter((f) => f.severity === "error").length;
}

/** The findings only the joined set shows, a line each: level, policy or check, resource, the stacks it spans, message. */
function crossStackLines(set: SetReport): string[] {
    const { judged, reason, violations, readiness } = set.crossStack;
    if (!judged) return [`Not judged across stacks: ${reason}.`];
    const lines = violations.map((v) => `${v.suppressed ? "suppressed" : v.level} ${v.policy} on ${v.name} (${v.stacks.join(", ")}): ${v.message}`);
    lines.push(...readiness.map((f) => `readiness ${f.severity} ${f.check} on ${f.name} (${f.stacks.join(", ")}): ${f.message}`));
    return lines;
}

export function formatSetText(set: SetReport): string {
    const lines = [`Stack set ${set.file}: ${set.summary.stacks} stacks, ${set.summary.planned} planned; ${stateLine(set)}`, "", "Cross-stack reads:"];
    if (set.graph.length === 0) lines.push("  (none)");
    for (const edge of set.graph) lines.push(`  ${edge.consumer} <- ${edge.producer}: ${edge.outputs.join(", ")}`);
    lines.push("", `Deploy order (pulumi up):   ${set.deployOrder.join(" -> ") || "(none)"}`, `Destroy order:              ${set.destroyOrder.join(" -> ") || "(none)"}`);
    for (const cycle of set.cycles) lines.push("", `ERROR cycle across ${cycle.stacks.join(", ")}: no order deploys them: ${cycleLine(cycle)}.`);
    for (const missing of set.missingOutputs) lines.push("", `ERROR ${missingLine(missing)}`);
    for (const mismatch of set.typeMismatches) lines.push("", `ERROR ${typeLine(mismatch)}`);
    for (const destroyed of set.referencedWhileDestroyed) lines.push("", `ERROR ${destroyedLine(destroyed)}`);
    for (const replaced of set.replacedWhileRead) lines.push("", `ERROR ${replacedLine(replaced)}`);
    if (set.notPlanned.length > 0) lines.push("");
    for (const skipped of set.notPlanned) lines.push(`Not planned: ${skipped.stack}: ${skipped.reason}.`);
    lines.push("", "Blast radius (redeploy when its outputs change):");
    for (const [stack, consumers] of Object.entries(set.blastRadius)) lines.push(`  ${stack}: ${consumers.join(", ") || "(nothing)"}`);
    const cross = crossStackLines(set);
    lines.push("", "Found only with the stacks joined (policies and readiness checks across stacks):", ...(cross.length > 0 ? cross.map((l) => `  ${l}`) : ["  (nothing)"]));
    lines.push("", costLine(set));
    return lines.join("\n");
}

function costLine(set: SetReport): string {
    const usd = (n: number) => `$${n.toFixed(2)}`;
    return `Cost of the set: ${usd(set.cost.monthlyUsd)} a month (${usd(set.cost.idleMonthlyUsd)} of it with no traffic), account-wide items (AWS Config, free dashboards) counted over every stack`;
}

const mermaidId = (name: string) => name.replace(/[^A-Za-z0-9]/g, "_");

export function formatSetMarkdown(set: SetReport): string {
    const lines = [`## Stack set: ${set.summary.stacks} stacks, ${stateLine(set)}`, "", "```mermaid", "graph LR"];
    for (const stack of set.stacks) lines.push(`  ${mermaidId(stack.name)}["${stack.name}"]`);
    // Arrows point from producer to consumer: the direction `pulumi up` goes.
    for (const edge of set.graph) lines.push(`  ${mermaidId(edge.producer)} -->|${edge.outputs.join(", ")}| ${mermaidId(edge.consumer)}`);
    lines.push("```", "", `**Deploy order:** ${set.deployOrder.map((s) => `\`${s}\``).join(" → ") || "none"}  `, `**Destroy order:** ${set.destroyOrder.map((s) => `\`${s}\``).join(" → ") || "none"}`, "");
    if (set.cycles.length + set.missingOutputs.length + set.typeMismatches.length + set.referencedWhileDestroyed.length + set.replacedWhileRead.length > 0) {
        lines.push("### Cross-stack errors", "");
        for (const cycle of set.cycles) lines.push(`- **Cycle** across ${cycle.stacks.map((s) => `\`${s}\``).join(", ")}: ${cycleLine(cycle)}.`);
        for (const missing of set.missingOutputs) lines.push(`- **Missing output**: ${missingLine(missing)}`);
        for (const mismatch of set.typeMismatches) lines.push(`- **Wrong type**: ${typeLine(mismatch)}`);
        for (const destroyed of set.referencedWhileDestroyed) lines.push(`- **Destroyed while read**: ${destroyedLine(destroyed)}`);
        for (const replaced of set.replacedWhileRead) lines.push(`- **Replaced while read**: ${replacedLine(replaced)}`);
        lines.push("");
    }
    for (const skipped of set.notPlanned) lines.push(`- Not planned: \`${skipped.stack}\`: ${skipped.reason}.`);
    lines.push("", "| Stack | Redeploy when its outputs change |", "| --- | --- |");
    for (const [stack, consumers] of Object.entries(set.blastRadius)) lines.push(`| \`${stack}\` | ${consumers.map((c) => `\`${c}\``).join(", ") || "nothing"} |`);
    const cross = crossStackLines(set);
    if (cross.length > 0) lines.push("", "### Found only with the stacks joined", "", ...cross.map((l) => `- ${l}`));
    lines.push("", `**${costLine(set)}**`);
    return lines.join("\n") + "\n";
}
