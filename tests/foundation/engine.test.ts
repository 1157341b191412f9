import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { assertRejects, record, UNKNOWN, unwrap, isSecret } from "../helpers/offline";
import { RESOURCE_REFERENCE_SIG, SPECIAL_SIG_KEY, withoutResourceReferences } from "../../tools/engine/recorder";

class Outer extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Outer", name, {}, opts);
        const inner = new Inner(`${name}-inner`, { parent: this });
        this.vpc = inner.vpc;
        this.registerOutputs({});
    }
}

class Inner extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Inner", name, {}, opts);
        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: "10.0.0.0/16" }, { parent: this });
        this.registerOutputs({});
    }
}

describe("offline engine: URNs and parents", () => {
    it("gives children the engine's URN: the parent's whole type chain, the root stack left out", async () => {
        const rec = await record(() => new Outer("outer"), { stack: "dev" });
        const stack = rec.one("pulumi:pulumi:Stack");
        assert.strictEqual(stack.urn, "urn:pulumi:dev::bulwark::pulumi:pulumi:Stack::bulwark-dev");
        assert.strictEqual(stack.parent, null);
        const outer = rec.one("test:index:Outer");
        assert.strictEqual(outer.urn, "urn:pulumi:dev::bulwark::test:index:Outer::outer");
        assert.strictEqual(outer.parent, stack.urn);
        const inner = rec.one("test:index:Inner");
        assert.strictEqual(inner.urn, "urn:pulumi:dev::bulwark::test:index:Outer$test:index:Inner::outer-inner");
        assert.strictEqual(inner.parent, outer.urn);
        const vpc = rec.one("aws:ec2/vpc:Vpc");
        assert.strictEqual(vpc.urn, "urn:pulumi:dev::bulwark::test:index:Outer$test:index:Inner$aws:ec2/vpc:Vpc::outer-inner-vpc");
        assert.strictEqual(vpc.parent, inner.urn);
        assert.strictEqual(vpc.custom, true);
        assert.strictEqual(inner.custom, false);
    });
});

describe("offline engine: options and dependencies", () => {
    it("records every resource option the engine hands a policy", async () => {
        const rec = await record(() => {
            const east = new aws.Provider("east", { region: "us-east-1" });
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" }, { protect: true, retainOnDelete: true });
            const key = new aws.kms.Key("key", {}, { deleteBeforeReplace: true, customTimeouts: { create: "5m", delete: "10m" } });
            new aws.ec2.Subnet(
                "subnet",
                { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" },
                { dependsOn: [key], ignoreChanges: ["tags"], provider: east, aliases: [{ name: "old-subnet" }], replaceOnChanges: ["cidrBlock"] },
            );
        });
        const vpc = rec.one("aws:ec2/vpc:Vpc");
        const key = rec.one("aws:kms/key:Key");
        const subnet = rec.one("aws:ec2/subnet:Subnet");
        const east = rec.one("pulumi:providers:aws");
        assert.strictEqual(vpc.options.protect, true);
        assert.strictEqual(vpc.options.retainOnDelete, true);
        assert.strictEqual(subnet.options.protect, false);
        assert.strictEqual(key.options.deleteBeforeReplace, true);
        assert.deepStrictEqual(key.options.customTimeouts, { create: "5m", delete: "10m" });
        assert.deepStrictEqual(subnet.options.ignoreChanges, ["tags"]);
        assert.deepStrictEqual(subnet.options.replaceOnChanges, ["cidrBlock"]);
        assert.deepStrictEqual(subnet.options.dependsOn, [key.urn]);
        assert.deepStrictEqual(subnet.options.aliases, ["urn:pulumi:dev::bulwark::aws:ec2/subnet:Subnet::old-subnet"]);
        assert.ok(subnet.provider?.startsWith(`${east.urn}::`), `provider reference ${subnet.provider}`);
        assert.strictEqual(vpc.provider, null);
        // The engine folds dependsOn and input dependencies into one list; property dependencies stay per input.
        assert.deepStrictEqual([...subnet.dependencies].sort(), [key.urn, vpc.urn].sort());
        assert.deepStrictEqual(subnet.propertyDependencies.vpcId, [vpc.urn]);
        assert.deepStrictEqual(subnet.propertyDependencies.cidrBlock, []);
    });

    it("gives a resource made through an explicit provider that provider's region", async () => {
        const rec = await record(() => {
            const east = new aws.Provider("east", { region: "us-east-1" });
            new aws.cloudwatch.LogGroup("here", {});
            new aws.cloudwatch.LogGroup("there", {}, { provider: east });
        }, { region: "eu-west-1" });
        assert.match(String(rec.one("aws:cloudwatch/logGroup:LogGroup", "here").outputs.arn), /^arn:aws:logs:eu-west-1:123456789012:log-group:here-[0-9a-f]{7}$/);
        assert.match(String(rec.one("aws:cloudwatch/logGroup:LogGroup", "there").outputs.arn), /^arn:aws:logs:us-east-1:/);
    });
});

describe("offline engine: AWS-computed outputs", () => {
    it("computes real-shaped ARNs, ids and endpoints, deterministically", async () => {
        const program = () => {
            const role = new aws.iam.Role("role", { assumeRolePolicy: "{}" });
            const fn = new aws.lambda.Function("fn", { role: role.arn, runtime: "nodejs22.x", handler: "index.handler", publish: true, code: new pulumi.asset.AssetArchive({}) });
            new aws.elasticache.ReplicationGroup("cache", { description: "c", nodeType: "cache.t4g.micro", numCacheClusters: 2 });
            return { fnArn: fn.arn };
        };
        const first = await record(program);
        const second = await record(program);
        const role = first.one("aws:iam/role:Role");
        assert.match(String(role.outputs.arn), /^arn:aws:iam::123456789012:role\/role-[0-9a-f]{7}$/);
        const fn = first.one("aws:lambda/function:Function");
        assert.match(String(fn.outputs.arn), /^arn:aws:lambda:us-east-1:123456789012:function:fn-[0-9a-f]{7}$/);
        assert.strictEqual(fn.outputs.version, "1");
        const cache = first.one("aws:elasticache/replicationGroup:ReplicationGroup");
        assert.match(String(cache.outputs.primaryEndpointAddress), /^master\.cache-[0-9a-f]{7}\.[0-9a-f]{6}\.use1\.cache\.amazonaws\.com$/);
        assert.strictEqual((cache.outputs.memberClusters as string[]).length, 2);
        assert.deepStrictEqual(
            second.resources.map((r) => [r.urn, r.id]),
            first.resources.map((r) => [r.urn, r.id]),
        );
        assert.strictEqual(first.run.stackOutputs.fnArn, fn.outputs.arn);
    });

    it("renders aws.iam.getPolicyDocument into the JSON AWS receives", async () => {
        const rec = await record(() => {
            const doc = aws.iam.getPolicyDocumentOutput({
                statements: [
                    { sid: "Logs", actions: ["logs:PutLogEvents"], resources: ["arn:aws:logs:us-east-1:123456789012:log-group:a:*"] },
                    {
                        effect: "Deny",
                        actions: ["s3:*"],
                        resources: ["a", "b"],
                        principals: [{ type: "*", identifiers: ["*"] }],
                        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
                    },
                ],
            });
            new aws.iam.Policy("p", { policy: doc.json });
        });
        const policy = JSON.parse(rec.inputs("aws:iam/policy:Policy").policy);
        assert.deepStrictEqual(policy, {
            Version: "2012-10-17",
            Statement: [
                { Sid: "Logs", Effect: "Allow", Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:123456789012:log-group:a:*" },
                { Effect: "Deny", Action: "s3:*", Resource: ["a", "b"], Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ],
        });
    });

    it("fails loudly on an invoke it does not implement", async () => {
        await assertRejects(
            record(() => aws.ec2.getInstanceTypeOutput({ instanceType: "t4g.nano" }).apply((t) => t.instanceType)),
            /cannot answer the invoke aws:ec2\/getInstanceType:getInstanceType \(called with \{"instanceType":"t4g.nano"\}\)/,
            /--mock-file/,
        );
    });
});

describe("offline engine: preview mode", () => {
    it("leaves ids and computed outputs unknown while inputs and auto-names stay known", async () => {
        const rec = await record(
            () => {
                const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
                new aws.iam.Role("role", { assumeRolePolicy: "{}" });
            },
            { preview: true },
        );
        const vpc = rec.one("aws:ec2/vpc:Vpc");
        assert.strictEqual(vpc.id, null);
        assert.strictEqual(vpc.outputs.arn, undefined);
        assert.strictEqual(vpc.outputs.cidrBlock, "10.0.0.0/16");
        const subnet = rec.one("aws:ec2/subnet:Subnet");
        assert.strictEqual(subnet.inputs.vpcId, UNKNOWN);
        assert.strictEqual(subnet.inputs.cidrBlock, "10.0.1.0/24");
        assert.deepStrictEqual(subnet.propertyDependencies.vpcId, [vpc.urn]);
        assert.match(String(rec.one("aws:iam/role:Role").inputs.name), /^role-[0-9a-f]{7}$/);
    });
});

describe("offline engine: config and failures", () => {
    it("reads the project's namespace and keeps secrets secret", async () => {
        const rec = await record(
            () => {
                const config = new pulumi.Config();
                new aws.ssm.Parameter("param", { type: "SecureString", name: config.require("name"), value: config.requireSecret("token") });
            },
            { config: { "bulwark:name": "/app/token", "bulwark:token": "s3cret" }, secretKeys: ["bulwark:token"] },
        );
        const param = rec.one("aws:ssm/parameter:Parameter");
        assert.strictEqual(param.inputs.name, "/app/token");
        assert.ok(isSecret(param.inputs.value));
        assert.strictEqual(unwrap(param.inputs.value), "s3cret");
    });

    it("reports a program that throws, or fails inside an apply, as a ProgramError with its first line", async () => {
        const thrown = await assertRejects(record(() => { throw new Error("bad input: cidr\nstack trace here"); }), /bad input: cidr/);
        assert.strictEqual(thrown.name, "ProgramError");
        assert.strictEqual(thrown.message, "bad input: cidr");
        await assertRejects(
            record(() => {
                const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                vpc.id.apply(() => { throw new Error("late failure"); });
            }),
            /late failure/,
        );
    });
});

describe("offline engine: lookups outside programs make", () => {
    it("answers default-VPC, subnet, ELB account, zone, certificate and managed-policy lookups with AWS-shaped values", async () => {
        const { runProgram } = await import("../../tools/engine/run");
        const path = await import("path");
        const run = await runProgram({
            program: path.join(__dirname, "..", "fixtures", "lookups", "index.ts"),
            project: "lookups",
            stack: "dev",
            config: { "aws:region": "us-east-1" },
        });
        const out = run.stackOutputs as Record<string, any>;
        assert.strictEqual(out.vpcId, "vpc-0default000000000");
        assert.deepStrictEqual(out.subnetIds, ["subnet-0default000000000", "subnet-0default000000001", "subnet-0default000000002"]);
        assert.strictEqual(out.elbAccountArn, "arn:aws:iam::127311923021:root");
        assert.match(out.zoneId, /^Z[0-9A-F]{20}$/);
        assert.match(out.certificateArn, /^arn:aws:acm:us-east-1:123456789012:certificate\/[0-9a-f-]{36}$/);
        assert.match(out.cachePolicyId, /^[0-9a-f-]{36}$/);
        assert.match(out.identityPath, /^origin-access-identity\/cloudfront\/E[0-9A-F]{13}$/);
    });
});

describe("offline engine: resources as values", () => {
    const program = () => {
        const role = new aws.iam.Role("role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
        new aws.iam.RolePolicyAttachment("basic", { role, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
        const topic = new aws.sns.Topic("alerts");
        new aws.sns.TopicSubscription("email", { topic, protocol: "email", endpoint: "ops@example.com" });
    };

    it("records a resource passed as an input as its id, as the engine hands it to providers and analyzers", async () => {
        const rec = await record(program);
        const role = rec.one("aws:iam/role:Role");
        const attachment = rec.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.strictEqual(attachment.inputs.role, role.id);
        assert.strictEqual(attachment.outputs.role, role.id);
        const topic = rec.one("aws:sns/topic:Topic");
        const subscription = rec.one("aws:sns/topicSubscription:TopicSubscription");
        assert.strictEqual(subscription.inputs.topic, topic.id);
        assert.match(String(subscription.outputs.arn), /^arn:aws:sns:us-east-1:123456789012:alerts-[0-9a-f]+:/);
    });

    it("records it as unknown in preview, where the id is not known yet", async () => {
        const rec = await record(program, { preview: true });
        assert.strictEqual(rec.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.role, UNKNOWN);
    });

    it("stands a component in for its URN, which is all the engine sends for one", () => {
        const urn = "urn:pulumi:dev::app::my:index:Group::group";
        const reference = { [SPECIAL_SIG_KEY]: RESOURCE_REFERENCE_SIG, urn };
        const untouched = { name: "x", list: [1, 2] };
        assert.deepStrictEqual(withoutResourceReferences({ a: [reference], b: { c: { ...reference, id: "i-123" } }, d: { ...reference, id: "" } }), { a: [urn], b: { c: "i-123" }, d: UNKNOWN });
        assert.strictEqual(withoutResourceReferences(untouched), untouched);
    });
});

describe("offline engine: callbacks", () => {
    it("serializes a callback that captures a whole resource as `pulumi up` does, with nothing of the plan in it", async () => {
        const rec = await record(() => {
            const table = new aws.dynamodb.Table("orders", { attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST" });
            new aws.lambda.CallbackFunction("count-orders", {
                callback: async () => {
                    const captured = table;
                    return { statusCode: 200, body: `counting ${captured.name.get()}` };
                },
            });
        });
        const code = rec.one("aws:lambda/function:Function").inputs.code as { assets: Record<string, { text: string }> };
        const text = code.assets["__index.js"].text;
        assert.match(text, /^exports\.handler = __f0;/);
        assert.match(text, /counting \$\{captured\.name\.get\(\)\}/);
        assert.match(text, /__table\.__transformations = __table___transformations;/);
        assert.match(text, /var __table___transformations = \[\];/);
        assert.doesNotMatch(text, /pendingDependsOn|Recorder/);
    });
});
