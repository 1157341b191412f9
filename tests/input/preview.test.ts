import * as assert from "assert";
import type { Policies } from "@pulumi/policy";
import { runPlanCli } from "../helpers/plan-cli";
import { loadInput } from "../../tools/input";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../../tools/engine/recorder";
import { evaluate } from "../../tools/policy/evaluate";
import { fixture, tempFile, YAML_PREVIEW } from "./helpers";

async function previewJson(file = YAML_PREVIEW): Promise<{ code: number; report: any }> {
    const { code, out, err } = await runPlanCli(["--from-preview", file, "--format", "json"]);
    assert.ok(out !== "", `no report: ${err}`);
    return { code, report: JSON.parse(out) };
}

const stepOf = (report: any, policy: string, name: string) => report.violations.find((v: any) => v.policy === policy && v.name === name)?.step;

describe("plan --from-preview: a YAML program's pulumi preview --json", () => {
    it("says for each finding whether the step creates, updates, replaces or leaves the resource", async () => {
        const { code, report } = await previewJson();
        assert.strictEqual(code, 1);
        assert.strictEqual(stepOf(report, "ec2-security-group-disallow-public-ingress", "web"), "update");
        assert.strictEqual(stepOf(report, "iam-disallow-wildcard-actions", "fn-s3"), "same", "a resource the preview leaves as it is is judged too");
        assert.strictEqual(stepOf(report, "lambda-function-enable-environment-encryption", "handler"), "create");
        assert.strictEqual(stepOf(report, "rds-enable-storage-encryption", "db"), "replace", "create-replacement, replace and delete-replaced are one replacement");
        assert.ok(report.violations.every((v: any) => "step" in v));
        assert.deepStrictEqual(report.input.steps, { same: 4, create: 4, update: 1, replace: 1 });
    });

    it("judges the update's new inputs, not the old state", async () => {
        const doc = fixture(YAML_PREVIEW);
        const update = doc.steps.find((s: any) => s.op === "update");
        update.newState.inputs.ingress = update.oldState.inputs.ingress;
        const { report } = await previewJson(tempFile(doc));
        assert.strictEqual(stepOf(report, "ec2-security-group-disallow-public-ingress", "web"), undefined);
    });

    it("does not judge resources the preview deletes or only reads", async () => {
        const { report } = await previewJson();
        const names = report.resources.map((r: { name: string }) => r.name);
        assert.ok(!names.includes("old-jobs"));
        assert.ok(!names.includes("default"));
        assert.strictEqual(report.resources.filter((r: { name: string }) => r.name === "db").length, 1);
        assert.deepStrictEqual(report.input.skipped.map((s: { reason: string }) => s.reason), ["read with get(), not managed by this stack", "leaves the stack (delete)"]);
    });

    it("says the step in the text, markdown and SARIF reports", async () => {
        const text = (await runPlanCli(["--from-preview", YAML_PREVIEW])).out;
        assert.match(text, /^Plan of stack "staging" \(.*yaml-preview\.json\), preview$/m);
        assert.match(text, /^ {2}mandatory {2}ec2-security-group-disallow-public-ingress {2}\(would be updated\)$/m);
        assert.match(text, /^ {2}mandatory {2}iam-disallow-wildcard-actions {2}\(unchanged\)$/m);
        assert.match(text, /^Judged from a pulumi preview --json file \(.*yaml-preview\.json\)\.\n {2}steps judged: 4 same, 4 create, 1 update, 1 replace\n {2}not judged: urn:pulumi:staging::yaml-api::aws:ec2\/vpc:Vpc::default \(read with get\(\), not managed by this stack\)\n {2}not judged: urn:pulumi:staging::yaml-api::aws:sqs\/queue:Queue::old-jobs \(leaves the stack \(delete\)\)$/m);
        const markdown = (await runPlanCli(["--from-preview", YAML_PREVIEW, "--format", "markdown"])).out;
        assert.match(markdown, /`aws:ec2:SecurityGroup web` \(would be updated\)/);
        const sarif = JSON.parse((await runPlanCli(["--from-preview", YAML_PREVIEW, "--format", "sarif"])).out);
        const result = sarif.runs[0].results.find((r: any) => r.ruleId === "ec2-security-group-disallow-public-ingress");
        assert.strictEqual(result.properties.step, "update");
    });

    it("hands policies unknowns as the engine's sentinel and a blinded secret as a secret of unknown value", () => {
        const { run } = loadInput(YAML_PREVIEW, "preview");
        assert.strictEqual(run.preview, true);
        const vpc = run.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
        assert.strictEqual(vpc.outputs.id, UNKNOWN);
        const fn = run.resources.find((r) => r.name === "handler")!;
        assert.deepStrictEqual((fn.inputs.environment as any).variables.DB_PASSWORD, { [SPECIAL_SIG_KEY]: SECRET_SIG, value: UNKNOWN });
        assert.strictEqual((fn.inputs.environment as any).variables.STAGE, "staging");
        // A resource reference whose ID is not known yet is unknown too.
        assert.strictEqual(run.resources.find((r) => r.type === "awsx:ec2:Vpc")!.outputs.vpc, UNKNOWN);
    });

    it("gives a policy that reads an unknown the engine's 'can't run during preview' note, with both engines", async () => {
        const readsArn: Policies = [
            {
                name: "vpc-reads-arn",
                description: "Reads the VPC's ARN.",
                enforcementLevel: "mandatory",
                validateStack: (args, report) => {
                    for (const r of args.resources) if (r.type === "aws:ec2/vpc:Vpc" && String(r.props.arn).length < 10) report("short ARN");
                },
            },
        ];
        for (const engine of ["shared", "crossguard"] as const) {
            const { run } = loadInput(YAML_PREVIEW, "preview");
            const { violations, notes } = await evaluate(run, { policies: readsArn, engine, packName: "test", packVersion: "0.0.1" });
            assert.deepStrictEqual(violations, [], engine);
            assert.strictEqual(notes.length, 1, engine);
            assert.match(notes[0].message, /^can't run policy 'vpc-reads-arn' from policy pack 'test@v0\.0\.1' during preview: string value at \.arn can't be known during preview/);
        }
    });

    it("takes the region from the default provider and the explicit provider's for its resources", () => {
        const { run } = loadInput(YAML_PREVIEW, "preview");
        assert.strictEqual(run.region, "us-east-1");
        const fn = run.resources.find((r) => r.name === "handler")!;
        assert.strictEqual(fn.provider, "urn:pulumi:staging::yaml-api::pulumi:providers:aws::west::04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        assert.strictEqual(run.resources.find((r) => r.urn === "urn:pulumi:staging::yaml-api::pulumi:providers:aws::west")!.inputs.region, "us-west-2");
    });

    it("falls back to the preview's aws:region config when no default provider is in it", () => {
        const doc = fixture(YAML_PREVIEW);
        doc.steps = doc.steps.filter((s: any) => !s.urn.endsWith("::default_7_48_0"));
        doc.config["aws:region"] = "eu-central-1";
        assert.strictEqual(loadInput(tempFile(doc), "preview").run.region, "eu-central-1");
    });
});
