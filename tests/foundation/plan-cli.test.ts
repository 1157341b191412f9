import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../tools/plan-cli";
import { loadStackConfig, locateProgram, offlineSecret } from "../../tools/engine/project";
import { runPlanCli } from "../helpers/plan-cli";

const fixtures = path.join(__dirname, "..", "fixtures");

const plan = runPlanCli;

describe("stack config files", () => {
    it("namespaces bare keys to the project, turns structures into JSON and secure values into secrets", () => {
        const { project, config, secretKeys } = loadStackConfig(path.join(fixtures, "simple", "index.ts"), "dev", { requireStackFile: true });
        assert.strictEqual(project, "simple");
        assert.deepStrictEqual(config, {
            "aws:region": "eu-west-1",
            "simple:cidr": "10.1.0.0/16",
            "simple:settings": JSON.stringify({ logRetentionDays: 7 }),
            "simple:token": offlineSecret("simple:token"),
        });
        assert.deepStrictEqual(secretKeys, ["simple:token"]);
    });

    it("defaults the region to us-east-1 when a program has no stack file", () => {
        const { config } = loadStackConfig(project({ "index.ts": "export {};" }), "dev", { requireStackFile: false });
        assert.deepStrictEqual(config, { "aws:region": "us-east-1" });
    });

    it("refuses a stack the project has no file for when it has files for others, instead of planning without config", () => {
        const dir = project({ "Pulumi.yaml": "name: shop\nruntime: nodejs\n", "Pulumi.dev.yaml": "config:\n  shop:size: 2\n", "index.ts": "export {};" });
        assert.throws(() => loadStackConfig(dir, "prod", { requireStackFile: false }), /^PlanInputError: missing config for stack prod: there is no .*Pulumi\.prod\.yaml, though the project has Pulumi\.dev\.yaml\. Pass --stack dev, or create the stack \(pulumi stack init prod\)/);
    });

    it("applies Pulumi.yaml's config block beneath the stack's values", () => {
        const dir = project({
            "Pulumi.yaml": "name: shop\nruntime: nodejs\nconfig:\n  replicas:\n    type: integer\n    default: 2\n  aws:region: eu-west-1\n  tier: small\n",
            "Pulumi.dev.yaml": "config:\n  shop:tier: large\n",
            "index.ts": "export {};",
        });
        const { config } = loadStackConfig(dir, "dev", { requireStackFile: true });
        assert.deepStrictEqual(config, { "shop:replicas": "2", "aws:region": "eu-west-1", "shop:tier": "large" });
    });
});

/** A throwaway project outside this repository (whose own Pulumi.yaml would otherwise be found upwards). */
function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

describe("finding a program as the CLI does", () => {
    it("runs main: from Pulumi.yaml, a folder's package.json main or index", () => {
        const dir = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: src/\n", "src/index.ts": "export {};" });
        assert.deepStrictEqual(pick(locateProgram(dir)), { entry: path.join(dir, "src", "index.ts"), projectDir: dir, project: "app", esm: false });
        const withPackage = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: infra\n", "infra/package.json": `{"main": "bin/main.js"}`, "infra/bin/main.ts": "export {};" });
        assert.strictEqual(locateProgram(withPackage).entry, path.join(withPackage, "infra", "bin", "main.ts"));
        const mainFile = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: deploy.ts\n", "deploy.ts": "export {};" });
        assert.strictEqual(locateProgram(mainFile).entry, path.join(mainFile, "deploy.ts"));
    });

    it("finds Pulumi.yaml and the stack files upwards from an entry file", () => {
        const dir = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: src/\n", "Pulumi.dev.yaml": "config:\n  app:size: 3\n", "src/index.ts": "export {};" });
        const entry = path.join(dir, "src", "index.ts");
        assert.deepStrictEqual(pick(locateProgram(entry)), { entry, projectDir: dir, project: "app", esm: false });
        assert.strictEqual(loadStackConfig(entry, "dev", { requireStackFile: true }).config["app:size"], "3");
    });

    it("reads stack files from stackConfigDir when the project sets one", () => {
        const dir = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nstackConfigDir: stacks\n", "stacks/Pulumi.prod.yaml": "config:\n  aws:region: ap-south-1\n", "index.ts": "export {};" });
        assert.strictEqual(loadStackConfig(dir, "prod", { requireStackFile: true }).config["aws:region"], "ap-south-1");
    });

    it("knows an ES module program by its package.json type or its extension", () => {
        assert.strictEqual(locateProgram(project({ "Pulumi.yaml": "name: app\nruntime: nodejs\n", "package.json": `{"type": "module"}`, "index.ts": "export {};" })).esm, true);
        assert.strictEqual(locateProgram(project({ "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: index.mjs\n", "index.mjs": "export {};" })).esm, true);
    });

    for (const [why, files, message] of [
        ["main: names nothing", { "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: src/\n" }, /sets main: src\/, which does not exist/],
        ["the folder has no entry", { "Pulumi.yaml": "name: app\nruntime: nodejs\n" }, /No entry point in .*: add index.ts/],
        ["Pulumi.yaml has no name", { "Pulumi.yaml": "runtime: nodejs\n", "index.ts": "" }, /has no "name"/],
        ["the project is not Node.js", { "Pulumi.yaml": "name: app\nruntime:\n  name: python\n", "__main__.py": "" }, /the plan cannot run this program: .* has runtime: python.*pulumi preview --policy-pack policy/],
    ] as const) {
        it(`says what to fix when ${why}`, () => {
            assert.throws(() => locateProgram(project(files)), message);
        });
    }
});

function pick(location: ReturnType<typeof locateProgram>) {
    return { entry: location.entry, projectDir: location.projectDir, project: location.project, esm: location.esm };
}

describe("npm run plan", () => {
    it("prints the resource tree of a program with its stack's config", async () => {
        const { code, out } = await plan(["--stack", "dev", "--program", path.join(fixtures, "simple", "index.ts")]);
        assert.strictEqual(code, 0);
        assert.match(out, /^pulumi:pulumi:Stack simple-dev$/m);
        assert.match(out, /^├─ aws:ec2:Vpc vpc  \[\d+ violations?\]$/m);
        assert.match(out, /^└─ aws:ssm:Parameter token$/m);
        assert.match(out, /^4 resources$/m);
    });

    it("writes the resources as JSON", async () => {
        const { code, out } = await plan(["--stack", "dev", "--format", "json", "--program", path.join(fixtures, "simple", "index.ts")]);
        assert.strictEqual(code, 0);
        const report = JSON.parse(out);
        assert.strictEqual(report.version, 1);
        assert.strictEqual(report.stack, "dev");
        const vpc = report.resources.find((r: { type: string }) => r.type === "aws:ec2/vpc:Vpc");
        assert.deepStrictEqual(vpc, { urn: "urn:pulumi:dev::simple::aws:ec2/vpc:Vpc::vpc", type: "aws:ec2/vpc:Vpc", name: "vpc", parent: "urn:pulumi:dev::simple::pulumi:pulumi:Stack::simple-dev", protect: false });
    });

    for (const [why, args, message] of [
        ["an unknown flag", ["--stack", "dev", "--colour"], /Unknown argument "--colour"/],
        ["no stack", [], /--stack is required/],
        ["a bad format", ["--stack", "dev", "--format", "xml"], /--format is "xml": it must be one of/],
        ["an unknown policy engine", ["--stack", "dev", "--policy-engine", "opa"], /--policy-engine is "opa": it must be one of shared, crossguard/],
        ["a missing program", ["--stack", "dev", "--program", "nope/index.ts"], /No program at .*nope\/index.ts/],
        ["a program that throws", ["--stack", "dev", "--program", path.join(fixtures, "throws", "index.ts")], /the program failed: this program is broken on purpose/],
    ] as const) {
        it(`exits 2 with one line for ${why}`, async () => {
            const { code, err } = await plan([...args]);
            assert.strictEqual(code, 2);
            assert.match(err, message);
            assert.strictEqual(err.trim().split("\n").length, 1, `one line, got: ${err}`);
        });
    }

    for (const [why, files, message] of [
        ["a package the program imports is not installed", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "index.ts": `import * as x from "@acme/not-installed/sub";\nexport const y = x;\n` }, /^plan: the program failed: Cannot find module '@acme\/not-installed\/sub': it is not installed; run `npm install @acme\/not-installed` in \//],
        ["an ES module imports a package that is not installed", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "package.json": `{"type": "module"}`, "index.ts": `import * as x from "left-pad-nope";\nexport const y = x;\n` }, /^plan: the program failed: Cannot find package 'left-pad-nope': it is not installed; run `npm install left-pad-nope` in .* \(imported at index.ts:1\)$/m],
        ["an ES module imports a file that does not exist", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "package.json": `{"type": "module"}`, "index.ts": `import { x } from "./lib.js";\nexport const y = x;\n` }, /^plan: the program failed: Could not resolve "\.\/lib\.js" \(index.ts:1\)$/m],
        ["a required config key is missing", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "index.ts": `import * as pulumi from "@pulumi/pulumi";\nnew pulumi.Config().require("size");\n` }, /^plan: missing config value app:size for stack qa: set it with `pulumi config set app:size <value> --stack qa`/],
    ] as const) {
        it(`exits 2 with one line when ${why}`, async () => {
            const cwd = process.cwd();
            const { code, err } = await plan(["--stack", "qa", "--program", project(files)]);
            assert.strictEqual(code, 2);
            assert.match(err, message);
            assert.strictEqual(err.trim().split("\n").length, 1, `one line, got: ${err}`);
            assert.strictEqual(process.cwd(), cwd, "the working directory is restored after a failed run");
        });
    }

    it("runs a program in its project folder, and reads its relative archive paths from there afterwards", async () => {
        const dir = project({
            "Pulumi.yaml": "name: app\nruntime: nodejs\n",
            "handler.txt": "index.handler",
            "dist/index.js": "exports.handler = async () => ({ statusCode: 200 });",
            "dist/index.js.map": "{}",
            "index.ts": [
                `import * as fs from "fs";`,
                `import * as pulumi from "@pulumi/pulumi";`,
                `import * as aws from "@pulumi/aws";`,
                `const role = new aws.iam.Role("role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });`,
                `new aws.lambda.Function("fn", { role: role.arn, runtime: "nodejs20.x", handler: fs.readFileSync("handler.txt", "utf8"), code: new pulumi.asset.FileArchive("./dist") });`,
            ].join("\n"),
        });
        const { code, out } = await plan(["--stack", "dev", "--format", "json", "--program", dir]);
        assert.strictEqual(code, 0);
        const report = JSON.parse(out);
        assert.ok(report.readiness.some((f: { check: string; name: string }) => f.check === "lambda-source-maps" && f.name === "fn"), "dist/ is read from the program's folder");
    });

    it("requires Bulwark's own stacks to have a stack file", async () => {
        const { code, err } = await plan(["--stack", "staging"]);
        assert.strictEqual(code, 2);
        assert.match(err, /No stack file .*Pulumi\.staging\.yaml/);
    });

    it("reports the same findings through CrossGuard's analyzer as through the default engine", async () => {
        const program = ["--stack", "dev", "--format", "json", "--program", path.join(fixtures, "simple", "index.ts")];
        const shared = await plan(program);
        const crossguard = await plan([...program, "--policy-engine", "crossguard"]);
        assert.strictEqual(crossguard.code, shared.code);
        const findings = (out: string) => JSON.parse(out).violations;
        assert.ok(findings(shared.out).length > 0, "the fixture has findings to compare");
        assert.deepStrictEqual(findings(crossguard.out), findings(shared.out));
    });

    it("answers pulumi.getOrganization() as a DIY backend does, or with --org, so StackReference names built from it resolve", async () => {
        const dir = project({
            "Pulumi.yaml": "name: app\nruntime: nodejs\n",
            "index.ts": [
                'import * as pulumi from "@pulumi/pulumi";',
                "const network = new pulumi.StackReference(`${pulumi.getOrganization()}/network/${pulumi.getStack()}`);",
                'export const vpcId = network.requireOutput("vpcId");',
                "export const organization = pulumi.getOrganization();",
            ].join("\n"),
            "network-dev.json": JSON.stringify({ vpcId: "vpc-0123456789abcdef0" }),
        });
        const plansClean = async (args: string[]) => {
            const { code, out, err } = await plan(["--stack", "dev", "--program", dir, "--format", "json", ...args]);
            assert.strictEqual(code, 0, err);
            return (JSON.parse(out).resources as unknown[]).length;
        };
        assert.ok(await plansClean(["--stack-outputs", `organization/network/dev=${path.join(dir, "network-dev.json")}`]) >= 1);
        assert.ok(await plansClean(["--org", "acme", "--stack-outputs", `acme/network/dev=${path.join(dir, "network-dev.json")}`]) >= 1);
        // Under --org acme the program names acme/network/dev, which the organization/... file does not answer.
        const wrong = await plan(["--stack", "dev", "--program", dir, "--org", "acme", "--stack-outputs", `organization/network/dev=${path.join(dir, "network-dev.json")}`]);
        assert.strictEqual(wrong.code, 2);
        assert.match(wrong.err, /acme\/network\/dev/);
        await assert.rejects(async () => parseArgs(["--stack", "dev", "--org", "acme corp"]), /--org is "acme corp": give the Pulumi organization/);
    });

    it("parses --flag=value forms", () => {
        assert.deepStrictEqual(parseArgs(["--stack=prod", "--preview", "--format=json"]), { stack: "prod", preview: true, format: "json" });
    });
});
