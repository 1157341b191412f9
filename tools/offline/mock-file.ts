/**
 * `--mock-file <file.json>`: answers the user gives for what the offline AWS cannot know (a lookup
 * of something that exists only in their account) and outputs for resource types it does not model.
 *
 * {
 *   "invokes": {
 *     "<invoke token>": { ...result... },                         // the answer to every call
 *     "<invoke token>": [{ "args": { ...subset of the call's arguments... }, "result": { ... } }, ...]
 *   },
 *   "resources": {
 *     "<resource type>": { ...outputs... },                       // every resource of that type
 *     "<resource type>::<resource name>": { ...outputs... }       // one resource (wins over the type)
 *   }
 * }
 *
 * A list is tried in order; an entry without "args" matches any call. Results are merged over what
 * the offline AWS would answer, so a file may pin a single field.
 */
import * as fs from "fs";
import { PlanInputError } from "../engine/project";

export interface InvokeAnswer {
    args?: Record<string, unknown>;
    result: Record<string, unknown>;
}

export interface MockFile {
    file: string;
    invokes: Record<string, InvokeAnswer[]>;
    resources: Record<string, Record<string, unknown>>;
}

/**
 * Starts the message of anything the offline world cannot answer. The message crosses the mock
 * monitor as text (the SDK rebuilds errors from it), so the CLI finds it by this mark and prints
 * the rest of the line: it already names what is missing and how to supply it.
 */
export const UNANSWERED_MARK = "[offline world]";

/** The one-line message for an invoke nobody can answer offline. */
export function unansweredInvoke(token: string, args: Record<string, unknown>, why: string): string {
    const shown = JSON.stringify(args);
    const argsText = shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
    return `${UNANSWERED_MARK} the offline AWS cannot answer the invoke ${token} (called with ${argsText}): ${why}. Give its result in a mock file: --mock-file mocks.json with {"invokes": {"${token}": {...result...}}} (README, "Planning your own program").`;
}

const TOKEN = /^[a-zA-Z][\w-]*:[\w./-]+:[\w]+$/;

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(file: string, at: string, problem: string): never {
    throw new PlanInputError(`--mock-file ${file}: ${at} ${problem} (README, "Planning your own program", shows the format).`);
}

/** Reads and validates a mock file; every problem names the file, the JSON path and what is wrong. */
export function readMockFile(file: string): MockFile {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PlanInputError(`--mock-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new PlanInputError(`--mock-file ${file}: not valid JSON: ${(error as Error).message.split("\n")[0]}.`);
    }
    if (!isObject(parsed)) fail(file, "$", 'must be an object with "invokes" and/or "resources"');
    for (const key of Object.keys(parsed)) {
        if (key !== "invokes" && key !== "resources") fail(file, `$.${key}`, 'is not a known key: use "invokes" or "resources"');
    }
    const invokes: MockFile["invokes"] = {};
    if (parsed.invokes !== undefined) {
        if (!isObject(parsed.invokes)) fail(file, "$.invokes", "must be an object keyed by invoke token");
        for (const [token, answer] of Object.entries(parsed.invokes)) {
            const at = `$.invokes["${token}"]`;
            if (!TOKEN.test(token)) fail(file, at, 'is not an invoke token such as "aws:ssm/getParameter:getParameter"');
            if (isObject(answer)) {
                invokes[token] = [{ result: answer }];
                continue;
            }
            if (!Array.isArray(answer) || answer.length === 0) fail(file, at, 'must be a result object or a non-empty list of {"args": {...}, "result": {...}}');
            invokes[token] = answer.map((entry, i) => {
                if (!isObject(entry)) fail(file, `${at}[${i}]`, 'must be {"args": {...}, "result": {...}}');
                for (const key of Object.keys(entry)) {
                    if (key !== "args" && key !== "result") fail(file, `${at}[${i}].${key}`, 'is not a known key: use "args" and "result"');
                }
                if (!isObject(entry.result)) fail(file, `${at}[${i}].result`, "must be an object (the invoke's result)");
                if (entry.args !== undefined && !isObject(entry.args)) fail(file, `${at}[${i}].args`, "must be an object (arguments the call must match)");
                return { args: entry.args as Record<string, unknown> | undefined, result: entry.result };
            });
        }
    }
    const resources: MockFile["resources"] = {};
    if (parsed.resources !== undefined) {
        if (!isObject(parsed.resources)) fail(file, "$.resources", "must be an object keyed by resource type");
        for (const [key, outputs] of Object.entries(parsed.resources)) {
            const at = `$.resources["${key}"]`;
            const [type] = key.split("::");
            if (!TOKEN.test(type)) fail(file, at, 'is not a resource type such as "aws:glue/job:Job" (optionally "::<resource name>")');
            if (!isObject(outputs)) fail(file, at, "must be an object of output values");
            resources[key] = outputs;
        }
    }
    return { file, invokes, resources };
}

/** Whether every key of `expected` is in `actual` with an equal value (objects compared the same way, recursively). */
export function matchesArgs(expected: unknown, actual: unknown): boolean {
    if (isObject(expected)) return isObject(actual) && Object.entries(expected).every(([k, v]) => matchesArgs(v, actual[k]));
    if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((v, i) => matchesArgs(v, actual[i]));
    return expected === actual;
}

/** The answer the file gives for one call, or undefined when it has none for this token or these arguments. */
export function answerFor(mocks: MockFile | undefined, token: string, args: Record<string, unknown>): Record<string, unknown> | undefined {
    const answers = mocks?.invokes[token];
    return answers?.find((answer) => answer.args === undefined || matchesArgs(answer.args, args))?.result;
}

/** Outputs the file gives for one resource: its type's, then its own (by name) over them. */
export function outputsFor(mocks: MockFile | undefined, type: string, name: string): Record<string, unknown> | undefined {
    const byType = mocks?.resources[type];
    const byName = mocks?.resources[`${type}::${name}`];
    return byType || byName ? { ...byType, ...byName } : undefined;
}
