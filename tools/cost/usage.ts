import { PlanInputError } from "../engine/project";

/**
 * The traffic a month that usage-priced items are estimated for. Everything else in the estimate
 * comes from the recorded resources; this is the only guess, and `--usage` overrides it.
 */
export interface Usage {
    /** Requests a month reaching CloudFront (and, as an upper bound, the function behind it). @default 1000000 */
    requests: number;
    /** Average function duration in milliseconds. @default 50 */
    durationMs: number;
    /** Function memory in MB. @default the recorded function's memorySize (128 when none is recorded) */
    memoryMb?: number;
    /** GB a month CloudFront sends to viewers. @default 10 */
    gbOut: number;
    /** GB a month processed by managed NAT gateways (the function fetching from its upstream). @default gbOut */
    natGb?: number;
}

export const DEFAULT_USAGE: Usage = { requests: 1_000_000, durationMs: 50, gbOut: 10 };

/** No usage at all: what the stack costs when nobody calls it. */
export const IDLE_USAGE: Usage = { requests: 0, durationMs: 0, gbOut: 0, natGb: 0 };

interface KeyRule {
    min: number;
    max: number;
    /** The minimum itself is not allowed. */
    exclusiveMin?: boolean;
    integer?: boolean;
    example: string;
}

// Lambda's own limits bound duration (15 minutes) and memory (128 MB to 10,240 MB).
const KEYS: Record<keyof Usage, KeyRule> = {
    requests: { min: 0, max: 1e12, integer: true, example: "requests=1000000" },
    durationMs: { min: 0, max: 900_000, exclusiveMin: true, example: "durationMs=50" },
    memoryMb: { min: 128, max: 10_240, integer: true, example: "memoryMb=512" },
    gbOut: { min: 0, max: 1e9, example: "gbOut=10" },
    natGb: { min: 0, max: 1e9, example: "natGb=10" },
};

function describeRule(rule: KeyRule): string {
    const kind = rule.integer ? "a whole number" : "a number";
    const lower = rule.exclusiveMin ? `above ${rule.min}` : `from ${rule.min}`;
    return `${kind} ${lower} ${rule.exclusiveMin ? "and at most" : "to"} ${rule.max}`;
}

/**
 * `requests=1000000,durationMs=50,gbOut=10` into usage overrides. Every problem is one line that
 * names the key, the value and what is allowed.
 */
export function parseUsage(spec: string): Partial<Usage> {
    const usage: Partial<Usage> = {};
    const allowed = Object.keys(KEYS).join(", ");
    for (const part of spec.split(",")) {
        if (part.trim() === "") continue;
        const match = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(part);
        if (!match) throw new PlanInputError(`--usage "${part.trim()}" is not key=value: use e.g. --usage requests=1000000,durationMs=50,gbOut=10.`);
        const [, key, text] = match;
        if (!(key in KEYS)) throw new PlanInputError(`--usage key "${key}" is unknown: use one of ${allowed}.`);
        const rule = KEYS[key as keyof Usage];
        const value = text === "" ? NaN : Number(text.replace(/_/g, ""));
        const tooLow = rule.exclusiveMin ? value <= rule.min : value < rule.min;
        if (!Number.isFinite(value) || tooLow || value > rule.max || (rule.integer && !Number.isInteger(value))) {
            throw new PlanInputError(`--usage "${key}" is "${text}": it must be ${describeRule(rule)} (e.g. --usage ${rule.example}).`);
        }
        if (key in usage) throw new PlanInputError(`--usage "${key}" is given twice: give each key once.`);
        usage[key as keyof Usage] = value;
    }
    return usage;
}

export function withDefaults(overrides: Partial<Usage> = {}): Usage {
    return { ...DEFAULT_USAGE, ...overrides };
}
