/**
 * Small, pure field rules. Each rule turns a raw config value into a typed one or says what was
 * wrong in words that follow "it must be", so every message has the same shape.
 */

export type Parsed<T> =
    | { readonly ok: true; readonly value: T }
    | {
          readonly ok: false;
          /** Where inside the field the problem is, e.g. "[2]" for a list item. */
          readonly at?: string;
          /** The offending part when it is not the whole value. */
          readonly value?: unknown;
          /** Overrides the rule's own description when a specific reason is clearer. */
          readonly allowed?: string;
          /** A CLI value that fixes this problem, when the rule knows a better one than the default. */
          readonly example?: string;
          /** Values to set (path suffix, CLI value) that fix it, when not the single value at `at`. */
          readonly fixSets?: readonly (readonly [at: string, value: string])[];
          /** The fix is to remove the value at `at` (a repeated list item). */
          readonly fixRemove?: boolean;
      };

export interface Rule<T> {
    /** What the field accepts, phrased to follow "it must be". */
    readonly allowed: string;
    /** A valid value as typed on the command line, used in fixes when no default applies. */
    readonly example: string;
    parse(value: unknown): Parsed<T>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(extra: Omit<Extract<Parsed<T>, { ok: false }>, "ok"> = {}): Parsed<T> => ({ ok: false, ...extra });

/** Numbers may arrive as strings from older `pulumi config set --path` runs or quoted YAML. */
function toNumber(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) {
        return Number(value);
    }
    return undefined;
}

export function integer(min: number, max?: number): Rule<number> {
    const allowed = max === undefined ? `an integer of at least ${min}` : `an integer between ${min} and ${max}`;
    return {
        allowed,
        example: String(min),
        parse(value) {
            const n = toNumber(value);
            return n !== undefined && Number.isInteger(n) && n >= min && (max === undefined || n <= max) ? ok(n) : bad();
        },
    };
}

export function decimal(min: number, max: number, options: { minExclusive?: boolean } = {}): Rule<number> {
    const allowed = options.minExclusive
        ? `a number above ${min} and at most ${max}`
        : `a number between ${min} and ${max}`;
    return {
        allowed,
        example: String(max),
        parse(value) {
            const n = toNumber(value);
            const aboveMin = n !== undefined && (options.minExclusive ? n > min : n >= min);
            return n !== undefined && aboveMin && n <= max ? ok(n) : bad();
        },
    };
}

export function boolean(): Rule<boolean> {
    return {
        allowed: "true or false",
        example: "true",
        parse(value) {
            if (value === true || value === "true") {
                return ok(true);
            }
            return value === false || value === "false" ? ok(false) : bad();
        },
    };
}

function describeChoices(choices: readonly (string | number)[]): string {
    return choices.map((choice) => (typeof choice === "string" ? `"${choice}"` : String(choice))).join(", ");
}

export function oneOf<const T extends string>(choices: readonly T[]): Rule<T> {
    return {
        allowed: `one of ${describeChoices(choices)}`,
        example: choices[0],
        parse(value) {
            return typeof value === "string" && (choices as readonly string[]).includes(value) ? ok(value as T) : bad();
        },
    };
}

export function oneOfNumbers<const T extends number>(choices: readonly T[], what: string): Rule<T> {
    return {
        allowed: `one of ${what}: ${describeChoices(choices)}`,
        example: String(choices[0]),
        parse(value) {
            const n = toNumber(value);
            return n !== undefined && (choices as readonly number[]).includes(n) ? ok(n as T) : bad();
        },
    };
}

/** A string checked by `check`, which returns a specific reason or undefined when the string is fine. */
export function text(allowed: string, example: string, check: (value: string) => string | undefined): Rule<string> {
    return {
        allowed,
        example,
        parse(value) {
            if (typeof value !== "string") {
                return bad();
            }
            const reason = check(value);
            return reason === undefined ? ok(value) : bad({ allowed: reason });
        },
    };
}

export function matching(pattern: RegExp, allowed: string, example: string): Rule<string> {
    return text(allowed, example, (value) => (pattern.test(value) ? undefined : allowed));
}

/** Lambda version numbers: `pulumi config set --path` stores 7 as a number, quoted YAML as a string. */
export function versionNumber(): Rule<string> {
    return {
        allowed: "a published Lambda version number such as 7",
        example: "7",
        parse(value) {
            const n = toNumber(value);
            return n !== undefined && Number.isInteger(n) && n >= 1 ? ok(String(n)) : bad();
        },
    };
}

/** Accepts undefined or null (null in a stack file clears a profile default) as "not set". */
export function optional<T>(rule: Rule<T>): Rule<T | undefined> {
    return {
        allowed: `${rule.allowed}, or not set`,
        example: rule.example,
        parse(value) {
            return value === undefined || value === null ? ok(undefined) : rule.parse(value);
        },
    };
}

export function listOf<T>(
    item: Rule<T>,
    options: { noun: string; minItems?: number; exampleAt?: (index: number) => string },
): Rule<readonly T[]> {
    const minItems = options.minItems ?? 0;
    const exampleAt = options.exampleAt ?? (() => item.example);
    const size = minItems > 0 ? `at least ${minItems} ` : "";
    const allowed = `a list of ${size}distinct ${options.noun}, each ${item.allowed}`;
    const setItems = (from: number, to: number): [string, string][] =>
        Array.from({ length: Math.max(to - from, 1) }, (_, i) => [`[${from + i}]`, exampleAt(from + i)]);
    return {
        allowed,
        example: item.example,
        parse(value) {
            if (!Array.isArray(value)) {
                return bad({ fixSets: setItems(0, minItems) });
            }
            const items: T[] = [];
            for (const [index, raw] of value.entries()) {
                const parsed = item.parse(raw);
                if (!parsed.ok) {
                    return bad({
                        at: `[${index}]`, value: raw, allowed: parsed.allowed ?? item.allowed, example: exampleAt(index),
                    });
                }
                const key = typeof parsed.value === "string" ? parsed.value.toLowerCase() : parsed.value;
                if (items.some((seen) => (typeof seen === "string" ? seen.toLowerCase() : seen) === key)) {
                    return bad({ at: `[${index}]`, value: raw, allowed: `not a repeat: ${allowed}`, fixRemove: true });
                }
                items.push(parsed.value);
            }
            if (items.length < minItems) {
                return bad({ fixSets: setItems(items.length, minItems) });
            }
            return ok(items);
        },
    };
}

/** Edit distance, for "did you mean" suggestions on misspelt keys. */
export function editDistance(a: string, b: string): number {
    const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j];
            const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
            previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
            diagonal = above;
        }
    }
    return previous[b.length];
}

/** The closest known key, if it is close enough to be a likely typo. */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const distance = editDistance(unknown, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const tolerance = Math.max(2, Math.floor(unknown.length / 3));
    return bestDistance <= tolerance ? best : undefined;
}
