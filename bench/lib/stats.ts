/** Small statistics and formatting shared by the bench scripts. */

export function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function verdict(pass: boolean, text: string): string {
    return `${pass ? "PASS" : "MISS"}  ${text}`;
}

export function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(2)} s`;
}

/** Reads `--name value` from argv as a positive integer, or the default. */
export function intFlag(argv: string[], name: string, fallback: number): number {
    const index = argv.indexOf(`--${name}`);
    if (index === -1) return fallback;
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer, got "${argv[index + 1]}"`);
    return value;
}
