import * as fs from "fs";
import { PlanInputError } from "../engine/project";

/**
 * A problem with an input file, reported in one line as `<file>: <JSON path>: <problem>` (exit 2).
 * The path is JSONPath-like (`$.deployment.resources[3].type`) so the reader can jump to it.
 */
export class InputFileError extends PlanInputError {
    constructor(file: string, jsonPath: string, problem: string) {
        super(`${file}: ${jsonPath}: ${problem}`);
        this.name = "InputFileError";
    }
}

/** One step of a JSON path: an object key or an array index. */
export type PathStep = string | number;

export function formatPath(steps: readonly PathStep[]): string {
    let out = "$";
    for (const step of steps) {
        if (typeof step === "number") out += `[${step}]`;
        else out += /^[A-Za-z_$][\w$]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    }
    return out;
}

interface Frame {
    kind: "object" | "array";
    /** The key (object) or index (array) of the value being read in this container. */
    at: PathStep | undefined;
}

/**
 * The JSON path of the value being read at `offset`, found by scanning the text up to it: lets a
 * syntax error (often a truncated download or a killed `pulumi stack export`) name where it is.
 */
export function pathAtOffset(text: string, offset: number): string {
    const frames: Frame[] = [];
    let lastString: string | undefined;
    let i = 0;
    const end = Math.min(offset, text.length);
    while (i < end) {
        const ch = text[i];
        if (ch === '"') {
            let j = i + 1;
            while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
            lastString = j <= end ? safeParseString(text.slice(i, j + 1)) : undefined;
            i = j + 1;
            continue;
        }
        const top = frames[frames.length - 1];
        if (ch === "{") frames.push({ kind: "object", at: undefined });
        else if (ch === "[") frames.push({ kind: "array", at: 0 });
        else if (ch === "}" || ch === "]") frames.pop();
        else if (ch === ":" && top?.kind === "object") top.at = lastString;
        else if (ch === "," && top) top.at = top.kind === "array" ? (top.at as number) + 1 : undefined;
        i++;
    }
    const steps: PathStep[] = [];
    for (const frame of frames) {
        if (frame.at === undefined) break;
        steps.push(frame.at);
    }
    return formatPath(steps);
}

function safeParseString(literal: string): string | undefined {
    try {
        return JSON.parse(literal) as string;
    } catch {
        return undefined;
    }
}

/**
 * The offset of the first syntax error in a text JSON.parse refused (V8 does not always say where):
 * a recognizer that checks the grammar without building values. Returns the text's length when the
 * text ends before the value is complete.
 */
export function syntaxErrorOffset(text: string): number {
    let i = 0;
    const ws = () => {
        while (i < text.length && " \t\n\r".includes(text[i])) i++;
    };
    class Stop extends Error {}
    const stop = (): never => {
        throw new Stop();
    };
    const literal = (word: string) => {
        for (const ch of word) if (text[i++] !== ch) (i--, stop());
    };
    const string = () => {
        if (text[i] !== '"') stop();
        i++;
        while (i < text.length && text[i] !== '"') {
            if (text.charCodeAt(i) < 0x20) stop();
            if (text[i] === "\\") {
                i++;
                if (text[i] === "u") {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) (i++, stop());
                    i += 4;
                } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) stop();
            }
            i++;
        }
        if (i >= text.length) stop();
        i++;
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (!match || match[0] === "" || match[0] === "-") stop();
        i += match![0].length;
    };
    const value = (): void => {
        ws();
        const ch = text[i];
        if (ch === "{") {
            i++;
            ws();
            if (text[i] === "}") return void i++;
            for (;;) {
                ws();
                string();
                ws();
                if (text[i] !== ":") stop();
                i++;
                value();
                ws();
                if (text[i] === ",") i++;
                else if (text[i] === "}") return void i++;
                else stop();
            }
        }
        if (ch === "[") {
            i++;
            ws();
            if (text[i] === "]") return void i++;
            for (;;) {
                value();
                ws();
                if (text[i] === ",") i++;
                else if (text[i] === "]") return void i++;
                else stop();
            }
        }
        if (ch === '"') return string();
        if (ch === "t") return literal("true");
        if (ch === "f") return literal("false");
        if (ch === "n") return literal("null");
        return number();
    };
    try {
        value();
        ws();
        if (i < text.length) stop();
    } catch (error) {
        if (!(error instanceof Stop)) throw error;
    }
    return Math.min(i, text.length);
}

function lineAndColumn(text: string, offset: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Reads and parses a JSON file once. The text is a local of this function, so only the parsed value
 * outlives the call: a 50 MB export is never held as text and objects at the same time after it.
 */
export function readJsonFile(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const problem = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : (error as Error).message;
        throw new PlanInputError(`${file}: ${problem}.`);
    }
    if (text.trim() === "") throw new InputFileError(file, "$", "the file is empty; expected the JSON of `pulumi stack export` or `pulumi preview --json`.");
    // A byte-order mark (PowerShell's `>` writes one) is not JSON.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
        return JSON.parse(text);
    } catch {
        const offset = syntaxErrorOffset(text);
        const truncated = offset >= text.trimEnd().length;
        const where = pathAtOffset(text, offset);
        if (truncated) throw new InputFileError(file, where, "the JSON ends early (the file is truncated); export it again.");
        // Only the offending character is quoted: the text around it may be a secret's ciphertext.
        throw new InputFileError(file, where, `not valid JSON at ${lineAndColumn(text, offset)}: unexpected ${JSON.stringify(text[offset])}.`);
    }
}
