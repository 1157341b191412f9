import * as fs from "fs";
import { PlanInputError } from "./engine/project";
import { ProgramError } from "./engine/run";
import { checkStack } from "./plan";
import { blocks, formatNotes, formatText } from "./policy/report";

/**
 * `npm run plan -- --stack dev [--program file] [--preview] [--format text|json] [--out file] [--policy-config file]`.
 * Exit codes are a contract read by CI: 0 clean, 1 a mandatory finding, 2 usage, config or program error.
 */

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface CliOptions {
    stack: string;
    program?: string;
    preview: boolean;
    format: "text" | "json";
    out?: string;
    /** Pulumi policy config file (levels, settings, exemptions); default `policy/config.<stack>.json`. */
    policyConfig?: string;
}

const FORMATS = ["text", "json"] as const;
const USAGE = "usage: npm run plan -- --stack <name> [--program <file>] [--preview] [--format text|json] [--out <file>] [--policy-config <file>]";

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
            case "--help":
            case "-h":
                throw new PlanInputError(USAGE);
            default:
                throw new PlanInputError(`Unknown argument "${argv[i]}". ${USAGE}`);
        }
    }
    if (!options.stack) throw new PlanInputError(`--stack is required. ${USAGE}`);
    if (!/^[A-Za-z0-9_.-]+$/.test(options.stack)) {
        throw new PlanInputError(`--stack is "${options.stack}": stack names use letters, digits, "-", "_" and "." only.`);
    }
    return { format: "text", ...options, stack: options.stack };
}

export async function main(argv: string[]): Promise<number> {
    let options: CliOptions;
    try {
        options = parseArgs(argv);
        const { report, evaluation } = await checkStack(options);
        const output = options.format === "json" ? JSON.stringify(report, null, 2) : formatText(report, evaluation.notes, options.preview);
        if (options.out) fs.writeFileSync(options.out, output + "\n");
        else process.stdout.write(output + "\n");
        // JSON stays exactly the report; notes (not violations) go to stderr there.
        if (options.format === "json" && evaluation.notes.length > 0) process.stderr.write(formatNotes(evaluation.notes) + "\n");
        return blocks(report) ? EXIT_FINDINGS : EXIT_OK;
    } catch (error) {
        process.stderr.write(`plan: ${describe(error)}\n`);
        return EXIT_USAGE;
    }
}

function describe(error: unknown): string {
    if (error instanceof PlanInputError) return error.message;
    if (error instanceof ProgramError) {
        const cause = error.causes[0] as { name?: string } | undefined;
        const kind = cause?.name && cause.name !== "Error" ? `${cause.name}: ` : "";
        return `the program failed: ${kind}${error.message}`;
    }
    return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
