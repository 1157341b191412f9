import * as fs from "fs";
import * as path from "path";
import { loadStackConfig, PlanInputError, projectNameFor } from "./engine/project";
import { ProgramRun, runProgram } from "./engine/run";
import { RecordedResource } from "./engine/recorder";
import { readPolicyConfigFile, PolicyConfigFile } from "./policy/config";
import { Evaluation, evaluate, PolicyEngine } from "./policy/evaluate";
import { buildReport, PlanReport } from "./policy/report";
import { CostEstimate, estimateCost } from "./cost/estimate";
import { Usage } from "./cost/usage";
import { readinessReport, ReadinessReport, runReadiness } from "./readiness";
import { inputSummary, InputSummary, LoadedInput, loadInputFor, withSteps } from "./input";
import { readMockFile } from "./offline/mock-file";
import { StackOutputs, stackOutputsByName } from "./offline/stack-outputs";
import { ExpandedComponent, judgeRemoteComponents, NotJudged } from "./offline/remote";

/** Bulwark's own program, planned when no `--program` is given. */
export const DEFAULT_PROGRAM = path.resolve(__dirname, "..", "index.ts");

export interface PlanOptions {
    stack: string;
    /** The Pulumi organization the program runs in (`pulumi.getOrganization()`). @default "organization", as on a DIY backend */
    organization?: string;
    /** A Pulumi TypeScript program file; Bulwark's `index.ts` by default. */
    program?: string;
    preview?: boolean;
    /** A Pulumi policy config file; `policy/config.<stack>.json` when that exists. */
    policyConfig?: string;
    /** Overrides of the cost estimate's usage model (requests, durationMs, gbOut, natGb, memoryMb). */
    usage?: Partial<Usage>;
    /** The account's Lambda concurrency quota for the readiness checks. @default 1000 */
    lambdaConcurrencyLimit?: number;
    /** The policy evaluation engine (tools/policy/evaluate.ts). @default "shared" */
    policyEngine?: PolicyEngine;
    /** A `pulumi stack export` file judged instead of running a program (tools/input). */
    fromState?: string;
    /** A `pulumi preview --json` file judged instead of running a program (tools/input). */
    fromPreview?: string;
    /** A `--mock-file`: invoke answers and resource outputs the offline AWS cannot know. */
    mockFile?: string;
    /** `--stack-outputs <org/project/stack>=<file.json>` values, one per stack the program references. */
    stackOutputs?: string[];
    /** StackReference answers already in hand (a set plan's planned outputs); replaces `stackOutputs` when given. */
    stackOutputValues?: Map<string, StackOutputs>;
}

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    protect: boolean;
}

export interface Plan {
    run: ProgramRun;
    programFile: string;
    /** The program as given on the command line, relative to the working directory. */
    programLabel: string;
    resources: ReportResource[];
    /** Remote components nothing looked inside, and those expanded offline instead. */
    notJudged: NotJudged[];
    expandedComponents: ExpandedComponent[];
}

/** Runs a program offline for one stack and records what `pulumi up` would register. */
export async function planStack(options: PlanOptions): Promise<Plan> {
    const programFile = path.resolve(options.program ?? DEFAULT_PROGRAM);
    if (!fs.existsSync(programFile)) {
        throw new PlanInputError(`No program at ${programFile}: pass --program <file> with a Pulumi TypeScript program.`);
    }
    // Bulwark's own stacks must have their stack file; any other program falls back to defaults.
    const { project, config, secretKeys } = loadStackConfig(programFile, options.stack, {
        requireStackFile: programFile === DEFAULT_PROGRAM,
    });
    // Both files are read before the program runs, so a bad one fails fast with its own message.
    const existing = {
        mocks: options.mockFile ? readMockFile(options.mockFile) : undefined,
        stackOutputs: options.stackOutputValues ?? stackOutputsByName(options.stackOutputs ?? []),
        expansions: new Map(),
    };
    const recorded = await runProgram({ program: programFile, project, stack: options.stack, organization: options.organization, config, secretKeys, preview: options.preview, existing });
    const judged = judgeRemoteComponents(recorded.resources, existing.expansions, recorded.stack, recorded.project);
    const run = { ...recorded, resources: judged.resources };
    return {
        run,
        programFile,
        programLabel: path.relative(process.cwd(), programFile) || programFile,
        resources: run.resources.map(reportResource),
        notJudged: judged.notJudged,
        expandedComponents: judged.expanded,
    };
}

export function reportResource(resource: RecordedResource): ReportResource {
    return { urn: resource.urn, type: resource.type, name: resource.name, parent: resource.parent, protect: resource.options.protect };
}

/** The project Bulwark's own Pulumi.yaml names: the only project its per-stack policy configs are written for. */
export const BULWARK_PROJECT = projectNameFor(DEFAULT_PROGRAM);

/**
 * Bulwark's own stack's policy config by default: `policy/config.<stack>.json`, if there is one, for
 * Bulwark's project only; a layered stack (`dev-network`) without a file of its own takes its
 * environment's (`config.dev.json`), the longest dash-separated prefix of its name that has one.
 * Another program that happens to name its stack `dev` is judged as a foreign program is (the
 * default profile) unless `--policy-config` says otherwise.
 */
export function defaultPolicyConfigFile(stack: string, project: string = BULWARK_PROJECT): string | undefined {
    if (project !== BULWARK_PROJECT) return undefined;
    const parts = stack.split("-");
    for (let length = parts.length; length > 0; length--) {
        const file = path.resolve(__dirname, "..", "policy", `config.${parts.slice(0, length).join("-")}.json`);
        if (fs.existsSync(file)) return file;
    }
    return undefined;
}

/** What the report adds about remote components (`summary.opaqueComponents` counts `notJudged`). */
export interface JudgedReport {
    summary: { opaqueComponents: number };
    notJudged: NotJudged[];
    expandedComponents: ExpandedComponent[];
}

export interface CheckedPlan extends Plan {
    evaluation: Evaluation;
    /** The policy config file applied, if any. */
    policyConfigFile: string | undefined;
    report: PlanReport & { cost: CostEstimate } & ReadinessReport & JudgedReport & { input?: InputSummary };
    /** The file judged instead of a program, if any. */
    input?: LoadedInput;
}

/** A stack read from a file, as the plan of a program would have recorded it (a file holds no remote component's insides either way). */
function planOfInput(input: LoadedInput): Plan {
    return { run: input.run, programFile: input.file, programLabel: input.label, resources: input.run.resources.map(reportResource), notJudged: [], expandedComponents: [] };
}

/** Plans the stack and evaluates the policy pack on it: the verdict `pulumi preview --policy-pack policy` would give. */
export async function checkStack(options: PlanOptions): Promise<CheckedPlan> {
    const input = loadInputFor(options);
    const stack = input?.run.stack ?? options.stack;
    const project = input?.run.project ?? projectNameFor(path.resolve(options.program ?? DEFAULT_PROGRAM));
    const policyConfigFile = options.policyConfig ? path.resolve(options.policyConfig) : defaultPolicyConfigFile(stack, project);
    // Read before the program runs, so a bad config file fails fast.
    const config: PolicyConfigFile | undefined = policyConfigFile ? readPolicyConfigFile(policyConfigFile) : undefined;
    const plan = input ? planOfInput(input) : await planStack(options);
    const evaluation = await evaluate(plan.run, { config, engine: options.policyEngine });
    if (input?.steps) evaluation.violations = withSteps(evaluation.violations, input.steps);
    // Deploy readiness is reported apart from policy violations: new fields, the existing ones unchanged.
    const readiness = await runReadiness(plan.run, { lambdaConcurrencyLimit: options.lambdaConcurrencyLimit });
    const base = buildReport(stack, plan.programLabel, plan.resources, evaluation.violations);
    const withReadiness = { ...base, ...readinessReport(readiness, base.summary) };
    // Remote components are reported apart: new fields, the existing ones unchanged.
    const report = {
        ...withReadiness,
        summary: { ...withReadiness.summary, opaqueComponents: plan.notJudged.length },
        notJudged: plan.notJudged,
        expandedComponents: plan.expandedComponents,
        cost: estimateCost(plan.run.resources, options.usage, plan.run.region),
        ...(input ? { input: inputSummary(input) } : {}),
    };
    return { ...plan, evaluation, policyConfigFile, report, input };
}
