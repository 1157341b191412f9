/**
 * Plan benchmark (`npm run bench:plan [-- --samples N]`): the prod plan against the floor of any
 * Pulumi program and against what a CDK user would run for the same answer.
 *
 * Three whole processes, side by side in one run, in rotating order within each round so none
 * always runs first or last, after one unmeasured warm-up of each (the file cache, the plan's
 * compile cache):
 *
 *   floor   bench/floor/index.ts through ts-node, as Pulumi's Node.js host runs a TypeScript
 *           program: @pulumi/pulumi and @pulumi/aws registering 5 resources under plain mocks;
 *   anchor  bench/cdk-anchor/app.js: the same platform as the prod stack in AWS CDK, synthesized
 *           with cdk-nag's AwsSolutions checks (plain JavaScript: see that file);
 *   plan    `npm run plan -- --stack prod --format json` as npm runs it (`node bin/plan.js ...`;
 *           npm's own start-up is left out of every figure).
 *
 * Each sample's wall time is taken around the process; its peak RSS and CPU time come from
 * `/usr/bin/time -v` when the machine has it, else from the process's own `resourceUsage()` at exit
 * (bench/lib/rusage.js, preloaded). Figures are medians of the samples. Goals, from issue #18:
 * plan wall at most 0.6x the anchor's and at most 2x the floor's, plan peak memory at most 0.5x the
 * anchor's.
 *
 * The anchor's packages (aws-cdk-lib, cdk-nag) are installed here with `npm ci` in
 * bench/cdk-anchor when they are missing or differ from its lockfile; the root `npm ci` never
 * installs them. Before the rounds one plan runs with empty caches (BULWARK_CACHE_DIR), so the first
 * run of a clean clone is printed too (not part of the goals).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { intFlag, median, seconds, verdict } from "./lib/stats";

const REPO = path.resolve(__dirname, "..");
const ANCHOR_DIR = path.join(__dirname, "cdk-anchor");
const TS_NODE = require.resolve("ts-node/dist/bin.js", { paths: [REPO] });
const GNU_TIME = "/usr/bin/time";
const RUSAGE_PRELOAD = path.join(__dirname, "lib", "rusage.js");
/** A run longer than this is stuck, not slow: stop rather than wait forever. */
const SAMPLE_TIMEOUT_MS = 300_000;

const GOALS = { planToAnchorWall: 0.6, planToFloorWall: 2, planToAnchorMemory: 0.5 };

interface Subject {
    key: "floor" | "anchor" | "plan";
    label: string;
    args: string[];
    cwd: string;
    env?: Record<string, string>;
    /** Checks the process's standard output, so a broken run is never timed as a fast one; returns what to print of it. */
    check(stdout: string): string;
}

interface Sample {
    wallMs: number;
    peakMiB: number;
    cpuSeconds: number;
    summary: string;
}

const SUBJECTS: Subject[] = [
    {
        key: "floor",
        label: "floor (5 resources, plain mocks)",
        args: [TS_NODE, "--transpile-only", path.join(__dirname, "floor", "index.ts")],
        cwd: REPO,
        check(stdout) {
            const { resources } = JSON.parse(stdout) as { resources: number };
            if (resources !== 5) throw new Error(`the floor registered ${resources} resources, not 5`);
            return `${resources} resources`;
        },
    },
    {
        key: "anchor",
        label: "anchor (CDK synth + cdk-nag)",
        args: [path.join(ANCHOR_DIR, "app.js")],
        cwd: ANCHOR_DIR,
        check(stdout) {
            const result = JSON.parse(stdout) as { resources: number; nagErrors: number; nagWarnings: number };
            if (result.resources < 100) throw new Error(`the anchor synthesized ${result.resources} resources; expected at least 100`);
            return `${result.resources} CloudFormation resources, ${result.nagErrors} nag errors, ${result.nagWarnings} nag warnings`;
        },
    },
    {
        key: "plan",
        label: "plan (prod, pack, readiness, cost)",
        args: [path.join(REPO, "bin", "plan.js"), "--stack", "prod", "--format", "json"],
        cwd: REPO,
        check(stdout) {
            const report = JSON.parse(stdout) as { summary: { resources: number; mandatory: number } };
            if (report.summary.resources < 100) throw new Error(`the plan recorded ${report.summary.resources} resources; expected at least 100`);
            return `${report.summary.resources} resources, ${report.summary.mandatory} mandatory findings`;
        },
    },
];

const hasGnuTime = fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-v", "true"], { encoding: "utf8" }).status === 0;

function gnuTimeField(report: string, field: string): number {
    const match = new RegExp(`^\\s*${field.replace(/[()]/g, "\\$&")}: (.+)$`, "m").exec(report);
    if (!match) throw new Error(`/usr/bin/time -v printed no "${field}"`);
    return Number(match[1]);
}

function runOnce(subject: Subject, extraEnv: Record<string, string> = {}): Sample {
    const reportFile = path.join(os.tmpdir(), `bench-plan-${process.pid}.rusage`);
    fs.rmSync(reportFile, { force: true });
    const [command, args] = hasGnuTime
        ? [GNU_TIME, ["-v", "-o", reportFile, process.execPath, ...subject.args]]
        : [process.execPath, ["--require", RUSAGE_PRELOAD, ...subject.args]];
    const env = { ...process.env, ...subject.env, ...extraEnv, ...(hasGnuTime ? {} : { BENCH_RUSAGE_FILE: reportFile }) };
    const started = performance.now();
    const child = spawnSync(command, args, { cwd: subject.cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: SAMPLE_TIMEOUT_MS });
    const wallMs = performance.now() - started;
    // The plan exits 1 on mandatory findings: still a complete run, and still timed.
    if (child.error || (child.status !== 0 && !(subject.key === "plan" && child.status === 1))) {
        throw new Error(`${subject.label} failed (exit ${child.status}${child.error ? `, ${child.error.message}` : ""}): ${child.stderr.trim().slice(-2000)}`);
    }
    const summary = subject.check(child.stdout);
    const report = fs.readFileSync(reportFile, "utf8");
    fs.rmSync(reportFile, { force: true });
    if (hasGnuTime) {
        return {
            wallMs,
            peakMiB: gnuTimeField(report, "Maximum resident set size (kbytes)") / 1024,
            cpuSeconds: gnuTimeField(report, "User time (seconds)") + gnuTimeField(report, "System time (seconds)"),
            summary,
        };
    }
    const usage = JSON.parse(report) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
    return { wallMs, peakMiB: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, summary };
}

/** Installs the anchor's pinned packages unless node_modules already holds exactly what its lockfile names. */
function ensureAnchorInstalled(): void {
    const lock = JSON.parse(fs.readFileSync(path.join(ANCHOR_DIR, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
    const stale = Object.entries(lock.packages).filter(([where, entry]) => {
        if (where === "" || !entry.version) return false;
        try {
            return (JSON.parse(fs.readFileSync(path.join(ANCHOR_DIR, where, "package.json"), "utf8")) as { version: string }).version !== entry.version;
        } catch {
            return true;
        }
    });
    if (stale.length === 0) return;
    console.log(`installing the anchor's packages (npm ci in bench/cdk-anchor: ${stale.length} missing or different)`);
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: ANCHOR_DIR, encoding: "utf8", stdio: ["ignore", "inherit", "inherit"] });
    if (npm.status !== 0) throw new Error(`npm ci in bench/cdk-anchor failed (exit ${npm.status})`);
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const mib = (value: number) => `${value.toFixed(0)} MiB`;
const cpu = (value: number) => `${value.toFixed(2)} cpu-s`;

function main(): void {
    const samples = intFlag(process.argv.slice(2), "samples", 5);
    const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).stdout?.trim() || "unknown commit";
    console.log(`bench:plan  ${samples} samples each, rotating order; ${os.cpus().length} x ${cpuModel}; node ${process.version}; commit ${commit}`);
    console.log(`memory and CPU time from ${hasGnuTime ? "/usr/bin/time -v" : "each process's resourceUsage() at exit (no /usr/bin/time)"}`);
    console.log(`load average at start: ${load()}`);
    ensureAnchorInstalled();

    const coldCache = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-cache-"));
    const plan = SUBJECTS.find((s) => s.key === "plan")!;
    const cold = runOnce(plan, { BULWARK_CACHE_DIR: coldCache });
    fs.rmSync(coldCache, { recursive: true, force: true });
    console.log(`plan with empty caches (a clean clone's first run, no goal): ${seconds(cold.wallMs)}, ${mib(cold.peakMiB)}, ${cpu(cold.cpuSeconds)}`);

    for (const subject of SUBJECTS) runOnce(subject); // warm-up, not measured
    const measured = new Map(SUBJECTS.map((s) => [s.key, [] as Sample[]]));
    for (let round = 0; round < samples; round++) {
        const order = SUBJECTS.map((_, i) => SUBJECTS[(i + round) % SUBJECTS.length]);
        const line = order.map((subject) => {
            const sample = runOnce(subject);
            measured.get(subject.key)!.push(sample);
            return `${subject.key} ${seconds(sample.wallMs)} ${mib(sample.peakMiB)}`;
        });
        console.log(`  round ${round + 1}: ${line.join("   ")}   (load ${os.loadavg()[0].toFixed(2)})`);
    }

    console.log("");
    const medians = new Map<Subject["key"], { wall: number; peak: number; cpu: number }>();
    for (const subject of SUBJECTS) {
        const runs = measured.get(subject.key)!;
        const m = { wall: median(runs.map((r) => r.wallMs)), peak: median(runs.map((r) => r.peakMiB)), cpu: median(runs.map((r) => r.cpuSeconds)) };
        medians.set(subject.key, m);
        console.log(`  ${subject.label.padEnd(36)} wall ${seconds(m.wall)}   peak ${mib(m.peak).padStart(8)}   ${cpu(m.cpu)}   (${runs[runs.length - 1].summary})`);
    }
    const floor = medians.get("floor")!;
    const anchor = medians.get("anchor")!;
    const planned = medians.get("plan")!;
    const roundRatio = (other: Subject["key"]) =>
        median(measured.get("plan")!.map((sample, round) => sample.wallMs / measured.get(other)![round].wallMs));
    const toAnchor = planned.wall / anchor.wall;
    const toFloor = planned.wall / floor.wall;
    const memory = planned.peak / anchor.peak;
    console.log(`  plan/anchor: wall ${toAnchor.toFixed(2)}x (median of rounds ${roundRatio("anchor").toFixed(2)}x), memory ${memory.toFixed(2)}x, cpu ${(planned.cpu / anchor.cpu).toFixed(2)}x`);
    console.log(`  plan/floor:  wall ${toFloor.toFixed(2)}x (median of rounds ${roundRatio("floor").toFixed(2)}x), memory ${(planned.peak / floor.peak).toFixed(2)}x, cpu ${(planned.cpu / floor.cpu).toFixed(2)}x`);
    console.log(`load average at end: ${load()}`);
    console.log(verdict(toAnchor <= GOALS.planToAnchorWall, `plan wall ${toAnchor.toFixed(2)}x the anchor's (goal: at most ${GOALS.planToAnchorWall}x)`));
    console.log(verdict(toFloor <= GOALS.planToFloorWall, `plan wall ${toFloor.toFixed(2)}x the floor's (goal: at most ${GOALS.planToFloorWall}x)`));
    console.log(verdict(memory <= GOALS.planToAnchorMemory, `plan peak memory ${memory.toFixed(2)}x the anchor's (goal: at most ${GOALS.planToAnchorMemory}x)`));
}

try {
    main();
} catch (error) {
    console.error(`bench:plan: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
}
