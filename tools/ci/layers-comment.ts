/**
 * The body of the layers workflow's sticky PR comment (.github/workflows/layers.yml): the set plan of
 * each environment (`npm run plan -- --stacks layers/<env>.yaml --format markdown`) under one verdict
 * table, so a reviewer sees dev and prod together.
 *
 *   ts-node --transpile-only tools/ci/layers-comment.ts dev:0:dev.md prod:1:prod.md > comment.md
 *
 * Each argument is `<environment>:<the plan's exit code>:<its markdown file>`; a file the plan did not
 * write (exit 2 before it rendered) is reported as missing rather than failing the comment.
 */
import * as fs from "fs";

/** Finds the workflow's own comment among the PR's comments, whatever posts it. */
export const LAYERS_COMMENT_MARKER = "<!-- bulwark-layers -->";

/** GitHub rejects an issue comment body over 65536 characters; keep room for the frame around the plans. */
export const COMMENT_LIMIT = 65_000;

export interface EnvironmentPlan {
    environment: string;
    /** The plan's exit code: 0 clean, 1 a mandatory finding or a set error, 2 a usage, config or program error. */
    exitCode: number;
    /** The plan's markdown; undefined when the plan wrote none. */
    markdown?: string;
}

const VERDICTS: Record<number, string> = {
    0: "✅ clean",
    1: "❌ a mandatory finding, readiness error or cross-stack error",
    2: "⚠️ a usage, config or program error (see the job log)",
};

/** The plan's markdown opens with the single-stack comment's marker; one comment must not carry both. */
function withoutPlanMarker(markdown: string): string {
    return markdown.replace(/^<!-- bulwark-plan -->\r?\n/, "").trim();
}

function truncated(markdown: string, budget: number): string {
    if (markdown.length <= budget) return markdown;
    const note = "\n\n… truncated to fit a PR comment: the full plan is in the run's summary.";
    // An unclosed code fence would swallow the rest of the comment; close it.
    const cut = markdown.slice(0, Math.max(0, budget - note.length - 5));
    const fences = (cut.match(/^```/gm) ?? []).length;
    return cut + (fences % 2 === 1 ? "\n```" : "") + note;
}

export function layersComment(plans: EnvironmentPlan[]): string {
    const header = [
        LAYERS_COMMENT_MARKER,
        "## Bulwark's layers: the set plans",
        "",
        "| environment | set file | verdict |",
        "| --- | --- | --- |",
        ...plans.map((p) => `| ${p.environment} | \`layers/${p.environment}.yaml\` | ${VERDICTS[p.exitCode] ?? `exit ${p.exitCode}`} (exit ${p.exitCode}) |`),
        "",
    ].join("\n");
    const budget = Math.floor((COMMENT_LIMIT - header.length) / Math.max(1, plans.length)) - 100;
    const sections = plans.map((p) => {
        const body = p.markdown === undefined ? "_No plan was written; the job log says why._" : truncated(withoutPlanMarker(p.markdown), budget);
        // Blank lines around the body: GitHub renders markdown inside <details> only when set apart.
        return [`<details${p.exitCode === 0 ? "" : " open"}><summary><b>${p.environment}</b></summary>`, "", body, "", "</details>"].join("\n");
    });
    return [header, ...sections].join("\n") + "\n";
}

/** One `<environment>:<exit code>:<file>` argument; a malformed one is a one-line usage error. */
export function parsePlanArgument(argument: string): { environment: string; exitCode: number; file: string } {
    const match = /^([a-z0-9-]+):(\d+):(.+)$/.exec(argument);
    if (!match) {
        throw new Error(`layers-comment: argument "${argument}" is not <environment>:<exit code>:<markdown file>, e.g. dev:0:dev.md`);
    }
    return { environment: match[1], exitCode: Number(match[2]), file: match[3] };
}

function main(argv: string[]): number {
    try {
        if (argv.length === 0) throw new Error("layers-comment: no plans given; pass <environment>:<exit code>:<markdown file>, e.g. dev:0:dev.md prod:0:prod.md");
        const plans = argv.map(parsePlanArgument).map(({ environment, exitCode, file }) => ({
            environment,
            exitCode,
            markdown: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined,
        }));
        process.stdout.write(layersComment(plans));
        return 0;
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
