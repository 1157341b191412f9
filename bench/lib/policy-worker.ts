/**
 * Runs policy evaluations for bench/policy.ts in a worker thread, so that the bench can stop one
 * that runs far past the goal (a quadratic policy on 10,000 resources can take many minutes) by
 * terminating the thread, which stops even a synchronous loop.
 *
 * Requests: { op: "prepare", size, variant } builds a stack (outside any timing) and describes it;
 * { op: "evaluate", size } answers { ms, resources, summary of findings }; { op: "profile", size }
 * times each policy on its own inside one evaluation and streams { event: "start" | "end", policy,
 * kind, ms } as it goes, so the bench knows which policy was running if it has to stop it;
 * { op: "floor", size } evaluates the same pack with every validate function a no-op: the engine
 * alone, the least any pack of this shape can take; { op: "harness", size }
 * evaluates an empty pack: the engine's own work with no policy to run, so the difference to the floor
 * is what the engine spends per policy. Every request may name its `engine` (the plan's "shared"
 * by default, or "crossguard") and the `variant` of the stack.
 */
import { parentPort } from "worker_threads";
import { performance } from "perf_hooks";
import type { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies as bulwarkPolicies } from "../../policy/rules";
import type { ProgramRun } from "../../tools/engine/run";
import { Evaluation, evaluate, PolicyEngine } from "../../tools/policy/evaluate";
import { syntheticRun } from "./synthetic";

export type PolicyKind = "stack" | "resource";

export type WorkerRequest = {
    op: "prepare" | "evaluate" | "profile" | "floor" | "harness";
    size: number;
    /** Which stack of that size (bench/lib/synthetic.ts): a new variant shares no document with the last. */
    variant?: number;
    /** The evaluation engine; the plan's default ("shared") unless asked. */
    engine?: PolicyEngine;
    /** Policies left out (profile): ones already stopped for running past the budget. */
    skip?: string[];
};

export type WorkerMessage =
    /** `summary` describes the stack (prepare) or the findings (evaluate, profile). */
    | { event: "done"; ms: number; resources: number; summary: string }
    | { event: "start"; policy: string; kind: PolicyKind }
    | { event: "end"; policy: string; kind: PolicyKind; ms: number }
    | { event: "failed"; error: string };

/** The stacks built so far by size and variant; older variants of a size are dropped to save memory. */
const runs = new Map<string, ProgramRun>();
function runOf(size: number, variant: number): ProgramRun {
    const key = `${size}/${variant}`;
    let run = runs.get(key);
    if (!run) {
        for (const other of runs.keys()) if (other.startsWith(`${size}/`)) runs.delete(other);
        runs.set(key, (run = syntheticRun(size, variant)));
    }
    return run;
}

function send(message: WorkerMessage): void {
    parentPort!.postMessage(message);
}

/**
 * The pack with every validate function timed. CrossGuard awaits each call in turn, so times never
 * overlap; stack policies report start and end, resource policies their total at the end.
 */
function timedPolicies(resourceTotals: Map<string, number>, skip: string[]): Policies {
    // Resource policies all run before the stack policies: report their totals when the first stack policy starts.
    const flush = () => {
        for (const [policy, total] of resourceTotals) send({ event: "end", policy, kind: "resource", ms: total });
        resourceTotals.clear();
    };
    const timed = <F extends (args: any, report: any) => unknown>(name: string, kind: PolicyKind, fn: F): F => {
        const stop = (started: number) => {
            const ms = performance.now() - started;
            if (kind === "stack") send({ event: "end", policy: name, kind, ms });
            else resourceTotals.set(name, (resourceTotals.get(name) ?? 0) + ms);
        };
        // Synchronous answers stay synchronous, as the engine treats them: wrapping every call in a
        // promise would add garbage whose collection lands in whichever policy runs next.
        const wrapped = ((args: any, report: any) => {
            if (kind === "stack") {
                flush();
                send({ event: "start", policy: name, kind });
            }
            const started = performance.now();
            let result: unknown;
            try {
                result = fn(args, report);
            } catch (error) {
                stop(started);
                throw error;
            }
            if (result && typeof (result as Promise<unknown>).then === "function") return (result as Promise<unknown>).finally(() => stop(started));
            stop(started);
            return result;
        }) as unknown as F;
        // CrossGuard skips resources of other types without calling a function marked with its type.
        const pulumiType = (fn as unknown as { __pulumiType?: string }).__pulumiType;
        if (pulumiType) (wrapped as unknown as { __pulumiType: string }).__pulumiType = pulumiType;
        return wrapped;
    };
    return (bulwarkPolicies as Policies).filter((policy) => !skip.includes(policy.name)).map((policy) => {
        if ("validateStack" in policy && policy.validateStack) {
            return { ...policy, validateStack: timed(policy.name, "stack", policy.validateStack) } as StackValidationPolicy;
        }
        const resourcePolicy = policy as ResourceValidationPolicy;
        const validate = resourcePolicy.validateResource;
        if (!validate) return policy;
        const validateResource = Array.isArray(validate) ? validate.map((v) => timed(policy.name, "resource", v)) : timed(policy.name, "resource", validate);
        return { ...resourcePolicy, validateResource } as ResourceValidationPolicy;
    });
}

/** The pack's shape (names, kinds, types the analyzer filters on) with nothing checked. */
function noOpPolicies(): Policies {
    const noOp = <F>(fn: F): F => {
        const empty = (() => undefined) as unknown as F;
        const pulumiType = (fn as unknown as { __pulumiType?: string }).__pulumiType;
        if (pulumiType) (empty as unknown as { __pulumiType: string }).__pulumiType = pulumiType;
        return empty;
    };
    return (bulwarkPolicies as Policies).map((policy) => {
        if ("validateStack" in policy && policy.validateStack) return { ...policy, validateStack: noOp(policy.validateStack) } as StackValidationPolicy;
        const resourcePolicy = policy as ResourceValidationPolicy;
        const validate = resourcePolicy.validateResource;
        if (!validate) return policy;
        return { ...resourcePolicy, validateResource: Array.isArray(validate) ? validate.map(noOp) : noOp(validate) } as ResourceValidationPolicy;
    });
}

function findings(evaluation: Evaluation): string {
    const open = evaluation.violations.filter((v) => !v.suppressed);
    const byPolicy = new Map<string, number>();
    for (const violation of open) byPolicy.set(violation.policy, (byPolicy.get(violation.policy) ?? 0) + 1);
    const top = [...byPolicy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([policy, count]) => `${policy} ${count}`);
    return `${open.length} findings${top.length ? ` (${top.join(", ")}${byPolicy.size > 3 ? ", ..." : ""})` : ""}`;
}

parentPort!.on("message", async ({ op, size, variant, engine, skip }: WorkerRequest) => {
    try {
        const run = runOf(size, variant ?? 0);
        if (op === "prepare") {
            const types = new Set(run.resources.map((r) => r.type)).size;
            const links = run.resources.reduce((sum, r) => sum + Object.values(r.propertyDependencies).flat().length, 0);
            send({ event: "done", ms: 0, resources: run.resources.length, summary: `${types} types, ${links} property dependencies` });
            return;
        }
        const resourceTotals = new Map<string, number>();
        const policies = op === "profile" ? timedPolicies(resourceTotals, skip ?? []) : op === "floor" ? noOpPolicies() : op === "harness" ? [] : undefined;
        // Start each timing with a collected heap, so no earlier request's garbage is collected inside it.
        (globalThis as { gc?: () => void }).gc?.();
        const started = performance.now();
        const evaluation = await evaluate(run, { ...(policies ? { policies } : {}), engine: engine ?? "shared" });
        const ms = performance.now() - started;
        for (const [policy, total] of resourceTotals) send({ event: "end", policy, kind: "resource", ms: total });
        send({ event: "done", ms, resources: run.resources.length, summary: findings(evaluation) });
    } catch (error) {
        send({ event: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
});
