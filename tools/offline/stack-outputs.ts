/**
 * `--stack-outputs <org/project/stack>=<file.json>`: another stack's outputs, as
 * `pulumi stack output --json --stack <name>` writes them, for the program's StackReferences.
 * Without `--show-secrets` that command writes "[secret]" for each secret output; those stay secret
 * here, with an offline stand-in value (as `secure:` config values do).
 */
import * as fs from "fs";
import { PlanInputError } from "../engine/project";
import { UNANSWERED_MARK } from "./mock-file";

export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
/** What `pulumi stack output --json` prints for a secret unless `--show-secrets` is given. */
export const HIDDEN_SECRET = "[secret]";

export interface StackOutputs {
    stack: string;
    file: string;
    outputs: Record<string, unknown>;
    /** Outputs the file shows as "[secret]". */
    secretNames: string[];
}

/** The command that writes the file a StackReference needs. */
export function stackOutputCommand(stack: string): string {
    const file = `${stack.split("/").slice(-2).join("-")}.json`;
    return `pulumi stack output --json --show-secrets --stack ${stack} > ${file}, then pass --stack-outputs ${stack}=${file}`;
}

/** Parses one `--stack-outputs` value and reads its file. */
export function readStackOutputs(spec: string): StackOutputs {
    const split = spec.indexOf("=");
    const stack = split > 0 ? spec.slice(0, split) : "";
    const file = split > 0 ? spec.slice(split + 1) : "";
    if (!stack || !file) {
        throw new PlanInputError(`--stack-outputs is "${spec}": give <org>/<project>/<stack>=<file.json>, e.g. --stack-outputs acme/network/dev=network-dev.json.`);
    }
    if (!/^[\w.-]+(\/[\w.-]+){0,2}$/.test(stack)) {
        throw new PlanInputError(`--stack-outputs names the stack "${stack}": use the name the program passes to new pulumi.StackReference(...), e.g. acme/network/dev.`);
    }
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PlanInputError(`--stack-outputs ${stack}=${file}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); write it with ${stackOutputCommand(stack).split(", then")[0]}.`);
    }
    let outputs: unknown;
    try {
        outputs = JSON.parse(text);
    } catch (error) {
        throw new PlanInputError(`--stack-outputs ${stack}=${file}: ${file} is not valid JSON (${(error as Error).message.split("\n")[0]}); write it with pulumi stack output --json.`);
    }
    if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) {
        throw new PlanInputError(`--stack-outputs ${stack}=${file}: $ must be an object of output names and values, as pulumi stack output --json writes.`);
    }
    const record = outputs as Record<string, unknown>;
    return { stack, file, outputs: record, secretNames: Object.keys(record).filter((name) => record[name] === HIDDEN_SECRET) };
}

/** The stand-in for a secret output the file hides. */
export function offlineStackSecret(stack: string, name: string): string {
    return `offline-secret-for-${stack.replace(/[^A-Za-z0-9]/g, "-")}-${name}`;
}

/** Every `--stack-outputs` given, by stack name; a stack named twice is a usage error. */
export function stackOutputsByName(specs: string[]): Map<string, StackOutputs> {
    const byName = new Map<string, StackOutputs>();
    for (const spec of specs) {
        const read = readStackOutputs(spec);
        if (byName.has(read.stack)) throw new PlanInputError(`--stack-outputs names ${read.stack} twice: give one file per stack.`);
        byName.set(read.stack, read);
    }
    return byName;
}

/** The state the StackReference resource reads: `outputs` and `secretOutputNames`, as the engine's stack reference provider returns them. */
export function stackReferenceState(name: string, known: Map<string, StackOutputs> | undefined): Record<string, unknown> {
    const supplied = known?.get(name);
    if (!supplied) throw new MissingStackOutputs(name, [...(known?.keys() ?? [])]);
    const outputs = Object.fromEntries(
        Object.entries(supplied.outputs).map(([key, value]) => [key, value === HIDDEN_SECRET ? offlineStackSecret(name, key) : value]),
    );
    return { name, outputs, secretOutputNames: supplied.secretNames };
}

/** A StackReference to a stack whose outputs were not supplied. */
export class MissingStackOutputs extends Error {
    constructor(
        readonly stack: string,
        given: string[] = [],
    ) {
        // A near miss (a typo, a missing org) is the usual cause when some stacks were given.
        const givenText = given.length > 0 ? ` (--stack-outputs names ${given.join(", ")}; the name must match the StackReference's exactly)` : "";
        super(`${UNANSWERED_MARK} the program reads stack "${stack}" (new pulumi.StackReference) and no outputs were given for it${givenText}: run ${stackOutputCommand(stack)}.`);
    }
}

const REQUIRED_OUTPUT = /Required output '([^']*)' does not exist on stack '([^']*)'/;

/**
 * The one line to print when a program failed on what the offline world lacks: an invoke or a
 * stack nobody supplied (marked messages), or a `requireOutput` of a name the supplied file lacks.
 */
export function explainOfflineFailure(messages: string[], known: Map<string, StackOutputs> | undefined): string | undefined {
    for (const message of messages) {
        const marked = message.indexOf(UNANSWERED_MARK);
        if (marked >= 0) return message.slice(marked + UNANSWERED_MARK.length).split("\n")[0].trim();
    }
    for (const message of messages) {
        const missing = REQUIRED_OUTPUT.exec(message);
        if (!missing) continue;
        const [, output, stack] = missing;
        const file = known?.get(stack)?.file;
        return `the program requires output "${output}" of stack "${stack}" (requireOutput) and ${file ?? "the outputs given"} has no such output: add it to the stack, or refresh the file with ${stackOutputCommand(stack)}.`;
    }
    return undefined;
}
