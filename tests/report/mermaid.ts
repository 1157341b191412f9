/**
 * Parses a Mermaid diagram with Mermaid's own parser (the one GitHub's renderer runs). Mermaid is
 * ESM-only, so it is loaded with an `import()` that TypeScript's CommonJS output leaves alone.
 * Parsing sanitises labels with DOMPurify, which is inert without a browser DOM; parsing needs only
 * its calls to exist, so they are stubbed as identity (rendering, which would need them, is not
 * done here).
 */
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

let mermaid: Promise<any> | undefined;

async function loadMermaid(): Promise<any> {
    // dompurify is mermaid's own dependency; the stub must be on the instance mermaid imports.
    const purify = (await importEsm("dompurify")).default;
    Object.assign(purify, { addHook() {}, removeHook() {}, removeAllHooks() {}, sanitize: (text: string) => text });
    return (await importEsm("mermaid")).default;
}

/** Resolves to the diagram type; rejects with Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<string> {
    mermaid ??= loadMermaid();
    const result = await (await mermaid).parse(text);
    return result.diagramType;
}

/** The bodies of the ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}
