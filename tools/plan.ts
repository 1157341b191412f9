import * as fs from "fs";
import * as path from "path";
import { loadStackConfig, PlanInputError } from "./engine/project";
import { ProgramRun, runProgram } from "./engine/run";
import { RecordedResource } from "./engine/recorder";

/** Bulwark's own program, planned when no `--program` is given. */
export const DEFAULT_PROGRAM = path.resolve(__dirname, "..", "index.ts");

export interface PlanOptions {
    stack: string;
    /** A Pulumi TypeScript program file; Bulwark's `index.ts` by default. */
    program?: string;
    preview?: boolean;
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
    const run = await runProgram({ program: programFile, project, stack: options.stack, config, secretKeys, preview: options.preview });
    return {
        run,
        programFile,
        programLabel: path.relative(process.cwd(), programFile) || programFile,
        resources: run.resources.map(reportResource),
    };
}

export function reportResource(resource: RecordedResource): ReportResource {
    return { urn: resource.urn, type: resource.type, name: resource.name, parent: resource.parent, protect: resource.options.protect };
}
