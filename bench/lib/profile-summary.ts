/**
 * Summarizes a V8 CPU profile the way BENCHMARKS.md records the plan's ("Where the time goes"):
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/plan.js --stack prod --format json > /dev/null
 *   npx ts-node --transpile-only bench/lib/profile-summary.ts /tmp/prof/*.cpuprofile
 *
 * Prints self time by package (node_modules) or top-level folder of the repository, the functions
 * with the most self time, and the time spent loading modules (under `Module._load`).
 */
import * as fs from "fs";
import * as path from "path";

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

interface Profile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
}

const REPO = path.resolve(__dirname, "..", "..") + path.sep;

function groupOf(url: string, functionName: string): string {
    if (!url) return functionName.startsWith("(") ? functionName : "(native)";
    if (url.startsWith("node:")) return "node internals";
    const file = url.replace(/^file:\/\//, "");
    if (file.includes("/node_modules/")) {
        const inside = file.split("/node_modules/").pop()!;
        return `pkg ${/^(@[^/]+\/[^/]+|[^/]+)/.exec(inside)![1]}`;
    }
    if (file.startsWith(REPO)) return `repo ${file.slice(REPO.length).split("/")[0]}`;
    return file;
}

function summarize(file: string, top: number): string[] {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const selfMicros = new Map<number, number>();
    profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

    const groups = new Map<string, number>();
    const functions = new Map<string, number>();
    let total = 0;
    let loading = 0;
    for (const [id, micros] of selfMicros) {
        const { callFrame } = byId.get(id)!;
        total += micros;
        const group = groupOf(callFrame.url, callFrame.functionName);
        groups.set(group, (groups.get(group) ?? 0) + micros);
        const where = callFrame.url.replace(/^file:\/\//, "").replace(/.*\/node_modules\//, "").replace(REPO, "");
        const name = `${callFrame.functionName || "(anonymous)"} ${where}${where ? `:${callFrame.lineNumber + 1}` : ""}`;
        functions.set(name, (functions.get(name) ?? 0) + micros);
        for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
            if (byId.get(at)!.callFrame.functionName === "Module._load") {
                loading += micros;
                break;
            }
        }
    }
    const ms = (micros: number) => `${(micros / 1000).toFixed(0).padStart(6)} ms`;
    const share = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
    const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
    return [
        `${path.basename(file)}: ${ms(total).trim()} sampled, ${ms(loading).trim()} (${share(loading).trim()}) under Module._load`,
        "self time by package or folder:",
        ...ranked(groups).map(([group, micros]) => `${ms(micros)} ${share(micros)}  ${group}`),
        "functions with the most self time:",
        ...ranked(functions).map(([name, micros]) => `${ms(micros)} ${share(micros)}  ${name}`),
    ];
}

const files = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
if (files.length === 0) {
    console.error("usage: ts-node --transpile-only bench/lib/profile-summary.ts <file.cpuprofile>...");
    process.exitCode = 2;
}
for (const file of files) console.log(summarize(file, 15).join("\n") + "\n");
