import * as path from "path";
import { PlanInputError } from "../engine/project";
import type { Violation } from "../policy/evaluate";
import { InputFileError, readJsonFile } from "./json-file";
import { PreviewRun, readPreview, StepKind } from "./preview";
import { InputRun, readStackExport } from "./state";

export type { StepKind } from "./preview";
export { scrubSecrets } from "./values";

/**
 * Stacks judged from files instead of a program run: `--from-state` (`pulumi stack export`) and
 * `--from-preview` (`pulumi preview --json`). Both become the ProgramRun the policy engines,
 * readiness checks and cost estimate already take, so the verdict has the same formats, JSON
 * contract and exit codes as a planned program, whatever language the program was written in.
 */

export type InputFormat = "stack-export" | "preview";

export interface LoadedInput extends InputRun {
    format: InputFormat;
    file: string;
    /** The file as given on the command line, relative to the working directory. */
    label: string;
    /** Preview only: the step each judged resource takes. */
    steps?: Map<string, StepKind>;
}

/** What the JSON report says of the input (an additive field: present only for file inputs). */
export interface InputSummary {
    format: InputFormat;
    file: string;
    /** Resources in the file not judged, with the reason. */
    skipped: { urn: string; reason: string }[];
    /** Preview only: judged resources by step. */
    steps?: Partial<Record<StepKind, number>>;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatOf(document: unknown): InputFormat | undefined {
    if (!isObject(document)) return undefined;
    if ("deployment" in document || "checkpoint" in document) return "stack-export";
    if ("steps" in document || "changeSummary" in document) return "preview";
    return undefined;
}

const MAKE: Record<InputFormat, string> = {
    "stack-export": "pulumi stack export --file <file>",
    preview: "pulumi preview --json > <file>",
};
const FLAG: Record<InputFormat, string> = { "stack-export": "--from-state", preview: "--from-preview" };

/** Reads a stack export or a preview, refusing a file of the other format (or of neither) in one line. */
export function loadInput(file: string, expected: InputFormat): LoadedInput {
    const absolute = path.resolve(file);
    const relative = path.relative(process.cwd(), absolute);
    const label = relative && !relative.startsWith("..") ? relative : absolute;
    const document = readJsonFile(label);
    const format = formatOf(document);
    if (format === undefined) {
        const what = Array.isArray(document) ? "a list" : isObject(document) ? `an object with keys ${Object.keys(document).slice(0, 5).map((k) => JSON.stringify(k)).join(", ") || "(none)"}` : `a ${typeof document}`;
        throw new InputFileError(label, "$", `${what} is neither a stack export ({"version", "deployment"}, from \`${MAKE["stack-export"]}\`) nor a preview ({"steps", "changeSummary"}, from \`${MAKE.preview}\`).`);
    }
    if (format !== expected) {
        throw new InputFileError(label, "$", `this is ${format === "preview" ? "`pulumi preview --json` output" : "a `pulumi stack export` file"}: pass it with ${FLAG[format]}, not ${FLAG[expected]}.`);
    }
    const doc = document as Record<string, unknown>;
    if (format === "preview") {
        const preview: PreviewRun = readPreview(doc, label);
        return { ...preview, format, file: absolute, label };
    }
    return { ...readStackExport(doc, label), format, file: absolute, label };
}

/** The input `--from-state` / `--from-preview` name, if any; checks it names the stack `--stack` gives. */
export function loadInputFor(options: { stack?: string; fromState?: string; fromPreview?: string }): LoadedInput | undefined {
    if (options.fromState && options.fromPreview) throw new PlanInputError("--from-state and --from-preview exclude each other: give one file.");
    const input = options.fromState ? loadInput(options.fromState, "stack-export") : options.fromPreview ? loadInput(options.fromPreview, "preview") : undefined;
    if (input && options.stack && options.stack !== input.run.stack) {
        throw new PlanInputError(`--stack is "${options.stack}" but ${input.label} holds stack "${input.run.stack}": drop --stack, or give the file of stack "${options.stack}".`);
    }
    return input;
}

/** Each violation with the step its resource takes in the preview (stack-wide findings: null). */
export function withSteps(violations: Violation[], steps: Map<string, StepKind>): (Violation & { step: StepKind | null })[] {
    return violations.map((v) => ({ ...v, step: v.urn ? steps.get(v.urn) ?? null : null }));
}

export function inputSummary(input: LoadedInput): InputSummary {
    const summary: InputSummary = { format: input.format, file: input.label, skipped: input.skipped };
    if (input.steps) {
        const counts: Partial<Record<StepKind, number>> = {};
        for (const kind of input.steps.values()) counts[kind] = (counts[kind] ?? 0) + 1;
        summary.steps = counts;
    }
    return summary;
}
