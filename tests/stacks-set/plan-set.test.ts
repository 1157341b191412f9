import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanCli } from "../helpers/plan-cli";
import { planSet, plannedOutputs, SetPlan } from "../../tools/stacks-set/plan-set";
import { renderSet } from "../../tools/report/render";
import { unwrap } from "../helpers/offline";

const fixture = (...parts: string[]) => path.join(__dirname, "fixtures", ...parts);
const outcomesOf = (plan: SetPlan) => plan.checked.map((c) => ({ report: c.report, resources: c.run.resources, notes: c.evaluation.notes, preview: c.run.preview }));

describe("plan --stacks: a layered set (baseline -> network -> data -> app)", function () {
    this.timeout(180_000);
    let plan: SetPlan;

    before(async () => {
        plan = await planSet(fixture("layered.yaml"), {});
    });

    it("orders the stacks producers first whatever order the file lists them in, and destroys in reverse", () => {
        assert.deepStrictEqual(plan.set.stacks.map((s) => s.name), ["acme/app/dev", "acme/data/dev", "acme/network/dev", "acme/baseline/dev"]);
        assert.deepStrictEqual(plan.set.deployOrder, ["acme/baseline/dev", "acme/network/dev", "acme/data/dev", "acme/app/dev"]);
        assert.deepStrictEqual(plan.set.destroyOrder, ["acme/app/dev", "acme/data/dev", "acme/network/dev", "acme/baseline/dev"]);
        assert.deepStrictEqual(plan.set.reports, plan.set.deployOrder);
        assert.deepStrictEqual(plan.set.stacks[0], { name: "acme/app/dev", project: "app", stack: "dev", program: path.relative(process.cwd(), fixture("layered", "app")) });
        assert.deepStrictEqual(plan.checked.map((c) => c.run.project), ["baseline", "network", "data", "app"]);
    });

    it("records which stack reads which output of which stack, from the programs' requireOutput calls", () => {
        assert.deepStrictEqual(plan.set.graph, [
            { consumer: "acme/app/dev", producer: "acme/data/dev", outputs: ["clientSecurityGroupId", "tableArn", "tableName"] },
            { consumer: "acme/app/dev", producer: "acme/network/dev", outputs: ["privateSubnetIds"] },
            { consumer: "acme/app/dev", producer: "acme/baseline/dev", outputs: ["kmsKeyArn"] },
            { consumer: "acme/data/dev", producer: "acme/network/dev", outputs: ["vpcId"] },
            { consumer: "acme/data/dev", producer: "acme/baseline/dev", outputs: ["kmsKeyArn"] },
            { consumer: "acme/network/dev", producer: "acme/baseline/dev", outputs: ["kmsKeyArn"] },
        ]);
        assert.deepStrictEqual(plan.set.exports["acme/network/dev"], ["privateSubnetIds", "vpcId"]);
        assert.deepStrictEqual(plan.set.cycles, []);
        assert.deepStrictEqual(plan.set.missingOutputs, []);
        assert.deepStrictEqual(plan.set.notPlanned, []);
    });

    it("gives each stack the transitive consumers a change of its outputs redeploys", () => {
        assert.deepStrictEqual(plan.set.blastRadius, {
            "acme/app/dev": [],
            "acme/data/dev": ["acme/app/dev"],
            "acme/network/dev": ["acme/data/dev", "acme/app/dev"],
            "acme/baseline/dev": ["acme/network/dev", "acme/data/dev", "acme/app/dev"],
        });
    });

    it("feeds each StackReference the producer's planned outputs: the app's function sits in the network's subnets, encrypted with the baseline's key", () => {
        const [baseline, network, data, app] = plan.checked;
        const networkOutputs = plannedOutputs("acme/network/dev", network.run).outputs;
        const subnets = network.run.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").map((r) => r.id);
        assert.strictEqual(subnets.length, 2);
        assert.deepStrictEqual(networkOutputs.privateSubnetIds, subnets);
        const fn = unwrap(app.run.resources.find((r) => r.type === "aws:lambda/function:Function")!.inputs) as any;
        assert.deepStrictEqual(fn.vpcConfig.subnetIds, subnets);
        const key = baseline.run.resources.find((r) => r.type === "aws:kms/key:Key")!;
        assert.match(String(key.outputs.arn), /^arn:aws:kms:us-west-2:\d{12}:key\//);
        assert.strictEqual(fn.kmsKeyArn, key.outputs.arn);
        const group = data.run.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
        assert.deepStrictEqual(fn.vpcConfig.securityGroupIds, [group.id]);
        assert.strictEqual(unwrap(group.inputs).vpcId, networkOutputs.vpcId);
    });

    it("renders JSON as {version, stacks: [report per stack in deploy order], set}, each report as a single stack's", () => {
        const json = JSON.parse(renderSet("json", outcomesOf(plan), plan.set));
        assert.deepStrictEqual(Object.keys(json), ["version", "stacks", "set"]);
        assert.strictEqual(json.version, 1);
        assert.deepStrictEqual(json.stacks.map((r: any) => r.program), ["baseline", "network", "data", "app"].map((p) => path.relative(process.cwd(), fixture("layered", p))));
        for (const report of json.stacks) {
            assert.strictEqual(report.version, 1);
            assert.strictEqual(report.summary.mandatory, 0, JSON.stringify(report.violations));
        }
        assert.deepStrictEqual(json.set.deployOrder, plan.set.deployOrder);
    });

    it("renders markdown with a Mermaid graph from producer to consumer, labelled with the outputs, and the orders", () => {
        const markdown = renderSet("markdown", outcomesOf(plan), plan.set);
        assert.strictEqual(markdown.split("<!-- bulwark-plan -->").length, 2, "one comment marker for the set");
        assert.match(markdown, /```mermaid\ngraph LR\n/);
        assert.match(markdown, /acme_network_dev -->\|privateSubnetIds\| acme_app_dev/);
        assert.match(markdown, /acme_baseline_dev -->\|kmsKeyArn\| acme_network_dev/);
        assert.match(markdown, /\*\*Deploy order:\*\* `acme\/baseline\/dev` → `acme\/network\/dev` → `acme\/data\/dev` → `acme\/app\/dev`/);
        assert.match(markdown, /\| `acme\/network\/dev` \| `acme\/data\/dev`, `acme\/app\/dev` \|/);
        const text = renderSet("text", outcomesOf(plan), plan.set);
        assert.match(text, /Deploy order \(pulumi up\): +acme\/baseline\/dev -> acme\/network\/dev -> acme\/data\/dev -> acme\/app\/dev/);
        assert.match(text, /no cross-stack errors/);
    });
});

describe("plan --stacks: cross-stack errors", function () {
    this.timeout(180_000);

    it("a cycle across four stacks: exit 1, every edge of it with its outputs, no order, nothing planned", async () => {
        const result = await runPlanCli(["--stacks", fixture("cycle.yaml"), "--format", "json"]);
        assert.strictEqual(result.code, 1, result.err);
        const { stacks, set } = JSON.parse(result.out);
        assert.deepStrictEqual(stacks, []);
        assert.deepStrictEqual(set.deployOrder, []);
        assert.strictEqual(set.cycles.length, 1);
        const [cycle] = set.cycles;
        assert.deepStrictEqual([...cycle.stacks].sort(), ["acme/app/cycle", "acme/baseline/cycle", "acme/data/cycle", "acme/network/cycle"]);
        // The loop itself comes first, then the cycle's other edges: seven in all.
        assert.deepStrictEqual(cycle.edges.slice(0, 4), [
            { consumer: "acme/app/cycle", producer: "acme/data/cycle", outputs: ["clientSecurityGroupId", "tableArn", "tableName"] },
            { consumer: "acme/data/cycle", producer: "acme/network/cycle", outputs: ["vpcId"] },
            { consumer: "acme/network/cycle", producer: "acme/baseline/cycle", outputs: ["kmsKeyArn"] },
            { consumer: "acme/baseline/cycle", producer: "acme/app/cycle", outputs: ["functionRoleArn"] },
        ]);
        assert.strictEqual(cycle.edges.length, 7);
        assert.deepStrictEqual(set.notPlanned.map((n: any) => n.stack).sort(), [...cycle.stacks].sort());
    });

    it("a missing output: exit 1 naming consumer, producer and output with what the producer exports; the producers are still planned", async () => {
        const result = await runPlanCli(["--stacks", fixture("missing.yaml")]);
        assert.strictEqual(result.code, 1, result.err);
        assert.match(result.out, /ERROR acme\/app\/missing requires output "cacheEndpoint" of acme\/data\/missing, which does not export it: it exports clientSecurityGroupId, tableArn, tableName\./);
        assert.match(result.out, /Not planned: acme\/app\/missing: it requires "cacheEndpoint" of acme\/data\/missing/);
        assert.match(result.out, /Plan of stack "missing" \(.*layered\/data\)/);
        assert.doesNotMatch(result.out, /Plan of stack "missing" \(.*layered\/app\)/);
    });

    it("a renamed output shows as missing, with the producer's outputs and the likely new name", async () => {
        const result = await runPlanCli(["--stacks", fixture("renamed.yaml"), "--format", "json"]);
        assert.strictEqual(result.code, 1, result.err);
        const { stacks, set } = JSON.parse(result.out);
        assert.deepStrictEqual(set.missingOutputs, [
            { consumer: "acme/reports/dev", producer: "acme/network/dev", output: "subnetIds", required: true, exported: ["privateSubnetIds", "vpcId"], didYouMean: "privateSubnetIds" },
        ]);
        assert.deepStrictEqual(set.reports, ["acme/baseline/dev", "acme/network/dev"]);
        assert.strictEqual(stacks.length, 2);
    });
});

describe("plan --stacks: a getOutput of a missing name", function () {
    this.timeout(120_000);

    it("is an error, yet the consumer is still planned (it reads undefined, as pulumi up would give it)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-set-get-"));
        const project = (name: string, source: string) => {
            fs.mkdirSync(path.join(dir, name));
            fs.writeFileSync(path.join(dir, name, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
            fs.writeFileSync(path.join(dir, name, "index.ts"), source);
        };
        project("queue", 'import * as aws from "@pulumi/aws";\nconst queue = new aws.sqs.Queue("jobs");\nexport const queueUrl = queue.url;\n');
        project(
            "worker",
            'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\nconst queue = new pulumi.StackReference("acme/queue/dev");\n' +
                'new aws.ssm.Parameter("jobs", { type: "String", value: queue.requireOutput("queueUrl") as pulumi.Output<string>, description: queue.getOutput("queueArn").apply((arn) => `arn: ${arn}`) });\n',
        );
        const file = path.join(dir, "set.yaml");
        fs.writeFileSync(file, "stacks:\n  - { name: acme/worker/dev, program: ./worker }\n  - { name: acme/queue/dev, program: ./queue }\n");
        const result = await runPlanCli(["--stacks", file, "--format", "json"]);
        assert.strictEqual(result.code, 1, result.err);
        const { stacks, set } = JSON.parse(result.out);
        assert.deepStrictEqual(set.missingOutputs, [{ consumer: "acme/worker/dev", producer: "acme/queue/dev", output: "queueArn", required: false, exported: ["queueUrl"] }]);
        assert.deepStrictEqual(set.reports, ["acme/queue/dev", "acme/worker/dev"]);
        assert.deepStrictEqual(set.notPlanned, []);
        assert.strictEqual(stacks.length, 2);
    });
});

describe("plan --stacks: usage and config errors", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-set-"));
    const setFile = (name: string, text: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };
    const layered = fixture("layered");

    it("rejects a bad set file or flag in one line naming the field and the fix, exit 2", async () => {
        const cases: [string[], RegExp][] = [
            [["--stacks", fixture("layered.yaml"), "--stack", "dev"], /--stacks plans the stacks its file lists, each with its own program: drop --stack/],
            [["--stacks", setFile("empty.yaml", "stacks: []\n")], /"stacks" must be a non-empty list/],
            [["--stacks", setFile("short.yaml", `stacks: [{ name: network/dev, program: ${layered}/network }]\n`)], /stacks\[0\]\.name is "network\/dev": give the fully qualified <org>\/<project>\/<stack>/],
            [["--stacks", setFile("nowhere.json", JSON.stringify({ stacks: [{ name: "acme/network/dev", program: "./nowhere" }] }))], /stacks\[0\]\.program is "\.\/nowhere": nothing at /],
            [["--stacks", setFile("project.yaml", `stacks: [{ name: acme/net/dev, program: ${layered}/network }]\n`)], /acme\/net\/dev names project "net" but .*network is project "network" \(Pulumi\.yaml name\)/],
            [["--stacks", setFile("stack.yaml", `stacks: [{ name: acme/network/dev, program: ${layered}/network, stack: prod }]\n`)], /stacks\[0\]\.stack is "prod" but acme\/network\/dev names stack "dev"/],
            [["--stacks", setFile("twice.yaml", `stacks: [{ name: acme/network/dev, program: ${layered}/network }, { name: acme/network/dev, program: ${layered}/network }]\n`)], /acme\/network\/dev is listed twice/],
        ];
        for (const [args, pattern] of cases) {
            const result = await runPlanCli(args);
            assert.strictEqual(result.code, 2, `${args.join(" ")}: ${result.err}`);
            assert.strictEqual(result.err.trim().split("\n").length, 1, result.err);
            assert.match(result.err, pattern);
        }
    });

    it("a stack whose program fails: exit 2, one line naming the stack", async () => {
        const program = path.join(dir, "broken");
        fs.mkdirSync(program);
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: broken\nruntime: nodejs\n");
        fs.writeFileSync(path.join(program, "index.ts"), 'import * as pulumi from "@pulumi/pulumi";\nexport const bucket = new pulumi.Config().require("bucketName");\n');
        const result = await runPlanCli(["--stacks", setFile("broken.yaml", `stacks: [{ name: acme/broken/dev, program: ${program} }]\n`)]);
        assert.strictEqual(result.code, 2, result.err);
        assert.strictEqual(result.err.trim().split("\n").length, 1, result.err);
        assert.match(result.err, /^plan: acme\/broken\/dev \(.*broken\): missing config value broken:bucketName for stack dev/);
    });
});
