import * as fs from "fs";
import { PlanInputError } from "./engine/project";
import { ProgramError } from "./engine/run";
import { checkStack } from "./plan";
import { blocks, formatNotes } from "./policy/report";
import { parseUsage, Usage } from "./cost/usage";
import { POLICY_ENGINES, PolicyEngine } from "./policy/evaluate";
import { colourEnabled } from "./report/colour";
import { OUTPUT_FORMATS, OutputFormat, render, renderSet } from "./report/render";
import { scrubSecrets } from "./input";
import { explainOfflineFailure, stackOutputsByName } from "./offline/stack-outputs";
import { planSet, SetMemberError, setBlocks } from "./stacks-set/plan-set";

/**
 * `npm run plan -- --stack dev [--program file] [--preview] [--format text|json|markdown|sarif] [--out file] [--policy-config file]
 *  [--usage requests=1000000,durationMs=50,gbOut=10] [--compare dev,prod] [--lambda-concurrency-limit n] [--policy-engine shared|crossguard]
 *  [--mock-file file.json] [--stack-outputs org/project/stack=file.json ...]`,
 *  or `npm run plan -- --from-state export.json | --from-preview preview.json [...]` to judge a file instead of running a program.
 *  or `npm run plan -- --stacks <set file> [...]` to plan a set of stacks joined by StackReferences (tools/stacks-set).
 * Exit codes are a contract read by CI: 0 clean, 1 a mandatory finding, 2 usage, config or program error.
 */

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface CliOptions {
    stack: string;
    program?: string;
    /** What `pulumi.getOrganization()` returns in the program. @default "organization" (a DIY backend's) */
    organization?: string;
    preview: boolean;
    format: OutputFormat;
    out?: string;
    /** Pulumi policy config file (levels, settings, exemptions); default `policy/config.<stack>.json`. */
    policyConfig?: string;
    /** Overrides of the cost estimate's usage model. */
    usage?: Partial<Usage>;
    /** Stacks planned side by side instead of `stack`; the exit code is the worst of them. */
    compare?: string[];
    /** The account's Lambda concurrency quota, for the deploy-readiness checks. @default 1000 */
    lambdaConcurrencyLimit?: number;
    /** How the pack is run: "shared" (default, fast) or "crossguard" (CrossGuard's analyzer itself); same findings. */
    policyEngine?: PolicyEngine;
    /** A `pulumi stack export` file to judge instead of a program. */
    fromState?: string;
    /** A `pulumi preview --json` file to judge instead of a program. */
    fromPreview?: string;
    /** Answers for invokes and outputs for resource types the offline AWS cannot know (tools/offline/mock-file.ts). */
    mockFile?: string;
    /** `<org/project/stack>=<file.json>` per StackReference the program makes (`pulumi stack output --json`). */
    stackOutputs?: string[];
    /** A set file (tools/stacks-set/set-file.ts): the stacks planned together, in dependency order. */
    stacks?: string;
}

const FORMATS = OUTPUT_FORMATS;
const USAGE =
    "usage: npm run plan -- --stack <name> | --compare <name>,<name> [--program <file>] [--org <name>] [--preview] [--format text|json|markdown|sarif] " +
    "[--out <file>] [--policy-config <file>] [--usage requests=<n>,durationMs=<ms>,gbOut=<GB>,natGb=<GB>,memoryMb=<MB>] [--lambda-concurrency-limit <n>] [--policy-engine shared|crossguard] " +
    "[--mock-file <file.json>] [--stack-outputs <org/project/stack>=<file.json> ...]" +
    " | --stacks <set file> [...]" +
    " | --from-state <pulumi stack export file> | --from-preview <pulumi preview --json file> [--stack <name>] [...]";

export function parseArgs(argv: string[]): CliOptions {
    const options: Partial<CliOptions> & { preview: boolean } = { preview: false };
    const valueOf = (flag: string, index: number): string => {
        const value = argv[index + 1];
        if (value === undefined || value.startsWith("--")) throw new PlanInputError(`${flag} needs a value. ${USAGE}`);
        return value;
    };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s, 2);
        const take = () => (inline !== undefined ? inline : valueOf(flag, i++));
        switch (flag) {
            case "--stack":
                options.stack = take();
                break;
            case "--program":
                options.program = take();
                break;
            case "--org": {
                const organization = take();
                if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(organization)) {
                    throw new PlanInputError(`--org is "${organization}": give the Pulumi organization the program runs in (what pulumi.getOrganization() returns), such as acme.`);
                }
                options.organization = organization;
                break;
            }
            case "--preview":
                options.preview = true;
                break;
            case "--format": {
                const format = take();
                if (!(FORMATS as readonly string[]).includes(format)) {
                    throw new PlanInputError(`--format is "${format}": it must be one of ${FORMATS.join(", ")}.`);
                }
                options.format = format as CliOptions["format"];
                break;
            }
            case "--out":
                options.out = take();
                break;
            case "--policy-config":
                options.policyConfig = take();
                break;
            case "--usage":
                options.usage = parseUsage(take());
                break;
            case "--compare":
                options.compare = take().split(",").map((s) => s.trim()).filter((s) => s !== "");
                if (options.compare.length < 2) throw new PlanInputError(`--compare needs two or more stacks separated by commas, e.g. --compare dev,prod.`);
                break;
            case "--lambda-concurrency-limit": {
                const value = take();
                if (!/^\d+$/.test(value) || Number(value) < 1) {
                    throw new PlanInputError(`--lambda-concurrency-limit is "${value}": it must be the account's Lambda concurrency quota, a whole number such as 1000.`);
                }
                options.lambdaConcurrencyLimit = Number(value);
                break;
            }
            case "--policy-engine": {
                const engine = take();
                if (!(POLICY_ENGINES as readonly string[]).includes(engine)) {
                    throw new PlanInputError(`--policy-engine is "${engine}": it must be one of ${POLICY_ENGINES.join(", ")} (they find the same; crossguard runs the pack through CrossGuard's analyzer, as pulumi preview does, and is slower).`);
                }
                options.policyEngine = engine as PolicyEngine;
                break;
            }
            case "--from-state":
                options.fromState = take();
                break;
            case "--from-preview":
                options.fromPreview = take();
                break;
            case "--mock-file":
                options.mockFile = take();
                break;
            case "--stacks":
                options.stacks = take();
                break;
            case "--stack-outputs":
                options.stackOutputs = [...(options.stackOutputs ?? []), take()];
                break;
            case "--help":
            case "-h":
                throw new PlanInputError(USAGE);
            default:
                throw new PlanInputError(`Unknown argument "${argv[i]}". ${USAGE}`);
        }
    }
    if (options.stacks !== undefined) {
        // Each stack of the set names its own program and stack.
        // A set file names each stack; a directory of projects takes --stack and --org to name them.
        const directory = fs.existsSync(options.stacks) && fs.statSync(options.stacks).isDirectory();
        const clash = [!directory && options.stack && "--stack", options.program && "--program", !directory && options.organization && "--org (each stack's name gives its organization)", options.compare && "--compare", options.fromState && "--from-state", options.fromPreview && "--from-preview"].filter(Boolean);
        if (clash.length > 0) throw new PlanInputError(`--stacks plans the stacks its file lists, each with its own program: drop ${clash.join(", ")}.`);
        return { format: "text", ...options, stack: options.stack ?? "" };
    }
    const fromFile = options.fromState !== undefined || options.fromPreview !== undefined;
    if (fromFile) {
        // The file is the stack: no program runs, and its stack name comes from the file's URNs.
        const clash = [
            options.program && "--program",
            options.preview && "--preview",
            options.compare && "--compare",
            options.mockFile && "--mock-file",
            options.stackOutputs && "--stack-outputs",
            options.fromState && options.fromPreview && "both --from-state and --from-preview",
        ].filter(Boolean);
        if (clash.length > 0) throw new PlanInputError(`${options.fromState ? "--from-state" : "--from-preview"} judges a file instead of running a program: drop ${clash.join(", ")}.`);
        if (options.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(options.stack)) {
            throw new PlanInputError(`--stack is "${options.stack}": stack names use letters, digits, "-", "_" and "." only.`);
        }
        return { format: "text", ...options, stack: options.stack ?? "" };
    }
    if (options.compare && options.stack) throw new PlanInputError(`--stack and --compare exclude each other: give one. ${USAGE}`);
    if (options.compare) options.stack = options.compare[0];
    if (!options.stack) throw new PlanInputError(`--stack is required. ${USAGE}`);
    for (const stack of options.compare ?? [options.stack]) {
        if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
            throw new PlanInputError(`--stack is "${stack}": stack names use letters, digits, "-", "_" and "." only.`);
        }
    }
    return { format: "text", ...options, stack: options.stack };
}

export async function main(argv: string[]): Promise<number> {
    let options: CliOptions;
    try {
        options = parseArgs(argv);
        if (options.stacks !== undefined) return await mainOfSet(options);
        const checked = [];
        for (const stack of options.compare ?? [options.stack]) checked.push(await checkStack({ ...options, stack }));
        const outcomes = checked.map((c) => ({ report: c.report, resources: c.run.resources, notes: c.evaluation.notes, preview: c.run.preview }));
        // Plaintext secrets of an input file (`--show-secrets` exports) never reach the report.
        const output = scrubSecrets(render(options.format, outcomes, { colour: !options.out && colourEnabled(process.stdout) }), checked[0].input?.secrets ?? new Set());
        if (options.out) fs.writeFileSync(options.out, output + "\n");
        else process.stdout.write(output + "\n");
        // Machine formats stay exactly the report; notes (not violations) go to stderr there.
        const notes = checked.flatMap((c) => c.evaluation.notes);
        if (options.format !== "text" && notes.length > 0) process.stderr.write(scrubSecrets(formatNotes(notes), checked[0].input?.secrets ?? new Set()) + "\n");
        // A readiness error is a deploy AWS would reject: it blocks like a mandatory violation.
        return checked.some((c) => blocks(c.report) || c.report.summary.readinessErrors > 0) ? EXIT_FINDINGS : EXIT_OK;
    } catch (error) {
        process.stderr.write(`plan: ${describe(error, argv)}\n`);
        return EXIT_USAGE;
    }
}

/** `--stacks`: every stack's report and the set's graph; the set's errors block like a mandatory finding. */
async function mainOfSet(options: CliOptions): Promise<number> {
    const { checked, set } = await planSet(options.stacks!, options);
    const outcomes = checked.map((c) => ({ report: c.report, resources: c.run.resources, notes: c.evaluation.notes, preview: c.run.preview }));
    const output = renderSet(options.format, outcomes, set, { colour: !options.out && colourEnabled(process.stdout) });
    if (options.out) fs.writeFileSync(options.out, output + "\n");
    else process.stdout.write(output + "\n");
    const notes = checked.flatMap((c) => c.evaluation.notes);
    if (options.format !== "text" && notes.length > 0) process.stderr.write(formatNotes(notes) + "\n");
    const stackBlocks = checked.some((c) => blocks(c.report) || c.report.summary.readinessErrors > 0);
    return stackBlocks || setBlocks(set) ? EXIT_FINDINGS : EXIT_OK;
}

function describe(error: unknown, argv: string[]): string {
    if (error instanceof SetMemberError) return `${error.member.name} (${error.member.program}): ${describe(error.cause, argv)}`;
    if (error instanceof PlanInputError) return error.message;
    if (error instanceof ProgramError) {
        const messages = error.causes.map((cause) => (cause instanceof Error ? cause.message : String(cause)));
        const offline = explainOfflineFailure([error.message, ...messages], knownStackOutputs(argv));
        if (offline) return offline;
        const cause = error.causes[0] as { name?: string } | undefined;
        const kind = cause?.name && cause.name !== "Error" ? `${cause.name}: ` : "";
        return `the program failed: ${kind}${error.message}`;
    }
    return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** The stack outputs given, to name their files in an error (already read once, so they parse). */
function knownStackOutputs(argv: string[]) {
    try {
        return stackOutputsByName(parseArgs(argv).stackOutputs ?? []);
    } catch {
        return undefined;
    }
}

/**
 * Exits once standard output and error have taken everything written: to a pipe they are
 * asynchronous, and process.exit() at once cut a JSON report at the pipe's 64 KiB.
 */
export function exitWhenWritten(code: number): void {
    let pending = 2;
    const done = () => {
        if (--pending === 0) process.exit(code);
    };
    process.stdout.write("", done);
    process.stderr.write("", done);
}

if (require.main === module) {
    main(process.argv.slice(2)).then(exitWhenWritten);
}
