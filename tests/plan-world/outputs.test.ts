import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { OfflineAws } from "../../tools/offline/aws";
import { resourceSchema } from "../../tools/offline/schema";

/** Every AWS resource type the policy pack reads, as its rules name them. */
function policyTypes(): string[] {
    const types = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (file.endsWith(".ts")) for (const [, type] of fs.readFileSync(file, "utf8").matchAll(/"(aws:[a-zA-Z0-9]+\/[a-zA-Z0-9]+:[A-Za-z0-9]+)"/g)) types.add(type);
        }
    };
    walk(path.resolve(__dirname, "..", "..", "policy"));
    return [...types].sort();
}

describe("offline AWS: outputs of every type the policies judge", () => {
    const types = policyTypes();

    it("finds the policy pack's types and @pulumi/aws's schema for each", () => {
        assert.ok(types.length > 90, `only ${types.length} types found`);
        const missing = types.filter((type) => resourceSchema(type) === null);
        assert.deepStrictEqual(missing, []);
    });

    it("gives every output-only property @pulumi/aws declares a value in up mode, never undefined", () => {
        const gaps: string[] = [];
        for (const type of types) {
            const aws = new OfflineAws({ stack: "dev", region: "eu-west-1" });
            // Required inputs as a program must give them (their values do not matter to the outputs checked here).
            const inputs: Record<string, unknown> = { tags: { team: "web" } };
            for (const required of resourceSchema(type)!.required) inputs[required] = `${required}-value`;
            const { id, state } = aws.newResource({ type, name: "thing", inputs, custom: true } as any);
            if (!id) gaps.push(`${type}: no id`);
            for (const property of resourceSchema(type)!.outputs.keys()) {
                if (state[property] === undefined) gaps.push(`${type}.${property}`);
            }
        }
        assert.deepStrictEqual(gaps, []);
    });

    it("auto-names every type whose `name` input the provider auto-names, as pulumi-aws does (DynamoDB tables included)", () => {
        const aws = new OfflineAws({ stack: "dev", region: "us-east-1" });
        const table = aws.newResource({ type: "aws:dynamodb/table:Table", name: "orders", inputs: { hashKey: "id" }, custom: true } as any);
        assert.match(table.state.name, /^orders-[0-9a-f]{7}$/);
        assert.strictEqual(table.id, table.state.name);
        assert.strictEqual(table.state.arn, `arn:aws:dynamodb:us-east-1:123456789012:table/${table.state.name}`);
        assert.strictEqual(table.state.streamArn, "", "no stream unless streamEnabled");
        const streamed = aws.newResource({ type: "aws:dynamodb/table:Table", name: "events", inputs: { streamEnabled: true }, custom: true } as any);
        assert.match(streamed.state.streamArn, /^arn:aws:dynamodb:us-east-1:123456789012:table\/events-[0-9a-f]{7}\/stream\/2026-/);
        // A name the program gives is kept, and a required name is never invented.
        const named = aws.newResource({ type: "aws:sqs/queue:Queue", name: "q", inputs: { name: "jobs" }, custom: true } as any);
        assert.strictEqual(named.state.name, "jobs");
        const glue = aws.newResource({ type: "aws:glue/catalogDatabase:CatalogDatabase", name: "lake", inputs: {}, custom: true } as any);
        assert.match(glue.state.name, /^lake-[0-9a-f]{7}$/);
    });

    it("keeps what AWS computes unknown in preview, auto-names included as Check fills them", () => {
        const aws = new OfflineAws({ stack: "dev", region: "us-east-1", preview: true });
        const table = aws.newResource({ type: "aws:dynamodb/table:Table", name: "orders", inputs: {}, custom: true } as any);
        assert.strictEqual(table.id, undefined);
        assert.strictEqual(table.state.arn, undefined);
        assert.match(table.state.name, /^orders-/);
    });

    it("merges provider default tags and the resource's tags into tagsAll", () => {
        const aws = new OfflineAws({ stack: "dev", region: "us-east-1" });
        aws.newResource({ type: "pulumi:providers:aws", name: "tagged", inputs: { region: "us-east-1", defaultTags: JSON.stringify({ tags: { env: "dev", team: "platform" } }) }, custom: true } as any);
        const queue = aws.newResource({ type: "aws:sqs/queue:Queue", name: "q", inputs: { tags: { team: "web" } }, provider: "urn:pulumi:dev::p::pulumi:providers:aws::tagged::id", custom: true } as any);
        assert.deepStrictEqual(queue.state.tagsAll, { env: "dev", team: "web" });
    });

    it("ties resources to what the program created: a subnet group's VPC, a default security group's id, a cluster instance's port", () => {
        const aws = new OfflineAws({ stack: "dev", region: "us-east-1" });
        const vpc = aws.newResource({ type: "aws:ec2/vpc:Vpc", name: "v", inputs: { cidrBlock: "10.0.0.0/16" }, custom: true } as any);
        const subnet = aws.newResource({ type: "aws:ec2/subnet:Subnet", name: "s", inputs: { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" }, custom: true } as any);
        const group = aws.newResource({ type: "aws:elasticache/subnetGroup:SubnetGroup", name: "g", inputs: { subnetIds: [subnet.id] }, custom: true } as any);
        assert.strictEqual(group.state.vpcId, vpc.id);
        const sg = aws.newResource({ type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "d", inputs: { vpcId: vpc.id }, custom: true } as any);
        assert.strictEqual(sg.id, vpc.state.defaultSecurityGroupId);
        aws.newResource({ type: "aws:rds/cluster:Cluster", name: "db", inputs: { clusterIdentifier: "orders", engine: "aurora-mysql", manageMasterUserPassword: true }, custom: true } as any);
        const writer = aws.newResource({ type: "aws:rds/clusterInstance:ClusterInstance", name: "w", inputs: { clusterIdentifier: "orders", engine: "aurora-mysql" }, custom: true } as any);
        const reader = aws.newResource({ type: "aws:rds/clusterInstance:ClusterInstance", name: "r", inputs: { clusterIdentifier: "orders", engine: "aurora-mysql" }, custom: true } as any);
        assert.strictEqual(writer.state.port, 3306);
        assert.deepStrictEqual([writer.state.writer, reader.state.writer], [true, false]);
    });
});
