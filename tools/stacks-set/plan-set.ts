/**
 * `npm run plan -- --stacks <file>`: plans a set of stacks together, each StackReference to a stack
 * of the set fed from that stack's planned outputs, in dependency order.
 *
 * Which stack reads which output is discovered by running each program once first with every
 * StackReference answered by an empty stack, watching the names its requireOutput/getOutput calls
 * ask for (a static scan would miss names built at run time, such as `acme/network/${pulumi.getStack()}`
 * or a name from config). Reads made only inside an `apply` of another stack's output are not seen
 * then, nor are reads of `ref.outputs` as a whole.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, PlanInputError } from "../engine/project";
import { ProgramRun } from "../engine/run";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../engine/recorder";
import { estimateCost } from "../cost/estimate";
import { loadInput } from "../input";
import { stringsIn } from "../readiness/lib";
import { crossStackBlocks, CrossStackReport, judgeAcrossStacks } from "./cross-stack";
import { CheckedPlan, checkStack, planStack, PlanOptions } from "../plan";
import { StackOutputs, stackOutputsByName } from "../offline/stack-outputs";
import { blastRadiusOf, cyclesOf, deployOrderOf, edgesOf, MissingOutput, missingOutputsOf, OutputRead, SetCycle, SetEdge, TypeMismatch } from "./graph";
import { inputShapes, shapeMismatches } from "../offline/input-types";
import { readSetFile, SetMember } from "./set-file";

export type SetPlanOptions = Omit<PlanOptions, "stack" | "program" | "fromState" | "fromPreview" | "stackOutputValues"> & {
    /** With a directory of projects: only this stack of each. */
    stack?: string;
};

/** The set's part of the report (JSON `set`): fields may be added, never renamed. */
export interface SetReport {
    file: string;
    stacks: { name: string; project: string; stack: string; program: string; destroy?: true }[];
    /** Each consumer's reads of each producer, the outputs by name. */
    graph: SetEdge[];
    /** The order of `pulumi up`: producers first. Stacks in or behind a cycle are left out. */
    deployOrder: string[];
    /** The order of `pulumi destroy`: consumers first (the deploy order reversed). */
    destroyOrder: string[];
    cycles: SetCycle[];
    missingOutputs: MissingOutput[];
    /**
     * Inputs that hold another stack's output in a shape the resource cannot take (a list where a
     * string goes, `[ref.requireOutput("subnetIds")]` making a list of lists): the provider rejects them
     * at preview. Found from the recorded inputs that depend on a StackReference, against the input
     * types @pulumi/aws declares.
     */
    typeMismatches: TypeMismatch[];
    /**
     * Stacks the set file marks `destroy: true` that a stack staying in place still reads: destroying
     * them first deletes what the reader's resources use (a subnet holding its Lambda's interfaces
     * fails with DependencyViolation), and the reader's next `pulumi up` fails on the missing stack.
     */
    referencedWhileDestroyed: { stack: string; readers: { consumer: string; outputs: string[] }[] }[];
    /**
     * With a member's deployed state (`state:` in the set file): deployed resources the plan no longer
     * has (removed, or renamed without an alias: destroyed or replaced) whose id, ARN or name is the
     * value of an output another stack reads. The readers hold a dangling id until redeployed, and
     * deleting it fails while their resources still use it.
     */
    replacedWhileRead: { stack: string; resource: string; type: string; urn: string; output: string; readers: string[] }[];
    /** What a change of each stack's outputs redeploys: every stack reading it, directly or not. */
    blastRadius: Record<string, string[]>;
    /** Each planned stack's registered outputs (`export const ...`), by name. */
    exports: Record<string, string[]>;
    /** The fully qualified name of each report in the JSON's `stacks`, in the same order (a report names only its stack, e.g. "dev"). */
    reports: string[];
    /** Stacks that could not be planned, and why (a cycle, a required output missing upstream). */
    notPlanned: { stack: string; reason: string }[];
    summary: { stacks: number; planned: number; cycles: number; missingOutputs: number; typeMismatches: number; crossStackFindings: number };
    /**
     * The set's monthly cost: each region's planned stacks estimated together, so what AWS bills per
     * account and region (AWS Config's items for every recorded resource, the free dashboards) counts
     * the whole set rather than the one stack that holds the recorder. Each stack's own report keeps its
     * own estimate.
     */
    cost: { monthlyUsd: number; idleMonthlyUsd: number; byStack: Record<string, number> };
    /** What the policies and readiness checks find only with the planned stacks joined (see cross-stack.ts). */
    crossStack: CrossStackReport;
}

export interface SetPlan {
    /** The planned stacks in deploy order. */
    checked: CheckedPlan[];
    set: SetReport;
}

/** A stack of the set failed to run (bad config, a program error): the message says which. */
export class SetMemberError extends Error {
    constructor(
        readonly member: SetMember,
        readonly cause: unknown,
    ) {
        super(`${member.name} (${member.program}): ${cause instanceof Error ? cause.message : String(cause)}`);
        this.name = "SetMemberError";
    }
}

/** A set's errors block the deploy the way a mandatory finding does. */
export function setBlocks(set: SetReport): boolean {
    return set.cycles.length > 0 || set.missingOutputs.length > 0 || set.typeMismatches.length > 0 || set.referencedWhileDestroyed.length > 0 ||
        set.replacedWhileRead.length > 0 || crossStackBlocks(set.crossStack);
}

export async function planSet(file: string, options: SetPlanOptions): Promise<SetPlan> {
    const { file: setFile, members } = readSetFile(file, { stack: options.stack || undefined, organization: options.organization });
    // Stacks outside the set are answered by --stack-outputs files, as for one stack.
    const external = stackOutputsByName(options.stackOutputs ?? []);
    for (const member of members) checkProject(member, setFile);
    const names = members.map((m) => m.name);

    const reads: OutputRead[] = [];
    for (const member of members) reads.push(...(await discoverReads(member, options, names, external)));
    const graph = edgesOf(names, reads);
    const cycles = cyclesOf(names, graph);
    const deployOrder = deployOrderOf(names, graph);

    const planned = new Map<string, StackOutputs>();
    const checked: CheckedPlan[] = [];
    const missingOutputs: MissingOutput[] = [];
    const notPlanned: SetReport["notPlanned"] = [];
    for (const name of deployOrder) {
        const member = members.find((m) => m.name === name)!;
        const producers = graph.filter((e) => e.consumer === name).map((e) => e.producer);
        const unplanned = producers.filter((p) => !planned.has(p));
        if (unplanned.length > 0) {
            notPlanned.push({ stack: name, reason: `it reads ${unplanned.join(", ")}, which could not be planned` });
            continue;
        }
        const ownReads = reads.filter((r) => r.consumer === name);
        const missing = producers.flatMap((p) => missingOutputsOf(p, Object.keys(planned.get(p)!.outputs), ownReads));
        missingOutputs.push(...missing);
        // requireOutput of a missing name fails the program, as it fails `pulumi up`; getOutput reads undefined.
        const requiredMissing = missing.filter((m) => m.required);
        if (requiredMissing.length > 0) {
            notPlanned.push({ stack: name, reason: `it requires ${requiredMissing.map((m) => `"${m.output}" of ${m.producer}`).join(", ")}, which ${requiredMissing.length > 1 ? "are" : "is"} not exported` });
            continue;
        }
        const answers = new Map([...external, ...producers.map((p) => [p, planned.get(p)!] as const)]);
        let plan: CheckedPlan;
        try {
            plan = await checkStack({ ...options, program: member.program, stack: member.stack, organization: member.organization, stackOutputValues: answers });
        } catch (error) {
            throw new SetMemberError(member, error);
        }
        checked.push(plan);
        planned.set(name, plannedOutputs(name, plan.run));
    }
    for (const name of names.filter((n) => !deployOrder.includes(n))) {
        const cycle = cycles.find((c) => c.stacks.includes(name));
        notPlanned.push({ stack: name, reason: cycle ? `it is in a cycle with ${cycle.stacks.filter((s) => s !== name).join(", ") || "itself"}` : "it reads a stack in a cycle" });
    }

    const crossStack = await judgeAcrossStacks(checked, [...planned.keys()], options);
    const typeMismatches = checked.flatMap((plan, i) => typeMismatchesOf([...planned.keys()][i], plan, names, planned));
    const set: SetReport = {
        file: relativeLabel(setFile),
        stacks: members.map((m) => ({ name: m.name, project: m.project, stack: m.stack, program: relativeLabel(m.program), ...(m.destroy ? { destroy: true } : {}) })),
        graph,
        deployOrder,
        destroyOrder: [...deployOrder].reverse(),
        cycles,
        missingOutputs,
        typeMismatches,
        referencedWhileDestroyed: referencedWhileDestroyed(members, graph),
        replacedWhileRead: replacedWhileRead(members, graph, new Map(checked.map((c, i) => [[...planned.keys()][i], c]))),
        blastRadius: blastRadiusOf(names, graph, deployOrder),
        exports: Object.fromEntries([...planned].map(([name, outputs]) => [name, Object.keys(outputs.outputs).sort()])),
        reports: [...planned.keys()],
        notPlanned: names.flatMap((n) => notPlanned.filter((p) => p.stack === n)),
        summary: { stacks: names.length, planned: checked.length, cycles: cycles.length, missingOutputs: missingOutputs.length, typeMismatches: typeMismatches.length, crossStackFindings: crossStack.violations.length + crossStack.readiness.length },
        cost: setCost(checked, [...planned.keys()], options),
        crossStack,
    };
    return { checked, set };
}

function referencedWhileDestroyed(members: SetMember[], graph: SetEdge[]): SetReport["referencedWhileDestroyed"] {
    const destroyed = new Set(members.filter((m) => m.destroy).map((m) => m.name));
    return [...destroyed].flatMap((stack) => {
        const readers = graph.filter((e) => e.producer === stack && !destroyed.has(e.consumer)).map((e) => ({ consumer: e.consumer, outputs: e.outputs }));
        return readers.length > 0 ? [{ stack, readers }] : [];
    });
}

function replacedWhileRead(members: SetMember[], graph: SetEdge[], plans: Map<string, CheckedPlan>): SetReport["replacedWhileRead"] {
    const found: SetReport["replacedWhileRead"] = [];
    for (const member of members) {
        const plan = plans.get(member.name);
        if (!member.state || !plan || member.destroy) continue;
        const deployed = loadInput(member.state, "stack-export").run;
        // A resource renamed with an alias keeps its deployed URN among its aliases: moved, not replaced.
        const planned = new Set(plan.run.resources.flatMap((r) => [r.urn, ...r.options.aliases.filter((a) => typeof a === "string")]));
        const gone = deployed.resources.filter((r) => r.custom && !planned.has(r.urn));
        for (const edge of graph.filter((e) => e.producer === member.name)) {
            for (const output of edge.outputs) {
                const values = new Set(stringsIn(deployed.stackOutputs[output]));
                for (const resource of gone) {
                    const identifiers = [resource.id, resource.outputs.arn, resource.outputs.name].filter((v): v is string => typeof v === "string" && v !== "");
                    if (!identifiers.some((v) => values.has(v))) continue;
                    const existing = found.find((f) => f.stack === member.name && f.urn === resource.urn && f.output === output);
                    if (existing) existing.readers.push(edge.consumer);
                    else found.push({ stack: member.name, resource: resource.name, type: resource.type, urn: resource.urn, output, readers: [edge.consumer] });
                }
            }
        }
    }
    return found;
}

const STACK_REFERENCE_URN = /::pulumi:pulumi:StackReference::(.+)$/;

/** The consumer's inputs computed from a set member's outputs whose shape the input's declared type rejects. */
function typeMismatchesOf(consumer: string, plan: CheckedPlan, names: string[], planned: Map<string, StackOutputs>): TypeMismatch[] {
    // Of the stacks an input reads, the ones whose outputs hold the misplaced value (an input such as vpcConfig reads several).
    const holding = (producers: string[], value: unknown) => {
        const text = JSON.stringify(value);
        const matches = producers.filter((p) => Object.values(planned.get(p)?.outputs ?? {}).some((output) => JSON.stringify(output) === text));
        return matches.length > 0 ? matches : producers;
    };
    const found: TypeMismatch[] = [];
    for (const resource of plan.run.resources) {
        const shapes = resource.custom ? inputShapes(resource.type) : null;
        if (!shapes) continue;
        for (const [property, dependencies] of Object.entries(resource.propertyDependencies)) {
            const producers = [...new Set(dependencies.flatMap((urn) => STACK_REFERENCE_URN.exec(urn)?.[1] ?? []))].filter((p) => names.includes(p));
            const shape = shapes.get(property);
            if (producers.length === 0 || !shape) continue;
            for (const m of shapeMismatches(resource.inputs[property], shape, property)) {
                found.push({ consumer, producers: holding(producers, m.value), resource: resource.name, type: resource.type, property: m.path, expected: m.expected, got: m.got });
            }
        }
    }
    return found;
}

function setCost(checked: CheckedPlan[], names: string[], options: SetPlanOptions): SetReport["cost"] {
    const regions = [...new Set(checked.map((c) => c.run.region))];
    const estimates = regions.map((region) =>
        estimateCost(checked.filter((c) => c.run.region === region).flatMap((c) => c.run.resources), options.usage, region));
    const cents = (usd: number) => Math.round(usd * 100) / 100;
    return {
        monthlyUsd: cents(estimates.reduce((sum, e) => sum + e.monthlyUsd, 0)),
        idleMonthlyUsd: cents(estimates.reduce((sum, e) => sum + e.idleMonthlyUsd, 0)),
        byStack: Object.fromEntries(checked.map((c, i) => [names[i], c.report.cost.monthlyUsd])),
    };
}

/** A path as the reports show programs: relative to the working directory. */
function relativeLabel(file: string): string {
    return path.relative(process.cwd(), file) || file;
}

/** The set names each stack `<org>/<project>/<stack>`; the project must be the program's, or no StackReference would find it. */
function checkProject(member: SetMember, setFile: string): void {
    let project: string;
    try {
        project = loadStackConfig(member.program, member.stack, { requireStackFile: false }).project;
    } catch (error) {
        throw new SetMemberError(member, error);
    }
    if (project !== member.project) {
        throw new PlanInputError(`--stacks ${setFile}: ${member.name} names project "${member.project}" but ${member.program} is project "${project}" (Pulumi.yaml name): make them agree.`);
    }
}

/**
 * Runs the program with every StackReference answered by a stack without outputs and returns the
 * outputs it reads of the set's stacks. Its failures there are expected (requireOutput of an empty
 * stack); a config error is the user's to fix now.
 */
async function discoverReads(member: SetMember, options: SetPlanOptions, names: string[], external: Map<string, StackOutputs>): Promise<OutputRead[]> {
    const watch = watchStackReferenceReads();
    try {
        await planStack({ ...options, program: member.program, stack: member.stack, organization: member.organization, stackOutputValues: new EmptyStacksForAnyName(external) });
    } catch (error) {
        if (error instanceof PlanInputError) throw new SetMemberError(member, error);
    } finally {
        watch.stop();
    }
    const settled = await Promise.allSettled(watch.reads);
    return settled
        .flatMap((s) => (s.status === "fulfilled" ? [s.value] : []))
        .filter((read) => names.includes(read.stack))
        .map((read) => ({ consumer: member.name, producer: read.stack, output: read.output, required: read.required }));
}

/** Answers a StackReference to any stack: the given outputs where there are some, else none. */
class EmptyStacksForAnyName extends Map<string, StackOutputs> {
    override get(name: string): StackOutputs {
        return super.get(name) ?? { stack: name, file: "(set plan: discovering reads)", outputs: {}, secretNames: [] };
    }
}

interface WatchedRead {
    stack: string;
    output: string;
    required: boolean;
}

/** Notes each getOutput/requireOutput (getOutputDetails and the *Value methods go through them) until stopped. */
function watchStackReferenceReads(): { reads: Promise<WatchedRead>[]; stop: () => void } {
    const prototype = pulumi.StackReference.prototype as unknown as Record<"getOutput" | "requireOutput", (name: pulumi.Input<string>) => pulumi.Output<unknown>>;
    const original = { getOutput: prototype.getOutput, requireOutput: prototype.requireOutput };
    const reads: Promise<WatchedRead>[] = [];
    for (const method of ["getOutput", "requireOutput"] as const) {
        prototype[method] = function (this: pulumi.StackReference, name: pulumi.Input<string>) {
            const promiseOf = (value: pulumi.Input<string>) => (pulumi.output(value) as unknown as { promise(): Promise<string> }).promise();
            reads.push(Promise.all([promiseOf(this.name), promiseOf(name)]).then(([stack, output]) => ({ stack, output, required: method === "requireOutput" })));
            return original[method].call(this, name);
        };
    }
    return {
        reads,
        stop: () => Object.assign(prototype, original),
    };
}

/** The stack's registered outputs (its `export const`s), as `pulumi stack output --json --show-secrets` would give them, secrets kept secret. */
export function plannedOutputs(name: string, run: ProgramRun): StackOutputs {
    const root = run.resources.find((r) => r.type === "pulumi:pulumi:Stack" && r.parent === null);
    const outputs: Record<string, unknown> = {};
    const secretNames: string[] = [];
    for (const [key, value] of Object.entries(root?.outputs ?? {})) {
        const unwrapped = unwrapSecrets(value);
        outputs[key] = unwrapped.value;
        if (unwrapped.secret) secretNames.push(key);
    }
    return { stack: name, file: `the planned outputs of ${name}`, outputs, secretNames };
}

function unwrapSecrets(value: unknown): { value: unknown; secret: boolean } {
    if (Array.isArray(value)) {
        const items = value.map(unwrapSecrets);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value !== "object" || value === null) return { value, secret: false };
    const record = value as Record<string, unknown>;
    if (record[SPECIAL_SIG_KEY] === SECRET_SIG) return { value: unwrapSecrets(record.value).value, secret: true };
    const entries = Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
}
