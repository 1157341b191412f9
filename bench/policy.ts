/**
 * Policy pack benchmark (`npm run bench:policy [-- --samples N --budget S]`): does the pack scale?
 *
 * Synthetic stacks of 1,000 and 10,000 resources shaped like Bulwark's (bench/lib/synthetic.ts) go
 * through the evaluation the plan uses (tools/policy/evaluate.ts with its default, shared-view engine:
 * CrossGuard's analyzer semantics, every resource policy on every resource, then the stack policies
 * on the whole stack), side by side in one run, alternating sizes so both share the machine's noise.
 * Each round evaluates stacks no earlier round saw (another account in every ARN), so nothing a round
 * parsed is reused by the next; what stays loaded is what any process has after its first stack (the
 * compiled pack, IAM's service data). Goals: 10,000 resources in under one second, and growth at most
 * linear: t(10k) / t(1k) <= 11.
 *
 * Beside it, once per size: the same pack through CrossGuard's own analyzer functions, which is what
 * `pulumi preview --policy-pack` runs (no goal: it deserializes each resource again for every policy);
 * the floor, the same pack with every check a no-op (the engine alone for a pack of this shape); and an
 * empty pack (the engine's fixed work). Then each policy is timed on its own inside one evaluation of
 * each size, so a policy that grows faster than the stack shows up by name with its growth.
 *
 * Evaluations run in a worker thread; one that passes the budget (default 60 s, 60x the goal; for
 * 10k at least 12x the 1k time, so a stop proves growth past the goal) is stopped and reported as
 * "over budget", so the bench always ends.
 *
 * Last, `--from-state` at scale (bench/lib/from-state.ts): a 10,000-resource stack export judged from
 * its file beside the same stack in memory; goal under 2 s. `--from-state-only` runs that part alone.
 */
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { PolicyKind, WorkerMessage, WorkerRequest } from "./lib/policy-worker";
import { intFlag, median, verdict } from "./lib/stats";
import { benchFromState } from "./lib/from-state";

const SMALL = 1_000;
const LARGE = 10_000;
const GOAL_LARGE_MS = 1_000;
const GOAL_GROWTH = 11;
const TOP = 10;
/** Below this a policy's time is noise, whatever its growth. */
const NOTICEABLE_MS = 20;
/** Profiles restarted at most this many times, each leaving out the stack policy stopped last. */
const MAX_PROFILE_ATTEMPTS = 4;

const REPO = path.resolve(__dirname, "..");
const WORKER_FILE = path.join(__dirname, "lib", "policy-worker.ts");

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0).padStart(6)} ms` : "  over budget");
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

interface Outcome {
    done?: { ms: number; resources: number; summary: string };
    /** Per policy: own time in ms (stack policies as they finish, resource policies before the first stack policy). */
    policies: Map<string, { kind: PolicyKind; ms: number }>;
    /** The stack policy that was running when the budget ran out. */
    running?: { policy: string; since: number };
    overBudget: boolean;
}

/** One worker thread at a time; replaced when an evaluation has to be stopped. */
class Evaluator {
    private worker: Worker | undefined;

    /** A new thread has yet to load and compile the pack. */
    get fresh(): boolean {
        return this.worker === undefined;
    }

    /** Loads and compiles the pack in a new thread, so the next timing does not include it. */
    async warm(): Promise<void> {
        if (this.fresh) await this.request({ op: "evaluate", size: SMALL }, 10 * 60_000);
    }

    private start(): Worker {
        // The worker compiles TypeScript itself: ts-node's hook does not carry over into threads.
        const code = `require(${JSON.stringify(require.resolve("ts-node", { paths: [REPO] }))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(REPO, "tsconfig.json"))} }); require(${JSON.stringify(WORKER_FILE)});`;
        return new Worker(code, { eval: true, execArgv: [...process.execArgv, "--expose-gc"] });
    }

    request(request: WorkerRequest, budgetMs: number): Promise<Outcome> {
        const worker = (this.worker ??= this.start());
        const outcome: Outcome = { policies: new Map(), overBudget: false };
        return new Promise((resolve, reject) => {
            const finish = () => {
                clearTimeout(timer);
                worker.removeAllListeners("message");
                worker.removeAllListeners("error");
                resolve(outcome);
            };
            const timer = setTimeout(() => {
                outcome.overBudget = true;
                this.worker = undefined;
                void worker.terminate();
                finish();
            }, budgetMs);
            worker.on("error", (error) => {
                clearTimeout(timer);
                this.worker = undefined;
                reject(error);
            });
            worker.on("message", (message: WorkerMessage) => {
                if (message.event === "start") outcome.running = { policy: message.policy, since: Date.now() };
                else if (message.event === "end") {
                    outcome.policies.set(message.policy, { kind: message.kind, ms: message.ms });
                    outcome.running = undefined;
                } else if (message.event === "failed") {
                    clearTimeout(timer);
                    reject(new Error(message.error));
                } else {
                    outcome.done = message;
                    finish();
                }
            });
            worker.postMessage(request);
        });
    }

    stop(): Promise<number> | undefined {
        return this.worker?.terminate();
    }
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const samples = intFlag(argv, "samples", 5);
    const budgetMs = intFlag(argv, "budget", 60) * 1000;
    console.log(`bench:policy  ${samples} samples per size, alternating; budget ${budgetMs / 1000} s an evaluation; ${os.cpus().length} x ${os.cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`);
    console.log(`load average at start: ${load()}`);
    if (argv.includes("--from-state-only")) {
        const line = await benchFromState(samples);
        console.log(`load average at end: ${load()}`);
        console.log(line);
        return;
    }

    const evaluator = new Evaluator();
    const sizes = [SMALL, LARGE];
    const actual = new Map<number, number>();
    for (const size of sizes) {
        const { done } = await evaluator.request({ op: "prepare", size }, 10 * 60_000);
        actual.set(size, done!.resources);
        console.log(`  stack of ${done!.resources} resources: ${done!.summary}`);
    }
    const warm = await evaluator.request({ op: "evaluate", size: SMALL }, 10 * 60_000); // loads and compiles the pack; not measured
    console.log(`  the ${actual.get(SMALL)}-resource stack has ${warm.done?.summary ?? "(warm-up over budget)"}`);
    // Every measured evaluation gets a stack of its own, built before the clock starts.
    let nextVariant = 1;
    const measure = async (request: WorkerRequest, budget: number): Promise<Outcome> => {
        await evaluator.warm();
        const variant = nextVariant++;
        await evaluator.request({ op: "prepare", size: request.size, variant }, 10 * 60_000);
        return evaluator.request({ ...request, variant }, budget);
    };

    const times = sizes.map(() => [] as number[]);
    for (let round = 1; round <= samples; round++) {
        const line: string[] = [];
        let stopped = false;
        for (const [i, size] of sizes.entries()) {
            // The large stack always gets at least enough time to tell whether growth was linear.
            const budget = i === 0 ? budgetMs : Math.max(budgetMs, (GOAL_GROWTH + 1) * times[0][times[0].length - 1]);
            const outcome = await measure({ op: "evaluate", size }, budget);
            times[i].push(outcome.done ? outcome.done.ms : Infinity);
            line.push(`${actual.get(size)}: ${ms(times[i][times[i].length - 1])}`);
            stopped ||= outcome.overBudget;
        }
        console.log(`  round ${round}: ${line.join("   ")}`);
        if (stopped) {
            console.log("  (an evaluation passed its budget and was stopped: no further rounds)");
            break;
        }
    }
    const [small, large] = times.map(median);
    const growth = large / small;
    const [resourcesSmall, resourcesLarge] = sizes.map((s) => actual.get(s)!);
    console.log("");
    console.log(`  ${String(resourcesSmall).padStart(6)} resources: median ${ms(small)}   min ${ms(Math.min(...times[0]))}`);
    console.log(`  ${String(resourcesLarge).padStart(6)} resources: median ${ms(large)}   min ${ms(Math.min(...times[1]))}`);
    const growthText = Number.isFinite(growth) ? growth.toFixed(2) : `more than ${GOAL_GROWTH + 1}`;
    console.log(`  growth t(${resourcesLarge})/t(${resourcesSmall}): median ${growthText}   (resources grew ${(resourcesLarge / resourcesSmall).toFixed(2)}x)`);

    // For reference, CrossGuard's analyzer itself (what `pulumi preview --policy-pack` runs), then the
    // floor (every check a no-op) and an empty pack, each once per size.
    const once = async (request: Omit<WorkerRequest, "size">): Promise<number[]> => {
        const result: number[] = [];
        for (const size of sizes) {
            const outcome = await measure({ ...request, size } as WorkerRequest, budgetMs);
            result.push(outcome.done ? outcome.done.ms : Infinity);
        }
        return result;
    };
    const crossguard = await once({ op: "evaluate", engine: "crossguard" });
    const floor = await once({ op: "floor" });
    const harness = await once({ op: "harness" });
    console.log(`  through CrossGuard's analyzer (pulumi preview; no goal):          ${resourcesSmall}: ${ms(crossguard[0])}   ${resourcesLarge}: ${ms(crossguard[1])}   (${(crossguard[1] / large).toFixed(1)}x the plan's engine)`);
    console.log(`  the pack's shape with no checks (the plan's engine alone):       ${resourcesSmall}: ${ms(floor[0])}   ${resourcesLarge}: ${ms(floor[1])}`);
    console.log(`  an empty pack (deserializing the stack, no policy):              ${resourcesSmall}: ${ms(harness[0])}   ${resourcesLarge}: ${ms(harness[1])}`);

    // Per policy: each policy's own time inside an evaluation of each size, the median of `samples`
    // profiles (a single one at 1,000 resources is a few milliseconds, where one pause of the garbage
    // collector reads as growth). A stack policy stopped by the budget is recorded as such and left out
    // of the next attempt, so every policy gets timed.
    const own = sizes.map(() => new Map<string, { kind: PolicyKind; ms: number }>());
    const stoppedAfter = new Map<string, number>();
    for (const [i, size] of sizes.entries()) {
        const profiles = new Map<string, { kind: PolicyKind; ms: number[] }>();
        for (let profile = 0; profile < samples; profile++) {
            for (let attempt = 0; attempt < MAX_PROFILE_ATTEMPTS; attempt++) {
                const outcome = await measure({ op: "profile", size, skip: [...stoppedAfter.keys()] }, budgetMs);
                for (const [name, time] of outcome.policies) {
                    const entry = profiles.get(name) ?? { kind: time.kind, ms: [] };
                    entry.ms.push(time.ms);
                    profiles.set(name, entry);
                }
                if (!outcome.overBudget) break;
                if (!outcome.running) {
                    console.log(`  (the ${actual.get(size)}-resource profile passed the budget outside any stack policy)`);
                    break;
                }
                stoppedAfter.set(outcome.running.policy, Date.now() - outcome.running.since);
                profiles.set(outcome.running.policy, { kind: "stack", ms: [Infinity] });
            }
        }
        for (const [name, entry] of profiles) own[i].set(name, { kind: entry.kind, ms: median(entry.ms) });
    }
    const [smallOwn, largeOwn] = own;
    const ranked = [...largeOwn.entries()].sort((a, b) => b[1].ms - a[1].ms);
    console.log("");
    console.log(`  per policy on ${resourcesLarge} resources (own time; growth from ${resourcesSmall} resources):`);
    const superlinear: string[] = [];
    for (const [name, time] of ranked.slice(0, TOP)) {
        const policyGrowth = time.ms / (smallOwn.get(name)?.ms ?? NaN);
        // A resource policy sees one resource at a time and cannot grow faster than the stack; its
        // ratio past the goal is the garbage collector's noise, so only stack policies are flagged.
        const flagged = time.kind === "stack" && time.ms > NOTICEABLE_MS && !(policyGrowth <= GOAL_GROWTH);
        if (flagged) superlinear.push(name);
        const growthCell = Number.isFinite(policyGrowth) ? `x${policyGrowth.toFixed(1).padStart(6)}` : "        ";
        const stopped = stoppedAfter.get(name);
        const note = stopped !== undefined ? `  (stopped after ${(stopped / 1000).toFixed(0)} s)` : "";
        console.log(`    ${ms(time.ms)}  ${growthCell}  ${time.kind.padEnd(8)} ${name}${flagged ? "  <- superlinear" : ""}${note}`);
    }
    const finished = ranked.filter(([, t]) => Number.isFinite(t.ms));
    console.log(`    ${ms(finished.reduce((sum, [, t]) => sum + t.ms, 0))}  the ${finished.length} policies that finished, together`);
    await evaluator.stop();
    const fromState = await benchFromState(samples);

    console.log(`load average at end: ${load()}`);
    console.log(verdict(large < GOAL_LARGE_MS, `${resourcesLarge} resources evaluated in ${Number.isFinite(large) ? `${large.toFixed(0)} ms` : `more than ${budgetMs / 1000} s`} (goal: under ${GOAL_LARGE_MS} ms)`));
    console.log(verdict(growth <= GOAL_GROWTH, `growth ${growthText}x for ${(resourcesLarge / resourcesSmall).toFixed(2)}x the resources (goal: at most ${GOAL_GROWTH}x)`));
    if (superlinear.length > 0) console.log(`superlinear policies: ${superlinear.join(", ")}`);
    console.log(fromState);
}

main().catch((error) => {
    console.error(`bench:policy: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
});
