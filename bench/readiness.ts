/**
 * Deploy-readiness benchmark (`npm run bench:readiness [-- --samples N --large N]`): do the checks scale?
 *
 * Synthetic stacks of 1,000 and 10,000 resources shaped like Bulwark's (bench/lib/synthetic.ts, the
 * policy benchmark's generator) go through `runReadiness`, every check on one StackView as the plan
 * runs them, side by side in one run, alternating sizes so both share the machine's noise. Every
 * sample is a stack no earlier sample saw (another account in every ARN). Goal: growth at most
 * linear, t(10k) / t(1k) <= 11. Then each check is timed on its own (in check order on one shared
 * StackView, so the first check to need an index pays for building it), so a check that grows faster
 * than the stack shows up by name with its growth.
 *
 * `--large N` replaces the 10,000-resource stack (a quadratic check makes 10,000 resources take minutes).
 */
import * as os from "os";
import { CHECKS, runReadiness } from "../tools/readiness";
import { StackView } from "../tools/readiness/lib";
import { intFlag, median, verdict } from "./lib/stats";
import { syntheticRun } from "./lib/synthetic";

const SMALL = 1_000;
/** At most linear growth: 11x the time for 10x the resources, scaled to the sizes actually built. */
const GOAL_GROWTH_PER_10X = 11;
const growthGoal = (scale: number) => (scale * GOAL_GROWTH_PER_10X) / 10;
/** Below this a check's time is noise, whatever its growth. */
const NOTICEABLE_MS = 20;
/** Variants no other bench uses, so no stack text is shared with theirs. */
const FIRST_VARIANT = 9_000;

const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function timeReadiness(size: number, variant: number): Promise<{ ms: number; resources: number; findings: number }> {
    const run = syntheticRun(size, variant);
    const start = performance.now();
    const readiness = await runReadiness(run);
    return { ms: performance.now() - start, resources: run.resources.length, findings: readiness.findings.length };
}

/** Each check's own time on one stack (one StackView for all, as runReadiness shares it). */
async function timeChecks(size: number, variant: number): Promise<Map<string, number>> {
    const stack = new StackView(syntheticRun(size, variant));
    const times = new Map<string, number>();
    for (const check of CHECKS) {
        const start = performance.now();
        await check.run(stack);
        times.set(check.name, performance.now() - start);
    }
    return times;
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const samples = intFlag(argv, "samples", 5);
    const large = intFlag(argv, "large", 10_000);
    const sizes = [SMALL, large];
    console.log(`bench:readiness  ${samples} samples per size, alternating; ${os.cpus().length} x ${os.cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`);
    console.log(`load average at start: ${load()}`);
    await timeReadiness(SMALL, FIRST_VARIANT); // loads IAM's service data and compiles the checks; not measured

    let variant = FIRST_VARIANT + 1;
    const times = sizes.map(() => [] as number[]);
    const resources = sizes.map(() => 0);
    for (let round = 1; round <= samples; round++) {
        const line: string[] = [];
        for (const [i, size] of sizes.entries()) {
            const result = await timeReadiness(size, variant++);
            times[i].push(result.ms);
            resources[i] = result.resources;
            line.push(`${result.resources}: ${ms(result.ms)} (${result.findings} findings)`);
        }
        console.log(`  round ${round}: ${line.join("   ")}`);
    }
    const [small, big] = times.map(median);
    const growth = big / small;
    const scale = resources[1] / resources[0];
    console.log("");
    for (const [i] of sizes.entries()) {
        console.log(`  ${String(resources[i]).padStart(6)} resources: median ${ms(median(times[i]))}   min ${ms(Math.min(...times[i]))}`);
    }
    console.log(`  growth t(${resources[1]})/t(${resources[0]}): median ${growth.toFixed(2)}   (resources grew ${scale.toFixed(2)}x)`);

    // The median of `samples` profiles a size: one profile of 1,000 resources is a few milliseconds a
    // check, where a single pause of the garbage collector reads as growth.
    const profiles = sizes.map(() => new Map<string, number[]>());
    for (let profile = 0; profile < samples; profile++) {
        for (const [i, size] of sizes.entries()) {
            for (const [name, time] of await timeChecks(size, variant++)) profiles[i].set(name, [...(profiles[i].get(name) ?? []), time]);
        }
    }
    const [smallChecks, largeChecks] = profiles.map((p) => new Map([...p].map(([name, times]) => [name, median(times)])));
    const ranked = [...largeChecks.entries()].sort((a, b) => b[1] - a[1]);
    const superlinear: string[] = [];
    console.log("");
    console.log(`  per check on ${resources[1]} resources (own time in a shared view, median of ${samples} profiles; growth from ${resources[0]} resources):`);
    for (const [name, time] of ranked.slice(0, 10)) {
        const checkGrowth = time / (smallChecks.get(name) ?? NaN);
        const flagged = time > NOTICEABLE_MS && !(checkGrowth <= growthGoal(scale));
        if (flagged) superlinear.push(name);
        console.log(`    ${ms(time)}  x${checkGrowth.toFixed(1).padStart(6)}  ${name}${flagged ? "  <- superlinear" : ""}`);
    }
    console.log(`load average at end: ${load()}`);
    const goal = growthGoal(scale);
    console.log(verdict(growth <= goal, `readiness growth ${growth.toFixed(2)}x for ${scale.toFixed(2)}x the resources (${ms(small).trim()} -> ${ms(big).trim()}; goal: at most ${goal.toFixed(1)}x)`));
    if (superlinear.length > 0) console.log(`superlinear checks: ${superlinear.join(", ")}`);
}

main().catch((error) => {
    console.error(`bench:readiness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
});
