import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanInputError } from "../../tools/engine/project";
import { answerFor, outputsFor, readMockFile } from "../../tools/offline/mock-file";
import { OfflineAws } from "../../tools/offline/aws";

function fileWith(content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mocks-")), "mocks.json");
    fs.writeFileSync(file, content);
    return file;
}

function assertRejected(content: string, ...patterns: RegExp[]): void {
    const file = fileWith(content);
    assert.throws(
        () => readMockFile(file),
        (error: Error) => {
            assert.ok(error instanceof PlanInputError, `not a PlanInputError: ${error}`);
            assert.ok(!error.message.includes("\n"), "one line");
            assert.ok(error.message.startsWith(`--mock-file ${file}: `), error.message);
            for (const pattern of patterns) assert.match(error.message, pattern);
            return true;
        },
    );
}

describe("--mock-file", () => {
    it("rejects a bad file with its name, the JSON path and the problem", () => {
        assertRejected("{ invokes: ", /not valid JSON/);
        assertRejected("[]", /\$ must be an object/);
        assertRejected('{"invoke": {}}', /\$\.invoke is not a known key/);
        assertRejected('{"invokes": []}', /\$\.invokes must be an object keyed by invoke token/);
        assertRejected('{"invokes": {"getVpc": {}}}', /\$\.invokes\["getVpc"\] is not an invoke token/);
        assertRejected('{"invokes": {"aws:ec2/getVpc:getVpc": []}}', /must be a result object or a non-empty list/);
        assertRejected('{"invokes": {"aws:ec2/getVpc:getVpc": [{"args": 1, "result": {}}]}}', /\[0\]\.args must be an object/);
        assertRejected('{"invokes": {"aws:ec2/getVpc:getVpc": [{"result": {}, "when": {}}]}}', /\[0\]\.when is not a known key/);
        assertRejected('{"resources": {"aws:glue/job:Job": "x"}}', /\$\.resources\["aws:glue\/job:Job"\] must be an object of output values/);
        assert.throws(() => readMockFile("/nonexistent/mocks.json"), /--mock-file \/nonexistent\/mocks.json: cannot read it \(ENOENT\)/);
    });

    it("answers the first entry whose args are a subset of the call's, and any call for a bare result", () => {
        const mocks = readMockFile(
            fileWith(
                JSON.stringify({
                    invokes: {
                        "aws:ssm/getParameter:getParameter": [
                            { args: { name: "/app/db-host" }, result: { value: "db.internal" } },
                            { args: { name: "/app/feature", withDecryption: true }, result: { value: "on" } },
                        ],
                        "aws:ec2/getVpc:getVpc": { id: "vpc-1" },
                    },
                    resources: { "aws:glue/job:Job": { arn: "arn:aws:glue:us-east-1:123456789012:job/x" }, "aws:glue/job:Job::nightly": { arn: "arn:nightly" } },
                }),
            ),
        );
        assert.deepStrictEqual(answerFor(mocks, "aws:ssm/getParameter:getParameter", { name: "/app/db-host", withDecryption: true }), { value: "db.internal" });
        assert.strictEqual(answerFor(mocks, "aws:ssm/getParameter:getParameter", { name: "/app/feature" }), undefined);
        assert.deepStrictEqual(answerFor(mocks, "aws:ec2/getVpc:getVpc", { tags: { Name: "x" } }), { id: "vpc-1" });
        assert.deepStrictEqual(outputsFor(mocks, "aws:glue/job:Job", "nightly"), { arn: "arn:nightly" });
        assert.deepStrictEqual(outputsFor(mocks, "aws:glue/job:Job", "hourly"), { arn: "arn:aws:glue:us-east-1:123456789012:job/x" });
    });

    it("merges its answers over the offline AWS's, and its outputs over the computed ones", () => {
        const mocks = readMockFile(fileWith(JSON.stringify({ invokes: { "aws:index/getCallerIdentity:getCallerIdentity": { arn: "arn:aws:sts::123456789012:assumed-role/ci/session" } }, resources: { "aws:sqs/queue:Queue": { url: "https://sqs.example/q" } } })));
        const aws = new OfflineAws({ stack: "dev", region: "us-east-1", existing: { mocks } });
        const identity = aws.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} } as any);
        assert.strictEqual(identity.accountId, "123456789012");
        assert.strictEqual(identity.arn, "arn:aws:sts::123456789012:assumed-role/ci/session");
        const queue = aws.newResource({ type: "aws:sqs/queue:Queue", name: "q", inputs: {}, custom: true } as any);
        assert.strictEqual(queue.state.url, "https://sqs.example/q");
        assert.match(queue.state.arn, /^arn:aws:sqs:us-east-1:123456789012:q-[0-9a-f]{7}$/);
    });
});

describe("offline AWS: invokes it cannot answer", () => {
    const aws = new OfflineAws({ stack: "dev", region: "us-east-1" });
    const call = (token: string, inputs: Record<string, unknown>) => aws.call({ token, inputs } as any);

    it("fails in one line naming the token, the arguments and the --mock-file that would answer", () => {
        assert.throws(() => call("aws:secretsmanager/getSecretVersion:getSecretVersion", { secretId: "prod/db" }), (error: Error) => {
            assert.match(error.message, /cannot answer the invoke aws:secretsmanager\/getSecretVersion:getSecretVersion \(called with \{"secretId":"prod\/db"\}\)/);
            assert.match(error.message, /--mock-file mocks\.json with \{"invokes": \{"aws:secretsmanager\/getSecretVersion:getSecretVersion"/);
            assert.ok(!error.message.includes("\n"));
            return true;
        });
    });

    it("never answers a lookup by tags or unindexed filters with the default VPC's resources", () => {
        assert.throws(() => call("aws:ec2/getVpc:getVpc", { tags: { Name: "shared" } }), /getVpc.*not what tags selects/);
        assert.throws(() => call("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "tag:Tier", values: ["private"] }] }), /not what filter tag:Tier selects/);
        assert.strictEqual(call("aws:ec2/getVpc:getVpc", { default: true }).cidrBlock, "172.31.0.0/16");
        assert.strictEqual(call("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: ["vpc-0default000000000"] }] }).ids.length, 3);
    });

    it("answers AWS's public SSM parameters, the ECS and EKS recommended documents as JSON, and refuses the user's own", () => {
        const ecs = JSON.parse(call("aws:ssm/getParameter:getParameter", { name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" }).value);
        assert.deepStrictEqual(Object.keys(ecs).sort(), ["ecs_agent_version", "ecs_runtime_version", "image_id", "image_name", "image_version", "os", "schema_version", "source_image_name"]);
        assert.match(ecs.image_id, /^ami-[0-9a-f]{17}$/);
        assert.strictEqual(ecs.os, "Amazon Linux 2");
        const imageId = call("aws:ssm/getParameter:getParameter", { name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id" }).value;
        assert.strictEqual(imageId, ecs.image_id, "the field parameter and the document agree, as AWS's do");
        const al2023 = JSON.parse(call("aws:ssm/getParameter:getParameter", { name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended" }).value);
        assert.match(al2023.image_name, /^al2023-ami-ecs-hvm-.*-arm64$/);
        const eks = JSON.parse(call("aws:ssm/getParameter:getParameter", { name: "/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended" }).value);
        assert.strictEqual(eks.release_version.split(".").slice(0, 2).join("."), "1.31");
        assert.match(call("aws:ssm/getParameter:getParameter", { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" }).value, /^ami-/);
        assert.throws(() => call("aws:ssm/getParameter:getParameter", { name: "/myapp/prod/db-host" }), /only your account knows its value/);
        assert.throws(() => call("aws:ssm/getParameter:getParameter", { name: "/aws/service/not-a-thing" }), /knows no public parameter of that name/);
    });

    it("answers getOrganization as the management account of a one-account organization, every declared field set", () => {
        const org = call("aws:organizations/getOrganization:getOrganization", {});
        assert.match(org.id, /^o-[0-9a-f]{10}$/);
        assert.strictEqual(org.arn, `arn:aws:organizations::123456789012:organization/${org.id}`);
        assert.strictEqual(org.masterAccountId, "123456789012");
        assert.strictEqual(org.featureSet, "ALL");
        assert.match(org.roots[0].id, /^r-[0-9a-f]{4}$/);
        for (const field of ["accounts", "arn", "awsServiceAccessPrincipals", "enabledPolicyTypes", "featureSet", "id", "masterAccountArn", "masterAccountEmail", "masterAccountId", "masterAccountName", "nonMasterAccounts", "roots"]) {
            assert.notStrictEqual(org[field], undefined, field);
        }
    });
});
