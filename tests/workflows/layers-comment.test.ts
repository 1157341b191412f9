import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMENT_LIMIT, LAYERS_COMMENT_MARKER, layersComment, parsePlanArgument } from "../../tools/ci/layers-comment";

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "tools", "ci", "layers-comment.ts");

const devPlan = "<!-- bulwark-plan -->\n## Stack set: 4 stacks, no cross-stack errors\n\n**Deploy order:** `organization/bulwark/dev-baseline` → `organization/bulwark/dev-app`\n";
const prodPlan = "<!-- bulwark-plan -->\n## Stack set: 4 stacks, 1 cross-stack error\n\n- `organization/bulwark/prod-app` reads `vpcId`, which no stack exports\n";

describe("tools/ci/layers-comment.ts: the layers workflow's PR comment", () => {
    it("opens with its marker and holds both environments' plans, each under its verdict", () => {
        const body = layersComment([
            { environment: "dev", exitCode: 0, markdown: devPlan },
            { environment: "prod", exitCode: 1, markdown: prodPlan },
        ]);
        assert.ok(body.startsWith(`${LAYERS_COMMENT_MARKER}\n`), body);
        assert.ok(body.includes("organization/bulwark/dev-baseline` → `organization/bulwark/dev-app"), "dev's plan");
        assert.ok(body.includes("`organization/bulwark/prod-app` reads `vpcId`, which no stack exports"), "prod's plan");
        assert.match(body, /\| dev \| `layers\/dev\.yaml` \| ✅ clean \(exit 0\) \|/);
        assert.match(body, /\| prod \| `layers\/prod\.yaml` \| ❌ [^|]+ \(exit 1\) \|/);
        // The failing environment is unfolded; the clean one folded.
        assert.match(body, /<details><summary><b>dev<\/b><\/summary>/);
        assert.match(body, /<details open><summary><b>prod<\/b><\/summary>/);
        assert.ok(body.indexOf("dev-baseline") < body.indexOf("prod-app"), "environments in the order given");
        // Only the layers marker: the single-stack plan's would make this comment look like ci.yml's.
        assert.ok(!body.includes("<!-- bulwark-plan -->"), body);
    });

    it("says when a plan wrote no markdown instead of leaving the environment out", () => {
        const body = layersComment([
            { environment: "dev", exitCode: 2 },
            { environment: "prod", exitCode: 0, markdown: prodPlan },
        ]);
        assert.match(body, /<details open><summary><b>dev<\/b><\/summary>\n\n_No plan was written; the job log says why\._/);
        assert.match(body, /\| dev \| [^\n]+ \(exit 2\) \|/);
    });

    it("fits GitHub's comment limit, closing a code fence it cuts", () => {
        const huge = "## Stack set\n\n```mermaid\ngraph LR\n" + "  a --> b\n".repeat(20_000);
        const body = layersComment([
            { environment: "dev", exitCode: 0, markdown: huge },
            { environment: "prod", exitCode: 0, markdown: huge },
        ]);
        assert.ok(body.length <= COMMENT_LIMIT, `${body.length} characters`);
        assert.strictEqual((body.match(/^```/gm) ?? []).length % 2, 0, "fences balanced");
        assert.strictEqual((body.match(/truncated to fit a PR comment/g) ?? []).length, 2);
    });

    it("reads <environment>:<exit code>:<file> arguments, rejecting others in one line", () => {
        assert.deepStrictEqual(parsePlanArgument("prod:1:out/prod.md"), { environment: "prod", exitCode: 1, file: "out/prod.md" });
        assert.throws(() => parsePlanArgument("dev.md"), /^Error: layers-comment: argument "dev\.md" is not <environment>:<exit code>:<markdown file>, e\.g\. dev:0:dev\.md$/);
    });

    it("as the workflow runs it: writes the body from the files, exit 2 and one line on a bad argument", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-comment-"));
        fs.writeFileSync(path.join(dir, "dev.md"), devPlan);
        const run = (...args: string[]) => spawnSync(path.join(ROOT, "node_modules", ".bin", "ts-node"), ["--transpile-only", SCRIPT, ...args], { cwd: dir, encoding: "utf8" });
        const ok = run("dev:0:dev.md", "prod:2:prod.md");
        assert.strictEqual(ok.status, 0, ok.stderr);
        assert.strictEqual(ok.stdout, layersComment([{ environment: "dev", exitCode: 0, markdown: devPlan }, { environment: "prod", exitCode: 2 }]));
        const bad = run("dev");
        assert.strictEqual(bad.status, 2);
        assert.strictEqual(bad.stdout, "");
        assert.strictEqual(bad.stderr.trim().split("\n").length, 1, bad.stderr);
    });
});
