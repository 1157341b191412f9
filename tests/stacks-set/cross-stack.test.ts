/**
 * What only the joined set shows: the four-layer fixture's "cross" stacks break two rules across
 * layers (flow logs in the network stack encrypted with the baseline's key, whose policy leaves
 * CloudWatch Logs out; a function in the app stack calling DynamoDB from the network stack's subnets,
 * which have no NAT route and no endpoint). The "dev" stacks fix both and must stay clean.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanCli } from "../helpers/plan-cli";
import { planSet, SetPlan } from "../../tools/stacks-set/plan-set";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);

describe("plan --stacks: policies and readiness checks across the set", function () {
    this.timeout(300_000);
    let cross: SetPlan;
    before(async () => {
        cross = await planSet(fixture("cross.yaml"), {});
    });

    it("reports a key policy in one stack that a log group in another cannot use, naming both stacks", () => {
        const violation = cross.set.crossStack.violations.find((v) => v.policy === "kms-key-require-service-access");
        assert.ok(violation, JSON.stringify(cross.set.crossStack));
        assert.strictEqual(violation.name, "flow-logs");
        assert.strictEqual(violation.level, "mandatory");
        assert.deepStrictEqual(violation.stacks, ["acme/network/cross", "acme/baseline/cross"]);
        const readiness = cross.set.crossStack.readiness.find((f) => f.check === "kms-key-access");
        assert.strictEqual(readiness?.severity, "error");
        assert.strictEqual(readiness?.stack, "acme/network/cross");
    });

    it("reports a function whose subnets in another stack have no way to the AWS API it calls", () => {
        const egress = cross.set.crossStack.readiness.find((f) => f.check === "function-egress-path");
        assert.ok(egress);
        assert.strictEqual(egress.name, "orders");
        assert.strictEqual(egress.stack, "acme/app/cross");
        assert.ok(egress.stacks.includes("acme/network/cross"), egress.stacks.join(", "));
        assert.match(egress.message, /neither a NAT route nor a dynamodb VPC endpoint/);
        assert.ok(cross.set.crossStack.violations.some((v) => v.policy === "lambda-function-require-network-egress" && v.name === "orders"));
    });

    it("reports only what no stack found alone: each stack on its own is silent about these", () => {
        for (const plan of cross.checked) {
            assert.deepStrictEqual(plan.report.readiness.filter((f) => ["kms-key-access", "function-egress-path"].includes(f.check)), [], plan.run.project);
            assert.deepStrictEqual(plan.report.violations.filter((v) => ["kms-key-require-service-access", "lambda-function-require-network-egress"].includes(v.policy)), [], plan.run.project);
        }
        assert.strictEqual(cross.set.summary.crossStackFindings, cross.set.crossStack.violations.length + cross.set.crossStack.readiness.length);
    });

    it("blocks the set (exit 1) on a mandatory cross-stack finding, and passes the fixed set (exit 0) with nothing across stacks", async () => {
        const blocked = await runPlanCli(["--stacks", fixture("cross.yaml"), "--format", "json"]);
        assert.strictEqual(blocked.code, 1, blocked.err);
        const fixed = await runPlanCli(["--stacks", fixture("layered.yaml"), "--format", "json"]);
        assert.strictEqual(fixed.code, 0, fixed.err);
        assert.deepStrictEqual(JSON.parse(fixed.out).set.crossStack, { judged: true, violations: [], readiness: [] });
        const text = await runPlanCli(["--stacks", fixture("cross.yaml")]);
        assert.match(text.out, /Found only with the stacks joined[^\n]*\n {2}mandatory kms-key-require-service-access on flow-logs \(acme\/network\/cross, acme\/baseline\/cross\)/);
        assert.match(text.out, /BLOCKED: 0 cycle\(s\), 0 missing output\(s\), 0 output\(s\) read as the wrong type, 0 destroyed stack\(s\) still read, 0 replaced resource\(s\) still read, 2 cross-stack finding\(s\) that block/);
    });

    it("does not judge across stacks in a preview, where the producers' ids are unknown, and says so", async () => {
        const preview = await planSet(fixture("cross.yaml"), { preview: true });
        assert.strictEqual(preview.set.crossStack.judged, false);
        assert.match(preview.set.crossStack.reason ?? "", /ids and ARNs are unknown/);
        assert.deepStrictEqual(preview.set.crossStack.violations, []);
    });
});

describe("plan --stacks: outputs read under the wrong type", function () {
    this.timeout(300_000);
    it("reports a list output wrapped in another list where the input takes strings, and blocks (exit 1)", async () => {
        const plan = await planSet(fixture("wrongtype.yaml"), {});
        assert.deepStrictEqual(plan.set.typeMismatches, [{
            consumer: "acme/app/wrongtype",
            producers: ["acme/network/wrongtype"],
            resource: "orders",
            type: "aws:lambda/function:Function",
            property: "vpcConfig.subnetIds[0]",
            expected: "a string",
            got: "a list",
        }]);
        assert.strictEqual(plan.set.summary.typeMismatches, 1);
        const cli = await runPlanCli(["--stacks", fixture("wrongtype.yaml")]);
        assert.strictEqual(cli.code, 1);
        assert.match(cli.out, /ERROR acme\/app\/wrongtype passes acme\/network\/wrongtype's output to vpcConfig\.subnetIds\[0\] of orders \(aws:lambda\/function:Function\) as a list, where it takes a string/);
    });

    it("finds nothing where the shapes agree: the dev set's lists, strings and ARNs", async () => {
        const plan = await planSet(fixture("layered.yaml"), {});
        assert.deepStrictEqual(plan.set.typeMismatches, []);
    });
});

describe("plan --stacks: a stack destroyed while another still reads it", function () {
    this.timeout(300_000);
    it("names the destroyed stack, each reader and the outputs it reads, and blocks (exit 1)", async () => {
        const plan = await planSet(fixture("destroy.yaml"), {});
        assert.deepStrictEqual(plan.set.referencedWhileDestroyed, [{
            stack: "acme/network/dev",
            readers: [{ consumer: "acme/data/dev", outputs: ["vpcId"] }, { consumer: "acme/app/dev", outputs: ["privateSubnetIds"] }],
        }]);
        assert.strictEqual(plan.set.stacks.find((s) => s.name === "acme/network/dev")?.destroy, true);
        const cli = await runPlanCli(["--stacks", fixture("destroy.yaml")]);
        assert.strictEqual(cli.code, 1);
        assert.match(cli.out, /ERROR acme\/network\/dev is to be destroyed but acme\/data\/dev \(vpcId\), acme\/app\/dev \(privateSubnetIds\) still read it/);
    });

    it("accepts destroying a stack together with everything that reads it, and rejects a destroy that is not true or false", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "destroy-set-"));
        const entry = (layer: string, destroy?: unknown) => ({ name: `acme/${layer}/dev`, program: fixture(`layered/${layer}`), ...(destroy === undefined ? {} : { destroy }) });
        const whole = path.join(dir, "whole.json");
        fs.writeFileSync(whole, JSON.stringify({ stacks: [entry("baseline"), entry("network", true), entry("data", true), entry("app", true)] }));
        assert.deepStrictEqual((await planSet(whole, {})).set.referencedWhileDestroyed, []);
        const bad = path.join(dir, "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ stacks: [entry("baseline", "yes")] }));
        await assert.rejects(planSet(bad, {}), /stacks\[0\]\.destroy is "yes": give true when this change destroys the stack, or leave it out/);
    });
});

describe("plan --stacks <directory of projects>", function () {
    this.timeout(300_000);
    it("plans each project's stack named by --stack, in the --org the programs name, as the set file does", async () => {
        const fromDirectory = await planSet(fixture("layered"), { stack: "dev", organization: "acme" });
        const fromFile = await planSet(fixture("layered.yaml"), {});
        assert.deepStrictEqual(fromDirectory.set.deployOrder, fromFile.set.deployOrder);
        const edges = (plan: SetPlan) => plan.set.graph.map((e) => JSON.stringify(e)).sort();
        assert.deepStrictEqual(edges(fromDirectory), edges(fromFile));
        const cli = await runPlanCli(["--stacks", fixture("layered"), "--stack", "dev", "--org", "acme", "--format", "json"]);
        assert.strictEqual(cli.code, 0, cli.err);
    });

    it("says what to fix for a folder without projects or without the stack asked for", async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-projects-"));
        await assert.rejects(planSet(empty, {}), /no Pulumi\.yaml in it or the 3 levels below: give a folder of Pulumi projects, or a set file/);
        await assert.rejects(planSet(fixture("layered"), { stack: "staging" }), /none of its 4 project\(s\) has a Pulumi\.staging\.yaml stack file/);
        const bad = await runPlanCli(["--stacks", fixture("layered.yaml"), "--stack", "dev"]);
        assert.strictEqual(bad.code, 2);
        assert.match(bad.err, /drop --stack/);
    });
});

describe("plan --stacks: a resource replaced while another stack still uses it (state:)", function () {
    this.timeout(300_000);
    it("names each deployed resource the change deletes whose id a reader holds, and blocks (exit 1)", async () => {
        const plan = await planSet(fixture("replaced.yaml"), {});
        assert.deepStrictEqual(
            plan.set.replacedWhileRead.map((r) => [r.stack, r.resource, r.type, r.output, r.readers]),
            ["private-us-west-2a", "private-us-west-2b"].map((name) => ["acme/network/replaced", name, "aws:ec2/subnet:Subnet", "privateSubnetIds", ["acme/app/replaced"]]),
        );
        // The VPC is deployed and planned alike: read by data and app (vpcId), it is not reported.
        assert.ok(!plan.set.replacedWhileRead.some((r) => r.output === "vpcId"));
        const cli = await runPlanCli(["--stacks", fixture("replaced.yaml")]);
        assert.strictEqual(cli.code, 1);
        assert.match(cli.out, /ERROR private-us-west-2a \(aws:ec2\/subnet:Subnet\) of acme\/network\/replaced, whose id is in its output "privateSubnetIds", is gone from the plan/);
    });

    it("refuses a state file that is not there, naming the command that writes one", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "state-set-"));
        const entry = (layer: string, extra: object = {}) => ({ name: `acme/${layer}/replaced`, program: fixture(`layered/${layer}`), ...extra });
        const missing = path.join(dir, "missing.json");
        fs.writeFileSync(missing, JSON.stringify({ stacks: [{ ...entry("network"), state: "./nope.json" }] }));
        await assert.rejects(planSet(missing, {}), /stacks\[0\]\.state is "\.\/nope\.json": give the stack's `pulumi stack export` file/);
    });
});
