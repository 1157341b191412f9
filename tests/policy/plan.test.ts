import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultPolicyConfigFile } from "../../tools/plan";
import { runPlanCli } from "../helpers/plan-cli";

const LOGS_ROLE = path.join(__dirname, "fixtures", "logs-role", "index.ts");
const BROAD = "iam-disallow-broad-managed-policies";

const plan = runPlanCli;

function configFile(content: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "config.json");
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
}

describe("npm run plan: the policy verdict", () => {
    it("writes the JSON contract and exits 1 on an unsuppressed mandatory violation", async () => {
        const { code, out } = await plan(["--stack", "dev", "--program", LOGS_ROLE, "--format", "json"]);
        assert.strictEqual(code, 1);
        const report = JSON.parse(out);
        // The contract's fields, in order; later fields may be added after them, never renamed.
        assert.deepStrictEqual(Object.keys(report).slice(0, 6), ["version", "stack", "program", "resources", "violations", "summary"]);
        assert.deepStrictEqual([report.version, report.stack, report.program], [1, "dev", path.relative(process.cwd(), LOGS_ROLE)]);
        const contract = ({ policy, level, urn, name, type, message, suppressed, reason }: Record<string, unknown>) => ({ policy, level, urn, name, type, message, suppressed, reason });
        const broad = report.violations.filter((v: { policy: string }) => v.policy === BROAD).map(contract);
        assert.deepStrictEqual(broad, [
            {
                policy: BROAD,
                level: "mandatory",
                urn: "urn:pulumi:dev::logs-role::aws:iam/role:Role::worker",
                name: "worker",
                type: "aws:iam/role:Role",
                message: 'Replace AWS managed policy "CloudWatchLogsFullAccess" with a policy granting only what the workload uses: statement 1 ("CloudWatchLogsFullAccess") grants every action of a service ("logs:*").',
                suppressed: false,
                reason: null,
            },
        ]);
        const open = report.violations.filter((v: { suppressed: boolean }) => !v.suppressed);
        const { resources, mandatory, advisory, suppressed } = report.summary;
        assert.deepStrictEqual({ resources, mandatory, advisory, suppressed }, {
            resources: report.resources.length,
            mandatory: open.filter((v: { level: string }) => v.level === "mandatory").length,
            advisory: open.filter((v: { level: string }) => v.level === "advisory").length,
            suppressed: report.violations.length - open.length,
        });
    });

    it("prints the findings grouped by resource under the tree, and the verdict", async () => {
        const { code, out } = await plan(["--stack", "dev", "--program", LOGS_ROLE]);
        assert.strictEqual(code, 1);
        assert.match(out, /^└─ aws:iam:Role worker {2}\[1 violation\]$/m);
        assert.match(out, /^aws:iam:Role worker\n(  .*\n)*  mandatory  iam-disallow-broad-managed-policies\n    Replace AWS managed policy "CloudWatchLogsFullAccess"/m);
        assert.match(out, /^\d+ mandatory, \d+ advisory, \d+ suppressed\. BLOCKED: /m);
    });

    it("applies an exemption from --policy-config, reports it as suppressed with its reason, and lets the plan pass", async () => {
        const file = configFile({ all: "advisory", [BROAD]: { enforcementLevel: "mandatory", exemptions: [{ resource: "worker", reason: "Log shipper needs logs:* until SEC-40 lands" }] } });
        const { code, out } = await plan(["--stack", "dev", "--program", LOGS_ROLE, "--format", "json", "--policy-config", file]);
        assert.strictEqual(code, 0);
        const report = JSON.parse(out);
        const [broad] = report.violations.filter((v: { policy: string }) => v.policy === BROAD);
        assert.deepStrictEqual([broad.level, broad.suppressed, broad.reason], ["mandatory", true, "Log shipper needs logs:* until SEC-40 lands"]);
        assert.strictEqual(report.summary.mandatory, 0);
        assert.strictEqual(report.summary.suppressed, 1);
    });

    it('lets "all": "advisory" turn every finding into a warning', async () => {
        const { code, out } = await plan(["--stack", "dev", "--program", LOGS_ROLE, "--format", "json", "--policy-config", configFile({ all: "advisory" })]);
        assert.strictEqual(code, 0);
        const report = JSON.parse(out);
        assert.ok(report.summary.advisory >= 1);
        assert.ok(report.violations.every((v: { level: string }) => v.level === "advisory"));
    });

    for (const [why, content, message] of [
        ["a config file that is not JSON", "{ all: mandatory", /^plan: Policy config .* is not valid JSON/],
        ["a config naming an unknown policy", { "iam-disallow-everything": "mandatory" }, /^plan: Policy config names "iam-disallow-everything", which is not a policy of the pack/],
        ["an exemption without a reason", { [BROAD]: { exemptions: [{ resource: "worker", reason: "" }] } }, /^plan: Policy config for "iam-disallow-broad-managed-policies" is invalid: \/exemptions\/0\/reason must NOT have fewer than 1 characters/],
    ] as const) {
        it(`exits 2 with one line for ${why}`, async () => {
            const { code, err } = await plan(["--stack", "dev", "--program", LOGS_ROLE, "--policy-config", configFile(content)]);
            assert.strictEqual(code, 2);
            assert.match(err, message);
            assert.strictEqual(err.trim().split("\n").length, 1, err);
        });
    }

    it("exits 2 when --policy-config names a missing file", async () => {
        const { code, err } = await plan(["--stack", "dev", "--program", LOGS_ROLE, "--policy-config", "nope.json"]);
        assert.strictEqual(code, 2);
        assert.match(err, /Policy config .*nope\.json does not exist/);
    });

    it("uses policy/config.<stack>.json by default when there is one", () => {
        const stack = `unit-${process.pid}`;
        const file = path.resolve(__dirname, "..", "..", "policy", `config.${stack}.json`);
        assert.strictEqual(defaultPolicyConfigFile(stack), undefined);
        fs.writeFileSync(file, "{}");
        try {
            assert.strictEqual(defaultPolicyConfigFile(stack), file);
            assert.strictEqual(defaultPolicyConfigFile(stack, "someone-elses-app"), undefined, "another project's stack of the same name");
        } finally {
            fs.unlinkSync(file);
        }
    });
});
