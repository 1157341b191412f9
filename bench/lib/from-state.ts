/**
 * `--from-state` at scale: a 10,000-resource stack export (bench/lib/synthetic.ts's stack, written by
 * tools/input/export.ts as `pulumi stack export` would) judged the way `npm run plan -- --from-state`
 * judges it: the file read and parsed once, its resources turned into the recorded shape, every
 * policy of the pack on them (Analyze on inputs, AnalyzeStack on outputs), the cost estimate and
 * deploy readiness.
 * Side by side, alternating, the same work on a stack of the same shape already in memory (what a
 * TypeScript plan hands the evaluators), so the ratio is what reading the file costs. Every sample
 * is a stack no earlier sample saw (another account in every ARN). Goal: under 2 s.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ProgramRun } from "../../tools/engine/run";
import { exportOf } from "../../tools/input/export";
import { loadInput } from "../../tools/input";
import { evaluate } from "../../tools/policy/evaluate";
import { estimateCost } from "../../tools/cost/estimate";
import { runReadiness } from "../../tools/readiness";
import { median, verdict } from "./stats";
import { syntheticRun } from "./synthetic";

export const FROM_STATE_SIZE = 10_000;
export const FROM_STATE_GOAL_MS = 2_000;
/** Variants no other part of the bench uses. */
const FIRST_VARIANT = 5_000;

const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

async function judge(run: ProgramRun): Promise<void> {
    await evaluate(run);
    estimateCost(run.resources, {}, run.region);
    await runReadiness(run);
}

function writeExport(dir: string, size: number, variant: number): { file: string; bytes: number } {
    const file = path.join(dir, `export-${size}-${variant}.json`);
    fs.writeFileSync(file, JSON.stringify(exportOf(syntheticRun(size, variant), { time: "2026-12-01T00:00:00Z" })));
    return { file, bytes: fs.statSync(file).size };
}

/** Prints the section and returns its verdict line. */
export async function benchFromState(samples: number): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-from-state-"));
    try {
        console.log("");
        console.log(`  --from-state: a ${FROM_STATE_SIZE.toLocaleString("en-US")}-resource stack export judged (read, parse, adapt, pack, cost, readiness), beside the same work on a stack in memory:`);
        // Loads and compiles the pack and IAM's service data, as any process has after its first stack.
        await judge(loadInput(writeExport(dir, 1_000, FIRST_VARIANT).file, "stack-export").run);
        const fromFile: number[] = [];
        const loading: number[] = [];
        const inMemory: number[] = [];
        let bytes = 0;
        let resources = 0;
        for (let round = 1; round <= samples; round++) {
            const memoryRun = syntheticRun(FROM_STATE_SIZE, FIRST_VARIANT + 2 * round);
            const exported = writeExport(dir, FROM_STATE_SIZE, FIRST_VARIANT + 2 * round + 1);
            bytes = exported.bytes;

            let start = performance.now();
            await judge(memoryRun);
            inMemory.push(performance.now() - start);

            start = performance.now();
            const input = loadInput(exported.file, "stack-export");
            loading.push(performance.now() - start);
            await judge(input.run);
            fromFile.push(performance.now() - start);
            resources = input.run.resources.length;
            fs.rmSync(exported.file);
            console.log(`  round ${round}: in memory ${ms(inMemory[round - 1])}   from the export ${ms(fromFile[round - 1])} (reading it ${ms(loading[round - 1]).trim()})`);
        }
        const [file, load, memory] = [fromFile, loading, inMemory].map(median);
        console.log(`  ${resources} resources, export of ${(bytes / 1e6).toFixed(1)} MB: median ${ms(file)} from the export (${ms(load).trim()} of it reading), ${ms(memory).trim()} in memory: ${(file / memory).toFixed(2)}x`);
        return verdict(file < FROM_STATE_GOAL_MS, `${resources}-resource stack export judged in ${file.toFixed(0)} ms with --from-state (goal: under ${FROM_STATE_GOAL_MS} ms)`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
