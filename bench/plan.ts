/**
 * Plan benchmark (`npm run bench:plan [-- --samples N]`): how much of a plan's time is Bulwark's own.
 *
 * Side by side in one run, each sample a fresh process started the way `npm run plan` starts one
 * (`ts-node --transpile-only tools/plan-cli.ts ... --format json`), so process start, compilation and
 * SDK loading are all counted, as a user waits for them:
 *
 *   a. an empty program that imports @pulumi/aws and registers nothing (the floor: Node, ts-node,
 *      the Pulumi SDK, the AWS provider package, the plan engine and the policy pack loading);
 *   b. the prod stack: Bulwark's program, the policy pack on every resource, and the report.
 *
 * Goal: b/a at most 2, as the median of the rounds' ratios. Samples alternate a, b, a, b so each
 * pair shares the machine's noise; one unmeasured warm-up of each fills the file cache first. The
 * ratio of medians and of minimums are printed too: when they disagree, the machine was noisy. npm's own start-up is left out
 * of both (it adds the same constant to each and would flatter the ratio).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { intFlag, median, seconds, verdict } from "./lib/stats";

const REPO = path.resolve(__dirname, "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js", { paths: [REPO] });
const EMPTY_PROGRAM = path.join(__dirname, "lib", "empty-program", "index.ts");
const GOAL_RATIO = 2;
/** A plan that takes longer than this is stuck, not slow: stop rather than wait forever. */
const SAMPLE_TIMEOUT_MS = 180_000;

interface Subject {
    label: string;
    args: string[];
    /** The least a correct run must have recorded, so a broken run is never timed as a fast one. */
    minResources: number;
}

const SUBJECTS: Subject[] = [
    { label: "a. empty program (floor)", args: ["--stack", "dev", "--program", EMPTY_PROGRAM], minResources: 1 },
    { label: "b. prod stack + policy pack", args: ["--stack", "prod"], minResources: 50 },
];

interface Sample {
    ms: number;
    resources: number;
    mandatory: number;
}

function planOnce(subject: Subject): Sample {
    const started = performance.now();
    const child = spawnSync(process.execPath, [TS_NODE, "--transpile-only", "tools/plan-cli.ts", ...subject.args, "--format", "json"], {
        cwd: REPO,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        timeout: SAMPLE_TIMEOUT_MS,
    });
    const ms = performance.now() - started;
    // Exit 1 means mandatory findings: still a complete plan, and still timed.
    if (child.error || (child.status !== 0 && child.status !== 1)) {
        throw new Error(`${subject.label} failed (exit ${child.status}${child.error ? `, ${child.error.message}` : ""}): ${child.stderr.trim()}`);
    }
    const report = JSON.parse(child.stdout) as { summary: { resources: number; mandatory: number } };
    if (report.summary.resources < subject.minResources) {
        throw new Error(`${subject.label} recorded ${report.summary.resources} resources; expected at least ${subject.minResources}`);
    }
    return { ms, resources: report.summary.resources, mandatory: report.summary.mandatory };
}

function main(): void {
    const samples = intFlag(process.argv.slice(2), "samples", 5);
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(`bench:plan  ${samples} samples each, interleaved; ${os.cpus().length} x ${cpu}; node ${process.version}`);
    console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

    for (const subject of SUBJECTS) planOnce(subject); // warm-up, not measured
    const times = SUBJECTS.map(() => [] as number[]);
    const last: Sample[] = [];
    for (let round = 1; round <= samples; round++) {
        const line: string[] = [];
        SUBJECTS.forEach((subject, i) => {
            const sample = planOnce(subject);
            times[i].push(sample.ms);
            last[i] = sample;
            line.push(`${subject.label[0]} ${seconds(sample.ms)}`);
        });
        console.log(`  round ${round}: ${line.join("   ")}`);
    }

    console.log("");
    SUBJECTS.forEach((subject, i) => {
        const { resources, mandatory } = last[i];
        console.log(`  ${subject.label.padEnd(30)} median ${seconds(median(times[i]))}   min ${seconds(Math.min(...times[i]))}   (${resources} resources, ${mandatory} mandatory findings)`);
    });
    // Each round's b and a ran back to back, so their ratio cancels most of the machine's drift.
    const ratio = median(times[1].map((b, round) => b / times[0][round]));
    const ratioOfMedians = median(times[1]) / median(times[0]);
    const minRatio = Math.min(...times[1]) / Math.min(...times[0]);
    console.log(`  ratio b/a: median of rounds ${ratio.toFixed(2)}   of medians ${ratioOfMedians.toFixed(2)}   of minimums ${minRatio.toFixed(2)}`);
    console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(verdict(ratio <= GOAL_RATIO, `the prod plan takes ${ratio.toFixed(2)}x the empty program's plan (goal: at most ${GOAL_RATIO}x)`));
}

try {
    main();
} catch (error) {
    console.error(`bench:plan: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
}
