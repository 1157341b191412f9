/**
 * Colour for the terminal report. The text is complete without colour (every severity is spelled
 * out), so colour only adds emphasis: on when writing to a terminal, off in files and pipes.
 * FORCE_COLOR (not "0"/"false") forces it on and wins over NO_COLOR, as in Node itself; a non-empty
 * NO_COLOR turns it off (https://no-color.org).
 */

export interface ColourEnv {
    NO_COLOR?: string;
    FORCE_COLOR?: string;
}

export function colourEnabled(stream: { isTTY?: boolean }, env: ColourEnv = process.env): boolean {
    if (env.FORCE_COLOR !== undefined) return !["0", "false"].includes(env.FORCE_COLOR.trim().toLowerCase());
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
    return stream.isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

export function paint(text: string, ...styles: Style[]): string {
    if (styles.length === 0 || text === "") return text;
    return `\u001b[${styles.map((s) => CODES[s]).join(";")}m${text}\u001b[0m`;
}

/** Lines of the plan's text report and the emphasis each gets; the first match wins. */
const LINE_STYLES: [RegExp, Style[]][] = [
    [/^ {2}mandatory\s/, ["red", "bold"]],
    [/^ {2}advisory\s/, ["yellow"]],
    [/^ {2}suppressed \(/, ["dim"]],
    [/^ {2}error\s/, ["red", "bold"]],
    [/^ {2}warning\s/, ["yellow"]],
    [/^ {4}(reason|rule|fix):/, ["dim"]],
    [/BLOCKED/, ["red", "bold"]],
    [/\bOK: /, ["green", "bold"]],
    [/^(Plan of stack|Cost estimate|Cost by stack|Deploy readiness|Deploy plan|Notes)\b/, ["bold"]],
    [/^ {2}Note( \([^)]*\))?: estimate from list prices/, ["dim"]],
];

/** Colours a finished text report line by line; the words stay exactly the same. */
export function colourText(text: string): string {
    return text
        .split("\n")
        .map((line) => {
            const match = LINE_STYLES.find(([pattern]) => pattern.test(line));
            return match ? paint(line, ...match[1]) : line;
        })
        .join("\n");
}

/** Removes ANSI colour codes (for tests and for width calculations). */
export function stripColour(text: string): string {
    return text.replace(/\u001b\[[0-9;]*m/g, "");
}
