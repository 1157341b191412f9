import * as assert from "assert";
import { runPlanCli } from "../helpers/plan-cli";
import { loadInput } from "../../tools/input";
import { readStackExport } from "../../tools/input/state";
import { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../../tools/engine/recorder";
import { evaluate, providersOf } from "../../tools/policy/evaluate";
import { runReadiness } from "../../tools/readiness";
import { ciphertexts, fixture, GO_EXPORT, PYTHON_EXPORT, tempFile } from "./helpers";

interface JsonViolation {
    policy: string;
    name: string | null;
    level: string;
    suppressed: boolean;
}

async function planJson(args: string[]): Promise<{ code: number; report: any }> {
    const { code, out, err } = await runPlanCli([...args, "--format", "json"]);
    assert.ok(out !== "", `no report: ${err}`);
    return { code, report: JSON.parse(out) };
}

const found = (report: { violations: JsonViolation[] }, policy: string, name: string) => report.violations.some((v) => v.policy === policy && v.name === name && !v.suppressed);

describe("plan --from-state: a Python program's stack export", () => {
    it("judges the deployed stack with the pack: exit 1 on its mandatory findings", async () => {
        const { code, report } = await planJson(["--from-state", PYTHON_EXPORT]);
        assert.strictEqual(code, 1);
        assert.strictEqual(report.stack, "dev");
        assert.ok(found(report, "s3-bucket-configure-public-access-block", "site-bucket-public-access"));
        assert.ok(found(report, "ec2-security-group-disallow-public-ingress", "bastion"));
        assert.ok(found(report, "cloudfront-distribution-enforce-viewer-https", "site-cdn"));
        // The stack policy reads across resources: the bucket policy's Principal "*" and the open public access block.
        assert.ok(found(report, "cloudfront-disallow-origin-bypass", "site-bucket"));
        assert.strictEqual(report.summary.mandatory, report.violations.filter((v: JsonViolation) => v.level === "mandatory" && !v.suppressed).length);
    });

    it("leaves out a resource read with get() and says so", async () => {
        const { report } = await planJson(["--from-state", PYTHON_EXPORT]);
        assert.ok(!report.resources.some((r: { name: string }) => r.name === "default"));
        assert.deepStrictEqual(report.input.skipped, [{ urn: "urn:pulumi:dev::py-site::aws:ec2/vpc:Vpc::default", reason: "read with get(), not managed by this stack" }]);
        assert.strictEqual(report.input.format, "stack-export");
    });

    it("keeps components and their children as the program registered them", () => {
        const { run } = loadInput(PYTHON_EXPORT, "stack-export");
        const site = run.resources.find((r) => r.urn === "urn:pulumi:dev::py-site::acme:web:StaticSite::site")!;
        assert.strictEqual(site.custom, false);
        const children = run.resources.filter((r) => r.parent === site.urn).map((r) => r.name);
        assert.deepStrictEqual(children, ["site-bucket", "site-bucket-public-access", "site-bucket-policy", "site-cdn"]);
        // Resource references reach policies as the engine marshals them without KeepResources: the ID.
        assert.strictEqual(site.outputs.bucket, "site-bucket-4c1f0e2");
        assert.strictEqual(site.outputs.distribution, "E2QWRUHAPOMQZL");
    });

    it("drops the engine's internal keys (__meta, __defaults) as SkipInternalKeys does", () => {
        const { run } = loadInput(PYTHON_EXPORT, "stack-export");
        const bucket = run.resources.find((r) => r.name === "site-bucket")!;
        assert.ok(!("__meta" in bucket.outputs));
        assert.ok(!("__defaults" in bucket.inputs));
        assert.strictEqual(bucket.outputs.bucket, "site-bucket-4c1f0e2");
    });

    it("hands policies a ciphertext secret as a secret whose value is unknown", () => {
        const { run, secrets } = loadInput(PYTHON_EXPORT, "stack-export");
        const version = run.resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion")!;
        assert.deepStrictEqual(version.inputs.secretString, { [SPECIAL_SIG_KEY]: SECRET_SIG, value: UNKNOWN });
        assert.strictEqual(secrets.size, 0);
    });

    it("prints no ciphertext in any format", async () => {
        const secrets = ciphertexts(fixture(PYTHON_EXPORT));
        assert.ok(secrets.length >= 4);
        for (const format of ["text", "json", "markdown", "sarif"]) {
            const { out, err } = await runPlanCli(["--from-state", PYTHON_EXPORT, "--format", format]);
            for (const secret of secrets) {
                assert.ok(!out.includes(secret) && !out.includes(secret.slice(0, 24)), `${format} report prints a ciphertext`);
                assert.ok(!err.includes(secret.slice(0, 24)));
            }
        }
    });

    it("takes the region from the default provider", async () => {
        const { run } = loadInput(PYTHON_EXPORT, "stack-export");
        assert.strictEqual(run.region, "us-west-2");
        const { report } = await planJson(["--from-state", PYTHON_EXPORT]);
        assert.match(report.cost.note, /the stack is in us-west-2/);
    });

    it("finds the same with CrossGuard's own analyzer", async () => {
        const { run } = loadInput(PYTHON_EXPORT, "stack-export");
        const shared = await evaluate(run);
        const crossguard = await evaluate(loadInput(PYTHON_EXPORT, "stack-export").run, { engine: "crossguard" });
        assert.ok(shared.violations.length > 10);
        assert.deepStrictEqual(crossguard, shared);
    });
});

describe("plan --from-state: one copy of a large export", () => {
    it("turns the parsed objects into the plan's instead of copying them, and lets go of the rest", () => {
        const doc = fixture(GO_EXPORT);
        const stored = [...doc.deployment.resources];
        const { run } = readStackExport(doc, "go-export.json");
        const db = run.resources.find((r) => r.name === "orders")!;
        const storedDb = stored.find((r: any) => r.urn === db.urn);
        assert.strictEqual(db.inputs, storedDb.inputs, "the inputs object is the parsed one, converted in place");
        assert.strictEqual(db.outputs, storedDb.outputs);
        assert.ok(doc.deployment.resources.every((r: unknown) => r === undefined), "the document holds no resource once read");
    });
});

describe("plan --from-state: a Go program's stack export", () => {
    it("resolves explicit and default providers from the state, with their config", () => {
        const { run } = loadInput(GO_EXPORT, "stack-export");
        const { defaults, providerOf } = providersOf(run);
        assert.deepStrictEqual(defaults, [], "the export carries its default provider: none is invented");
        const key = run.resources.find((r) => r.name === "app-key")!;
        const db = run.resources.find((r) => r.name === "orders")!;
        assert.strictEqual(providerOf(key)!.name, "euwest1");
        assert.strictEqual(providerOf(key)!.properties.region, "eu-west-1");
        assert.strictEqual(providerOf(db)!.name, "default_7_48_0");
        assert.strictEqual(providerOf(db)!.properties.region, "us-east-1");
        assert.ok(!("__internal" in run.resources.find((r) => r.name === "default_7_48_0")!.inputs));
    });

    it("keeps the options policies read: protect, custom timeouts, additional secret outputs", async () => {
        const { run } = loadInput(GO_EXPORT, "stack-export");
        const db = run.resources.find((r) => r.name === "orders")!;
        assert.strictEqual(db.options.protect, true);
        assert.deepStrictEqual(db.options.customTimeouts, { create: "2400s", update: "4800s" });
        assert.deepStrictEqual(db.options.additionalSecretOutputs, ["password"]);
        const { report } = await planJson(["--from-state", GO_EXPORT]);
        assert.ok(!found(report, "stateful-resources-enable-protect", "orders"), "protect: true in the state is seen");
        assert.ok(found(report, "stateful-resources-enable-protect", "app-key"));
        assert.ok(found(report, "rds-enable-storage-encryption", "orders"));
        assert.ok(found(report, "iam-disallow-wildcard-actions", "app-admin"));
    });

    it("judges a replaced resource once, as it is now, not its copy pending deletion", async () => {
        const { report } = await planJson(["--from-state", GO_EXPORT]);
        const queues = report.resources.filter((r: { type: string }) => r.type === "aws:sqs/queue:Queue");
        assert.strictEqual(queues.length, 1);
        const unencrypted = report.violations.filter((v: JsonViolation & { message: string }) => v.name === "jobs" && /Remove sqsManagedSseEnabled: false/.test(v.message));
        assert.deepStrictEqual(unencrypted, [], "the live queue has SSE-SQS on; only its copy pending deletion had it off");
        assert.match(report.input.skipped[0].reason, /pending deletion/);
    });

    it("takes the account from the stack's ARNs, so account-aware checks judge the real account", async () => {
        const { run } = loadInput(GO_EXPORT, "stack-export");
        assert.strictEqual(run.account, "111122223333");
        const withAccount = await runReadiness(run);
        assert.ok(!withAccount.findings.some((f) => f.check === "kms-key-access"), "the key policy admits logs for the group in account 111122223333");
        // The same stack judged as if it were in another account: the key policy's condition no longer admits the group.
        const elsewhere = await runReadiness({ ...run, account: "999999999999" });
        assert.ok(elsewhere.findings.some((f) => f.check === "kms-key-access" && f.name === "app-logs"));
    });

    it("places a resource in its explicit provider's region", async () => {
        const doc = fixture(GO_EXPORT);
        // Move the key to the default provider (us-east-1): the eu-west-1 log group can no longer use it.
        doc.deployment.resources[4].provider = doc.deployment.resources[6].provider;
        const { report } = await planJson(["--from-state", tempFile(doc)]);
        const finding = report.readiness.find((f: { check: string }) => f.check === "kms-key-access");
        assert.match(finding.message, /Log group "app-logs" \(eu-west-1\) is encrypted with key "app-key" from us-east-1/);
        assert.strictEqual(report.summary.readinessErrors, 1);
    });

    it("reads the same stack from a backend checkpoint file", async () => {
        const doc = fixture(GO_EXPORT);
        const checkpoint = { version: 3, checkpoint: { stack: "prod", latest: doc.deployment } };
        const fromExport = await planJson(["--from-state", GO_EXPORT]);
        const fromCheckpoint = await planJson(["--from-state", tempFile(checkpoint)]);
        assert.deepStrictEqual(fromCheckpoint.report.violations, fromExport.report.violations);
    });
});

describe("plan --from-state: plaintext secrets (pulumi stack export --show-secrets)", () => {
    /** A function with an access key in its environment and an instance whose type came from a secret. */
    function showSecretsExport(): any {
        const doc = fixture(GO_EXPORT);
        const provider = doc.deployment.resources[6].provider;
        const secret = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) });
        doc.deployment.resources.push(
            {
                urn: "urn:pulumi:prod::go-logs::aws:lambda/function:Function::worker",
                custom: true,
                id: "worker-1a2b3c4",
                type: "aws:lambda/function:Function",
                inputs: { environment: { variables: { AWS_ACCESS_KEY_ID: secret("AKIAQWERTYUIOPASDFGH") } }, handler: "main", name: "worker-1a2b3c4", role: "arn:aws:iam::111122223333:role/app-7d1c2e9", runtime: "provided.al2023" },
                outputs: { arn: "arn:aws:lambda:us-east-1:111122223333:function:worker-1a2b3c4", name: "worker-1a2b3c4" },
                provider,
            },
            {
                urn: "urn:pulumi:prod::go-logs::aws:ec2/instance:Instance::box",
                custom: true,
                id: "i-0abc123def4567890",
                type: "aws:ec2/instance:Instance",
                inputs: { ami: "ami-0123456789abcdef0", instanceType: secret("m7g.medium") },
                outputs: { arn: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc123def4567890", instanceType: secret("m7g.medium") },
                provider,
            },
        );
        return doc;
    }

    it("gives policies the value, as the engine does after an update", async () => {
        const { report } = await planJson(["--from-state", tempFile(showSecretsExport())]);
        assert.ok(found(report, "lambda-function-disallow-plaintext-secrets", "worker"));
    });

    it("never prints the value: every format is scrubbed of it", async () => {
        const file = tempFile(showSecretsExport());
        for (const format of ["text", "json", "markdown", "sarif"]) {
            const { out } = await runPlanCli(["--from-state", file, "--format", format]);
            assert.ok(out.length > 0);
            assert.ok(!out.includes("AKIAQWERTYUIOPASDFGH"), `${format} prints the access key`);
            assert.ok(!out.includes("m7g.medium"), `${format} prints the secret instance type`);
        }
        // The cost estimate names an instance's type: that is where this secret would have shown.
        const { out } = await runPlanCli(["--from-state", file]);
        assert.match(out, /box: EC2 \[secret\]/);
    });
});
