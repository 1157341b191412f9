const STEP_WORDS: Record<string, string> = {
    create: "would be created",
    update: "would be updated",
    replace: "would be replaced",
    same: "unchanged",
    import: "would be imported",
    refresh: "refreshed",
};

/** What a preview's step does to a violation's resource (`--from-preview`), in words; undefined otherwise. */
export function stepWords(violation: object): string | undefined {
    const step = (violation as { step?: string | null }).step;
    return step ? (STEP_WORDS[step] ?? step) : undefined;
}
