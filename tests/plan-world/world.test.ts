import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { runPlanCli } from "../helpers/plan-cli";
import { record, unwrap } from "../helpers/offline";
import { planStack } from "../../tools/plan";
import { OfflineAws } from "../../tools/offline/aws";
import { stackOutputsByName } from "../../tools/offline/stack-outputs";
import { ComponentExpansion, EXPANDERS } from "../../tools/offline/remote";

const programs = path.resolve(__dirname, "..", "programs");
const program = (name: string, ...file: string[]) => path.join(programs, name, ...file);

function planJson(out: string): any {
    return JSON.parse(out);
}

describe("StackReference outputs (--stack-outputs)", function () {
    this.timeout(60_000);
    const known = stackOutputsByName([`acme/network/dev=${program("world-stack-reference-app", "network-dev.json")}`]);

    it("hands getOutput, requireOutput and getOutputDetails the file's values, keeping \"[secret]\" outputs secret", async () => {
        let details: pulumi.StackReferenceOutputDetails | undefined;
        const read: Record<string, pulumi.Output<unknown>> = {};
        const rec = await record(
            async () => {
                const network = new pulumi.StackReference("acme/network/dev");
                const vpcId = network.requireOutput("vpcId");
                new (require("@pulumi/aws").ec2.SecurityGroup)("app", { vpcId, description: pulumi.interpolate`in ${vpcId}` });
                read.password = network.getOutput("dbPassword");
                read.subnets = network.getOutput("privateSubnetIds");
                read.missing = network.getOutput("nothing");
                details = await network.getOutputDetails("dbPassword");
            },
            { existing: { stackOutputs: known } },
        );
        assert.deepStrictEqual(rec.inputs("aws:ec2/securityGroup:SecurityGroup", "app").vpcId, "vpc-0f1e2d3c4b5a69788");
        assert.strictEqual(details?.value, undefined);
        assert.strictEqual(details?.secretValue, "offline-secret-for-acme-network-dev-dbPassword");
        const outputs = read as Record<string, any>;
        assert.strictEqual(await outputs.password.isSecret, true, "a [secret] output stays secret");
        assert.strictEqual(await outputs.subnets.isSecret, false);
        assert.deepStrictEqual(await outputs.subnets.promise(), ["subnet-0b8e2f7a6c5d4e3f2", "subnet-0c9f3a8b7d6e5f4a3"]);
        assert.strictEqual(await outputs.missing.promise(), undefined, "getOutput of an absent name is undefined, as on pulumi up");
    });

    it("the app layer's function runs in the network layer's subnets, in both modes (a read is known in preview too)", async () => {
        for (const preview of [false, true]) {
            const plan = await planStack({ program: program("world-stack-reference-app"), stack: "dev", preview, stackOutputs: [`acme/network/dev=${program("world-stack-reference-app", "network-dev.json")}`] });
            const fn = plan.run.resources.find((r) => r.type === "aws:lambda/function:Function")!;
            assert.deepStrictEqual(unwrap(fn.inputs).vpcConfig.subnetIds, ["subnet-0b8e2f7a6c5d4e3f2", "subnet-0c9f3a8b7d6e5f4a3"]);
            const sg = plan.run.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
            assert.strictEqual(sg.inputs.vpcId, "vpc-0f1e2d3c4b5a69788");
        }
    });

    it("rejects a malformed --stack-outputs value or file in one line naming it", async () => {
        const cases: [string, RegExp][] = [
            ["acme/network/dev", /give <org>\/<project>\/<stack>=<file.json>/],
            [`acme/network/dev=${program("nothing.json")}`, /cannot read .*nothing\.json \(ENOENT\); write it with pulumi stack output --json --show-secrets --stack acme\/network\/dev > network-dev\.json/],
            [`acme/network/dev=${program("world-stack-reference-app", "index.ts")}`, /is not valid JSON/],
            [`a b=${program("world-stack-reference-app", "network-dev.json")}`, /names the stack "a b"/],
            [`network/dev=${program("world-stack-reference-app", "network-dev.json")}`, /reads stack "acme\/network\/dev" .* \(--stack-outputs names network\/dev; the name must match the StackReference's exactly\)/],
        ];
        for (const [spec, pattern] of cases) {
            const result = await runPlanCli(["--program", program("world-stack-reference-app"), "--stack", "dev", "--stack-outputs", spec]);
            assert.strictEqual(result.code, 2);
            assert.strictEqual(result.err.trim().split("\n").length, 1, result.err);
            assert.match(result.err, pattern);
        }
    });
});

describe("remote components", function () {
    this.timeout(60_000);

    function expand(args: Record<string, unknown>, preview = false): { expansion: ComponentExpansion; outputs: Record<string, any> } {
        const aws = new OfflineAws({ stack: "dev", region: "us-west-2", preview });
        const result = EXPANDERS["awsx:ec2:Vpc"]("vpc", args, {
            region: "us-west-2",
            create: (type, name, inputs) => aws.newResource({ type, name, inputs, custom: true } as any),
            hash: (salt) => salt.padEnd(32, "0"),
        });
        assert.ok(!("unsupported" in result), "expanded");
        return result as { expansion: ComponentExpansion; outputs: Record<string, any> };
    }

    function count(expansion: ComponentExpansion): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const child of expansion.children) counts[child.type.split(":").pop()!] = (counts[child.type.split(":").pop()!] ?? 0) + 1;
        return counts;
    }

    it("expands awsx ec2.Vpc's default layout as awsx does: private /19 and public /20 per AZ, a NAT gateway per AZ", () => {
        const { expansion, outputs } = expand({});
        assert.deepStrictEqual(count(expansion), { Vpc: 1, InternetGateway: 1, Subnet: 6, RouteTable: 6, RouteTableAssociation: 6, Route: 6, Eip: 3, NatGateway: 3 });
        const subnets = expansion.children.filter((c) => c.type === "aws:ec2/subnet:Subnet").map((c) => [c.name, c.inputs.cidrBlock, c.inputs.availabilityZone, c.inputs.mapPublicIpOnLaunch]);
        assert.deepStrictEqual(subnets, [
            ["vpc-public-1", "10.0.32.0/20", "us-west-2a", true],
            ["vpc-private-1", "10.0.0.0/19", "us-west-2a", false],
            ["vpc-public-2", "10.0.96.0/20", "us-west-2b", true],
            ["vpc-private-2", "10.0.64.0/19", "us-west-2b", false],
            ["vpc-public-3", "10.0.160.0/20", "us-west-2c", true],
            ["vpc-private-3", "10.0.128.0/19", "us-west-2c", false],
        ]);
        const vpc = expansion.children[0];
        assert.deepStrictEqual(vpc.inputs, { cidrBlock: "10.0.0.0/16", tags: { Name: "vpc" } });
        assert.strictEqual(outputs.vpcId, vpc.id);
        assert.deepStrictEqual(outputs.privateSubnetIds, expansion.children.filter((c) => c.name.includes("-private-") && c.type === "aws:ec2/subnet:Subnet").map((c) => c.id));
        const privateRoutes = expansion.children.filter((c) => c.type === "aws:ec2/route:Route" && c.name.includes("private"));
        const nats = expansion.children.filter((c) => c.type === "aws:ec2/natGateway:NatGateway");
        assert.deepStrictEqual(privateRoutes.map((r) => r.inputs.natGatewayId), nats.map((n) => n.id), "each AZ's private route uses its own NAT gateway");
        assert.strictEqual(nats[0].inputs.allocationId, expansion.children.find((c) => c.type === "aws:ec2/eip:Eip")!.state.allocationId);
    });

    it("follows the NAT strategy, AZ count and CIDR block given", () => {
        const single = expand({ natGateways: { strategy: "Single" }, numberOfAvailabilityZones: 2, cidrBlock: "10.8.0.0/16", tags: { team: "web" } });
        assert.deepStrictEqual(count(single.expansion), { Vpc: 1, InternetGateway: 1, Subnet: 4, RouteTable: 4, RouteTableAssociation: 4, Route: 4, Eip: 1, NatGateway: 1 });
        assert.strictEqual(single.expansion.children.find((c) => c.name === "vpc-private-2")!.inputs.cidrBlock, "10.8.128.0/18", "two AZs split the /16 in halves");
        assert.deepStrictEqual(single.expansion.children[0].inputs.tags, { Name: "vpc", team: "web" });
        const none = expand({ natGateways: { strategy: "None" } });
        assert.deepStrictEqual(count(none.expansion), { Vpc: 1, InternetGateway: 1, Subnet: 6, RouteTable: 6, RouteTableAssociation: 6, Route: 3 });
    });

    it("leaves ids unknown in preview, as a new stack's preview does", () => {
        const { expansion, outputs } = expand({}, true);
        assert.strictEqual(outputs.vpcId, undefined);
        assert.strictEqual(expansion.children[1].inputs.vpcId, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });

    it("judges the expanded resources and the program's own resources that use them (the security group lands in awsx's VPC)", async () => {
        const result = await runPlanCli(["--program", program("world-awsx-vpc-default"), "--stack", "dev", "--format", "json"]);
        const report = planJson(result.out);
        assert.strictEqual(report.summary.opaqueComponents, 0);
        assert.deepStrictEqual(report.notJudged, []);
        assert.strictEqual(report.expandedComponents[0].resources, 28);
        const vpc = report.resources.find((r: any) => r.type === "aws:ec2/vpc:Vpc");
        assert.strictEqual(vpc.parent, "urn:pulumi:dev::awsx-vpc::awsx:ec2:Vpc::vpc");
        assert.strictEqual(vpc.urn, "urn:pulumi:dev::awsx-vpc::awsx:ec2:Vpc$aws:ec2/vpc:Vpc::vpc");
    });

    it("says what was not judged in every format: JSON, text, markdown and SARIF", async () => {
        const args = ["--program", program("world-awsx-fargate-alb"), "--stack", "dev"];
        const json = planJson((await runPlanCli([...args, "--format", "json"])).out);
        assert.strictEqual(json.summary.opaqueComponents, 2);
        assert.deepStrictEqual(json.notJudged.map((n: any) => [n.type, n.urn]), [
            ["awsx:lb:ApplicationLoadBalancer", "urn:pulumi:dev::fargate-nginx::awsx:lb:ApplicationLoadBalancer::lb"],
            ["awsx:ecs:FargateService", "urn:pulumi:dev::fargate-nginx::awsx:ecs:FargateService::service"],
        ]);
        assert.match(json.notJudged[0].reason, /remote component: the awsx provider creates its resources at deployment/);
        const text = (await runPlanCli([...args, "--format", "text"])).out;
        assert.match(text, /Not judged \(2 remote components; no policy saw inside\):\n {2}awsx:lb:ApplicationLoadBalancer lb\n {4}remote component/);
        const markdown = (await runPlanCli([...args, "--format", "markdown"])).out;
        assert.match(markdown, /, 2 components not judged;/);
        assert.match(markdown, /### Not judged\n\n- `awsx:lb:ApplicationLoadBalancer lb`: remote component/);
        const sarif = planJson((await runPlanCli([...args, "--format", "sarif"])).out);
        const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
        assert.deepStrictEqual(notifications.map((n: any) => n.locations[0].logicalLocations[0].fullyQualifiedName), json.notJudged.map((n: any) => n.urn));
        assert.strictEqual(sarif.runs[0].properties.summary.opaqueComponents, 2);
    });

    it("reports expansions in text and markdown, and a plan of no remote component with empty sections", async () => {
        const text = (await runPlanCli(["--program", program("world-awsx-vpc-default"), "--stack", "dev", "--format", "text"])).out;
        assert.match(text, /Expanded offline \(remote components rebuilt from their documented defaults, then judged\):\n {2}awsx:ec2:Vpc vpc: expanded offline into the 28 resources/);
        const plain = planJson((await runPlanCli(["--program", program("world-dynamodb-autonamed-iam"), "--stack", "dev", "--format", "json"])).out);
        assert.strictEqual(plain.summary.opaqueComponents, 0);
        assert.deepStrictEqual([plain.notJudged, plain.expandedComponents], [[], []]);
    });
});

describe("values a program builds from what AWS generates", function () {
    this.timeout(60_000);

    it("the role policy names the auto-named table's ARN and its index ARNs, and the function gets its name", async () => {
        const plan = await planStack({ program: program("world-dynamodb-autonamed-iam"), stack: "dev" });
        const table = plan.run.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
        assert.match(table.inputs.name as string, /^orders-[0-9a-f]{7}$/, "the analyzer sees the auto-name among the inputs, as after Check");
        const tableArn = `arn:aws:dynamodb:us-east-1:123456789012:table/${table.inputs.name}`;
        const policy = JSON.parse(plan.run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!.inputs.policy as string);
        assert.deepStrictEqual(policy.Statement[0].Resource, [tableArn, `${tableArn}/index/*`]);
        const fn = plan.run.resources.find((r) => r.type === "aws:lambda/function:Function")!;
        assert.strictEqual(unwrap(fn.inputs).environment.variables.TABLE_NAME, table.inputs.name);
    });

    it("the launch template gets the image id of the ECS-optimized AMI document", async () => {
        const plan = await planStack({ program: program("world-ecs-ami-from-ssm"), stack: "dev" });
        const template = plan.run.resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate")!;
        const parameter = new OfflineAws({ stack: "dev", region: "us-east-1" }).call({ token: "aws:ssm/getParameter:getParameter", inputs: { name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id" } } as any);
        assert.strictEqual(template.inputs.imageId, parameter.value);
    });

    it("the shared VPC and subnets of the mock file reach the program's resources", async () => {
        const plan = await planStack({ program: program("world-existing-vpc-mock-file"), stack: "dev", mockFile: program("world-existing-vpc-mock-file", "mocks.json") });
        const sg = plan.run.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
        assert.strictEqual(sg.inputs.vpcId, "vpc-0a1b2c3d4e5f60718");
        assert.deepStrictEqual(unwrap(sg.inputs).ingress[0].cidrBlocks, ["10.20.0.0/16"], "fields the file gives win; getVpc's others come from the offline answer");
        const group = plan.run.resources.find((r) => r.type === "aws:rds/subnetGroup:SubnetGroup")!;
        assert.deepStrictEqual(group.inputs.subnetIds, ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]);
    });
});
