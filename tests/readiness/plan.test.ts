import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../tools/plan-cli";
import { runPlanCli } from "../helpers/plan-cli";

const UNREADY = path.join(__dirname, "..", "..", "examples", "readiness", "unready", "index.ts");

const plan = runPlanCli;

describe("npm run plan: deploy readiness", function () {
    this.timeout(120_000);

    it("adds readiness, deployPlan and two summary counts to the JSON report, keeping the existing fields, and exits 1 on a readiness error", async () => {
        const { code, out } = await plan(["--stack", "dev", "--format", "json", "--program", UNREADY]);
        const report = JSON.parse(out);
        assert.strictEqual(code, 1);
        for (const field of ["version", "stack", "program", "resources", "violations", "summary", "cost"]) assert.ok(field in report, field);
        for (const field of ["resources", "mandatory", "advisory", "suppressed"]) assert.strictEqual(typeof report.summary[field], "number", field);
        assert.deepStrictEqual([report.summary.readinessErrors, report.summary.readinessWarnings], [2, 2]);
        assert.deepStrictEqual(
            report.readiness.map((f: { check: string; severity: string; name: string }) => `${f.severity} ${f.check} ${f.name}`),
            ["error elasticache-multi-az cache", "error lambda-vpc-permissions api", "warning function-egress-path api", "warning cache-ingress cache"],
        );
        for (const finding of report.readiness) {
            assert.deepStrictEqual(Object.keys(finding), ["check", "severity", "urn", "name", "type", "message", "rule", "fix"]);
            assert.ok(report.resources.some((r: { urn: string }) => r.urn === finding.urn), `${finding.urn} is a planned resource`);
        }
        assert.ok(Array.isArray(report.deployPlan.waves) && report.deployPlan.waves.length > 1);
        assert.deepStrictEqual(report.deployPlan.slow, [{ urn: "urn:pulumi:dev::unready::aws:elasticache/replicationGroup:ReplicationGroup::cache", type: "aws:elasticache/replicationGroup:ReplicationGroup", typicalMinutes: [10, 20] }]);
        assert.deepStrictEqual(report.deployPlan.cycles, []);
    });

    it("shows a Deploy readiness and a Deploy plan section in the text report", async () => {
        const { code, out } = await plan(["--stack", "dev", "--program", UNREADY, "--preview"]);
        assert.strictEqual(code, 1);
        assert.match(out, /^Deploy readiness: 2 errors \(would fail at deploy\), 2 warnings \(would deploy but not work\)\. BLOCKED: AWS would reject the deploy\.$/m);
        assert.match(out, /^ {2}error {4}lambda-vpc-permissions {2}api \(aws:lambda\/function:Function\)$/m);
        assert.match(out, /^ {4}fix: {2}Grant them to "fn-role"/m);
        assert.match(out, /^Deploy plan: \d+ waves of creation\.$/m);
        assert.match(out, /^ {2}slow: cache \(aws:elasticache\/replicationGroup:ReplicationGroup\) ~10-20 min/m);
    });

    it("exits 1 for a readiness error alone, and 0 once it is fixed", async () => {
        const program = (subnetCidr: string) => {
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ready-")), "index.ts");
            const source = `import * as aws from "@pulumi/aws";
const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "${subnetCidr}" });
`;
            fs.writeFileSync(file, source);
            return file;
        };
        const outside = await plan(["--stack", "dev", "--format", "json", "--program", program("10.1.0.0/24")]);
        const report = JSON.parse(outside.out);
        assert.deepStrictEqual([report.summary.mandatory, report.summary.readinessErrors], [0, 1]);
        assert.strictEqual(outside.code, 1);
        const inside = await plan(["--stack", "dev", "--format", "json", "--program", program("10.0.1.0/24")]);
        assert.deepStrictEqual([JSON.parse(inside.out).summary.mandatory, JSON.parse(inside.out).summary.readinessErrors], [0, 0]);
        assert.strictEqual(inside.code, 0);
    });

    it("takes the account's Lambda concurrency quota", async () => {
        assert.strictEqual(parseArgs(["--stack", "dev", "--lambda-concurrency-limit", "3000"]).lambdaConcurrencyLimit, 3000);
        assert.throws(() => parseArgs(["--stack", "dev", "--lambda-concurrency-limit", "lots"]), /--lambda-concurrency-limit is "lots": it must be the account's Lambda concurrency quota/);
    });
});
