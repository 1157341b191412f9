import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { runProgram } from "../../tools/engine/run";
import { evaluate, durationSeconds, POLICY_ENGINES } from "../../tools/policy/evaluate";
import { RESOURCE_REFERENCE_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../../tools/engine/recorder";
import { checkProgram } from "./helpers";

/** A deliberately naive policy: reads a value that is unknown in preview without any care. */
const naive = {
    name: "naive-env-check",
    description: "Reads environment variables the naive way.",
    enforcementLevel: "mandatory" as const,
    validateResource: (args: ResourceValidationArgs, report: (message: string) => void) => {
        if (args.type !== "aws:lambda/function:Function") return;
        for (const value of Object.values<string>(args.props.environment.variables)) {
            if (value.startsWith("AKIA")) report("an access key in the environment");
        }
    },
};

function lambdaWithUnknownEnvironment() {
    const bucket = new aws.s3.Bucket("assets");
    const role = new aws.iam.Role("api", { assumeRolePolicy: "{}" });
    new aws.lambda.Function("api", {
        role: role.arn,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({}),
        environment: { variables: { BUCKET_ARN: bucket.arn } },
    });
}

describe("offline evaluation through CrossGuard's analyzer", () => {
    it("uses @pulumi/policy 1.21.0's internal analyzer functions (pinned: they are not public API)", () => {
        const policyPackage = require("@pulumi/policy/package.json");
        assert.strictEqual(policyPackage.version.replace(/^v/, ""), "1.21.0");
        const server = require("@pulumi/policy/server");
        assert.strictEqual(typeof server.makeAnalyzeRpcFun, "function");
        assert.strictEqual(typeof server.makeAnalyzeStackRpcFun, "function");
    });

    for (const engine of POLICY_ENGINES) {
        describe(`the ${engine} engine`, () => {
        it("reproduces the preview diagnostic of a naive policy as a note, not a violation", async () => {
            const run = await runProgram({ project: "fixture", stack: "dev", config: { "aws:region": "eu-west-1" }, preview: true, program: lambdaWithUnknownEnvironment });
            const { violations, notes } = await evaluate(run, { policies: [naive], engine });
            assert.deepStrictEqual(violations, []);
            assert.strictEqual(notes.length, 1);
            assert.strictEqual(notes[0].policy, "naive-env-check");
            assert.strictEqual(notes[0].urn, "urn:pulumi:dev::fixture::aws:lambda/function:Function::api");
            assert.match(notes[0].message, /^can't run policy 'naive-env-check' from policy pack 'bulwark@v0\.1\.0' during preview: string value at \.environment\.variables\.BUCKET_ARN can't be known during preview$/);
        });

        it("gives Bulwark's policies the same program in preview without a single note", async () => {
            const evaluation = await checkProgram(lambdaWithUnknownEnvironment, { preview: true, engine });
            assert.deepStrictEqual(evaluation.notes, []);
        });

        it("hands policies the inputs, options and provider the engine would", async () => {
            const seen: ResourceValidationArgs[] = [];
            const capture = { name: "capture", description: "Captures its arguments.", validateResource: (args: ResourceValidationArgs) => void seen.push(args) };
            const run = await runProgram({
                project: "fixture",
                stack: "dev",
                config: { "aws:region": "eu-west-1" },
                program: () => {
                    const east = new aws.Provider("east", { region: "us-east-1" });
                    new aws.sns.Topic("logs", { tags: { team: "platform" } }, { protect: true, ignoreChanges: ["tags"], customTimeouts: { create: "5m", delete: "1h30m" }, deleteBeforeReplace: true });
                    new aws.sns.Topic("edge", {}, { provider: east, aliases: [{ name: "old-edge" }] });
                },
            });
            await evaluate(run, { policies: [capture], engine });
            const logs = seen.find((a) => a.name === "logs")!;
            assert.strictEqual(logs.type, "aws:sns/topic:Topic");
            assert.deepStrictEqual({ ...logs.props.tags }, { team: "platform" });
            assert.strictEqual(logs.opts.protect, true);
            assert.deepStrictEqual(logs.opts.ignoreChanges, ["tags"]);
            assert.strictEqual(logs.opts.deleteBeforeReplace, true);
            assert.deepStrictEqual(logs.opts.customTimeouts, { createSeconds: 300, updateSeconds: 0, deleteSeconds: 5400 });
            assert.strictEqual(logs.opts.parent, "urn:pulumi:dev::fixture::pulumi:pulumi:Stack::fixture-dev");
            assert.strictEqual(logs.provider?.urn, "urn:pulumi:dev::fixture::pulumi:providers:aws::default_7_48_0");
            assert.strictEqual(logs.provider?.props.region, "eu-west-1");
            const edge = seen.find((a) => a.name === "edge")!;
            assert.strictEqual(edge.provider?.urn, "urn:pulumi:dev::fixture::pulumi:providers:aws::east");
            assert.strictEqual(edge.provider?.props.region, "us-east-1");
            assert.deepStrictEqual(edge.opts.aliases, ["urn:pulumi:dev::fixture::aws:sns/topic:Topic::old-edge"]);
            // The stack, the explicit provider and the default provider are analyzed too, as by the engine.
            assert.ok(seen.some((a) => a.type === "pulumi:pulumi:Stack"));
            assert.ok(seen.some((a) => a.type === "pulumi:providers:aws" && a.name === "default_7_48_0"));
        });

        it("hands policies a resource passed as an input as the engine marshals it: a custom resource's id, a component's URN", async () => {
            const seen = new Map<string, Record<string, unknown>>();
            const stackSeen = new Map<string, Record<string, unknown>>();
            const capture = { name: "capture", description: "Captures its arguments.", validateResource: (args: ResourceValidationArgs) => void seen.set(args.name, args.props) };
            const captureStack = { name: "capture-stack", description: "Captures the stack.", validateStack: (args: StackValidationArgs) => args.resources.forEach((r) => stackSeen.set(r.name, r.props)) };
            const run = await runProgram({
                project: "fixture",
                stack: "dev",
                config: { "aws:region": "eu-west-1" },
                program: () => {
                    const role = new aws.iam.Role("role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
                    new aws.iam.RolePolicyAttachment("basic", { role, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
                },
            });
            // A recording made elsewhere may still hold the SDK's references: each engine marshals them itself.
            const attachment = run.resources.find((r) => r.name === "basic")!;
            const component = { [SPECIAL_SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: "urn:pulumi:dev::fixture::my:index:Group::group" };
            const unknownRole = { [SPECIAL_SIG_KEY]: RESOURCE_REFERENCE_SIG, urn: "urn:pulumi:dev::fixture::aws:iam/role:Role::late", id: "" };
            const raw = { ...attachment, name: "raw", urn: attachment.urn.replace(/basic$/, "raw"), inputs: { ...attachment.inputs, role: unknownRole, tags: { group: component } }, outputs: { ...attachment.outputs, tags: { group: component } } };
            await evaluate({ ...run, resources: [...run.resources, raw] }, { policies: [capture, captureStack], engine });
            const roleId = run.resources.find((r) => r.name === "role")!.id;
            assert.strictEqual(seen.get("basic")!.role, roleId);
            assert.strictEqual(stackSeen.get("basic")!.role, roleId);
            assert.deepStrictEqual({ ...(seen.get("raw")!.tags as object) }, { group: component.urn });
            assert.deepStrictEqual({ ...(stackSeen.get("raw")!.tags as object) }, { group: component.urn });
            assert.throws(() => seen.get("raw")!.role, /can't be known during preview/);
        });

        it("reports a policy that throws in one line naming the policy, the resource and the error, ahead of the analyzer's own message", async () => {
            const buggy = { name: "buggy", description: "Reads what is not there.", validateResource: (args: ResourceValidationArgs) => void (args.type === "aws:sns/topic:Topic" && (args.props as any).deliveryPolicy.retries) };
            const run = await runProgram({ project: "fixture", stack: "dev", config: { "aws:region": "eu-west-1" }, program: () => void new aws.sns.Topic("logs") });
            const error: Error = await evaluate(run, { policies: [buggy], engine }).then(() => assert.fail("the policy threw"), (e) => e);
            const [first, ...rest] = error.message.split("\n");
            assert.strictEqual(
                first,
                "the plan cannot judge this program: policy 'buggy' of bulwark@v0.1.0 failed on urn:pulumi:dev::fixture::aws:sns/topic:Topic::logs: TypeError: Cannot read properties of undefined (reading 'retries'). " +
                    'That is a bug in the policy, not a finding: report it with the program, and meanwhile set "buggy": "disabled" in a --policy-config file.',
            );
            assert.match(rest[0], /^Error validating resource with policy 'buggy' from policy pack 'bulwark@v0\.1\.0':$/);
        });

        it("hands stack policies outputs, parents and property dependencies as resources", async () => {
            let resources: PolicyResource[] = [];
            const capture = { name: "capture-stack", description: "Captures the stack.", validateStack: (args: StackValidationArgs) => void (resources = args.resources) };
            const run = await runProgram({
                project: "fixture",
                stack: "dev",
                config: { "aws:region": "eu-west-1" },
                program: () => {
                    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                    new aws.ec2.Subnet("private", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
                },
            });
            await evaluate(run, { policies: [capture], engine });
            const subnet = resources.find((r) => r.name === "private")!;
            assert.strictEqual(subnet.props.vpcId, resources.find((r) => r.name === "vpc")!.props.id);
            assert.deepStrictEqual(subnet.propertyDependencies.vpcId.map((r) => r.name), ["vpc"]);
            assert.strictEqual(subnet.parent?.type, "pulumi:pulumi:Stack");
        });

        it("passes unknowns as the engine's sentinel and secrets unwrapped, as CrossGuard does", async () => {
            const values: unknown[] = [];
            const capture = {
                name: "capture-values",
                description: "Captures raw values.",
                validateResource: (args: ResourceValidationArgs) => {
                    if (args.type !== "aws:ssm/parameter:Parameter") return;
                    const target = (args.props as any).__getSpecialProxyTarget;
                    values.push(target.value, target.description);
                },
            };
            const run = await runProgram({
                project: "fixture",
                stack: "dev",
                config: { "aws:region": "eu-west-1" },
                preview: true,
                program: () => {
                    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                    new aws.ssm.Parameter("p", { type: "SecureString", value: pulumi.secret("hunter2"), description: vpc.id });
                },
            });
            await evaluate(run, { policies: [capture], engine });
            assert.deepStrictEqual(values, ["hunter2", UNKNOWN]);
        });
        });
    }

    it("fails loudly when a policy changes the properties the shared engine hands every policy", async () => {
        const vandal = {
            name: "vandal",
            description: "Writes to what it reads.",
            validateResource: (args: ResourceValidationArgs) => {
                if (args.type === "aws:sns/topic:Topic") (args.props as any).__getSpecialProxyTarget.name = "renamed";
            },
        };
        const run = await runProgram({ project: "fixture", stack: "dev", config: { "aws:region": "eu-west-1" }, program: () => void new aws.sns.Topic("logs", { name: "logs" }) });
        await assert.rejects(evaluate(run, { policies: [vandal], checkReadOnly: true }), /A policy changed the inputs it was given of urn:pulumi:dev::fixture::aws:sns\/topic:Topic::logs/);
    });

    it("freezes the stack a stack policy shares with the others", async () => {
        const sorter = { name: "sorter", description: "Sorts in place.", validateStack: (args: StackValidationArgs) => void args.resources.sort((x, y) => x.name.localeCompare(y.name)) };
        const run = await runProgram({ project: "fixture", stack: "dev", config: { "aws:region": "eu-west-1" }, program: () => void new aws.sns.Topic("logs") });
        await assert.rejects(evaluate(run, { policies: [sorter] }), /Error validating resource with policy 'sorter'/);
    });

    it("converts Go durations to the seconds the analyzer protocol carries", () => {
        assert.strictEqual(durationSeconds("1h30m"), 5400);
        assert.strictEqual(durationSeconds("90s"), 90);
        assert.strictEqual(durationSeconds("500ms"), 0.5);
        assert.strictEqual(durationSeconds(undefined), 0);
    });
});
