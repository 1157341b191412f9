import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "../../tools/plan";
import { runReadiness } from "../../tools/readiness";
import { ARGUMENT_RULES, providerConflictingArguments } from "../../tools/readiness/checks/providerConflictingArguments";
import { securityhubConfigRecorder } from "../../tools/readiness/checks/securityhubConfigRecorder";
import { kmsKeyAccess } from "../../tools/readiness/checks/kmsKeyAccess";
import { Baseline } from "../../components/security";
import { AUTO_NAMED_PROPERTIES } from "../../tools/offline/aws";
import { checkProgram, messages } from "./world";

const EXAMPLES = path.join(__dirname, "..", "..", "examples", "readiness");
const AWS_SDK = path.dirname(require.resolve("@pulumi/aws/package.json"));

/** The argument names of a resource type's Args interface in the @pulumi/aws typings. */
function argsOf(type: string): Set<string> {
    const [, module, resource] = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(type)!;
    const typings = fs.readFileSync(path.join(AWS_SDK, module, `${resource}.d.ts`), "utf8");
    const body = /export interface [A-Za-z0-9]+Args \{([\s\S]*?)\n\}/.exec(typings)![1];
    return new Set([...body.matchAll(/^ {4}([A-Za-z0-9]+)\??:/gm)].map((m) => m[1]));
}

async function planExample(file: string, preview: boolean) {
    const plan = await planStack({ stack: "dev", program: path.join(EXAMPLES, file), preview });
    return (await runReadiness(plan.run)).findings.map((f) => `${f.severity} ${f.check} ${f.name}: ${f.message}`);
}

describe("readiness: provider argument rules", function () {
    this.timeout(120_000);

    describe("the curated table", () => {
        it("names only arguments that exist on each type in @pulumi/aws, with a source for every rule", () => {
            for (const rule of ARGUMENT_RULES) {
                const known = argsOf(rule.type);
                const names = rule.kind === "conflictsWith" ? [rule.argument, ...rule.with] : rule.arguments;
                for (const name of names) assert.ok(known.has(name), `${rule.type} has no argument "${name}"`);
                assert.match(rule.source, /terraform-provider-aws/, `${rule.type}: ${names.join(", ")}`);
            }
        });

        it("leaves out the properties the engine fills in with an auto-name, which would read as written", () => {
            for (const rule of ARGUMENT_RULES) {
                const names = rule.kind === "conflictsWith" ? [rule.argument, ...rule.with] : rule.arguments;
                assert.ok(!names.includes(AUTO_NAMED_PROPERTIES[rule.type]), `${rule.type} ${names.join(", ")}`);
            }
        });

        it("holds the rule the NAT instance broke", () => {
            assert.ok(ARGUMENT_RULES.some((r) => r.type === "aws:ec2/instance:Instance" && r.kind === "conflictsWith" && r.argument === "primaryNetworkInterface" && r.with.includes("sourceDestCheck")));
        });
    });

    describe("provider-conflicting-arguments", () => {
        const check = [providerConflictingArguments];
        const vpcAndEni = () => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const subnet = new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
            return { vpc, subnet, eni: new aws.ec2.NetworkInterface("eni", { subnetId: subnet.id, sourceDestCheck: false }) };
        };

        it("Compliance: an instance on its own interface that leaves sourceDestCheck to it; a route with one destination and one target", async () => {
            const checked = await checkProgram(() => {
                const { vpc, eni } = vpcAndEni();
                new aws.ec2.Instance("nat", { ami: "ami-0123456789abcdef0", instanceType: "t4g.nano", primaryNetworkInterface: { networkInterfaceId: eni.id } }, { ignoreChanges: ["sourceDestCheck"] });
                const table = new aws.ec2.RouteTable("rt", { vpcId: vpc.id });
                new aws.ec2.Route("out", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: eni.id });
            }, check);
            assert.deepStrictEqual(messages(checked), []);
        });

        it("Noncompliance 1: sourceDestCheck false beside primaryNetworkInterface is rejected, in preview too (the value is written, not unknown)", async () => {
            for (const preview of [false, true]) {
                const checked = await checkProgram(() => {
                    const { eni } = vpcAndEni();
                    new aws.ec2.Instance("nat", { ami: "ami-0123456789abcdef0", instanceType: "t4g.nano", primaryNetworkInterface: { networkInterfaceId: eni.id }, sourceDestCheck: false });
                }, check, { preview });
                assert.deepStrictEqual(messages(checked), [
                    'error: Instance "nat" sets "primaryNetworkInterface" and "sourceDestCheck", which the AWS provider rejects together (ConflictsWith): the preview fails before anything is created.',
                ], `preview=${preview}`);
                assert.match(checked.readiness.findings[0].fix, /ignoreChanges/);
            }
        });

        it("Noncompliance 2: a route with two targets, and one with none", async () => {
            const checked = await checkProgram(() => {
                const { vpc, eni } = vpcAndEni();
                const table = new aws.ec2.RouteTable("rt", { vpcId: vpc.id });
                const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
                new aws.ec2.Route("both", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id, networkInterfaceId: eni.id });
                new aws.ec2.Route("nowhere", { routeTableId: table.id, destinationCidrBlock: "10.1.0.0/16" });
            }, check);
            assert.deepStrictEqual(messages(checked), [
                'error: Route "both" sets "gatewayId", "networkInterfaceId": the AWS provider requires exactly one of them (ExactlyOneOf), so the preview fails before anything is created.',
                'error: Route "nowhere" sets none of "carrierGatewayId", "coreNetworkArn", "egressOnlyGatewayId", "gatewayId", "localGatewayId", "natGatewayId", "networkInterfaceId", "odbNetworkArn", "transitGatewayId", "vpcEndpointId", "vpcPeeringConnectionId": the AWS provider requires exactly one of them (ExactlyOneOf), so the preview fails before anything is created.',
            ]);
        });

        it("judges nothing it cannot see: a target that is unknown in preview is not \"none\", an empty list is not set", async () => {
            const checked = await checkProgram(() => {
                const { vpc, subnet } = vpcAndEni();
                const table = new aws.ec2.RouteTable("rt", { vpcId: vpc.id });
                const nat = new aws.ec2.NatGateway("nat", { subnetId: subnet.id, allocationId: "eipalloc-0123456789abcdef0" });
                new aws.ec2.Route("out", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
                new aws.ec2.Instance("box", { ami: "ami-0123456789abcdef0", instanceType: "t4g.nano", subnetId: subnet.id, ipv6Addresses: [], ipv6AddressCount: 1 });
            }, check, { preview: true });
            assert.deepStrictEqual(messages(checked), []);
        });

        it("Noncompliance 3: two encryptions on a queue, a token beside a user group, a managed password beside a password", async () => {
            const checked = await checkProgram(() => {
                new aws.sqs.Queue("jobs", { kmsMasterKeyId: "alias/jobs", sqsManagedSseEnabled: true });
                new aws.elasticache.ReplicationGroup("cache", {
                    description: "cache", nodeType: "cache.t4g.micro", numCacheClusters: 1, transitEncryptionEnabled: true,
                    authToken: pulumi.secret("Abcdefgh1234567!"), userGroupIds: ["api-users"],
                });
                new aws.rds.Instance("db", { instanceClass: "db.t4g.micro", engine: "postgres", allocatedStorage: 20, username: "app", manageMasterUserPassword: true, password: pulumi.secret("not-needed-here") });
            }, check);
            assert.deepStrictEqual(messages(checked).map((m) => m.replace(/, which the AWS provider.*$/, "")), [
                'error: ReplicationGroup "cache" sets "authToken" and "userGroupIds"',
                'error: Instance "db" sets "manageMasterUserPassword" and "password"',
                'error: Queue "jobs" sets "sqsManagedSseEnabled" and "kmsMasterKeyId"',
            ]);
            assert.ok(!JSON.stringify(checked.readiness.findings).includes("Abcdefgh1234567!"), "no secret in a finding");
        });
    });

    describe("securityhub-config-recorder", () => {
        const check = [securityhubConfigRecorder];
        it("Noncompliance 1: an Account alone enables the default standards, with nothing recording", async () => {
            const checked = await checkProgram(() => {
                new aws.securityhub.Account("hub", {});
            }, check);
            assert.deepStrictEqual(messages(checked), [
                'warning: Security Hub account "hub" enables the default standards, but the program has no AWS Config recorder: most controls will report nothing, and Config.1 fails at once as CRITICAL.',
            ]);
        });

        it("Noncompliance 2: a recorder that nothing starts, and a started recorder without a delivery channel", async () => {
            const unstarted = await checkProgram(() => {
                new aws.cfg.Recorder("recorder", { roleArn: "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig" });
                new aws.securityhub.Account("hub", { enableDefaultStandards: false });
                new aws.securityhub.StandardsSubscription("fsbp", { standardsArn: "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0" });
            }, check);
            assert.deepStrictEqual(messages(unstarted), [
                'warning: Security Hub standard "fsbp" is subscribed and the program has an AWS Config recorder, but nothing starts it (no RecorderStatus with isEnabled: true): it records nothing, so the controls report nothing.',
            ]);
            const channelless = await checkProgram(() => {
                const recorder = new aws.cfg.Recorder("recorder", { roleArn: "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig" });
                new aws.cfg.RecorderStatus("recording", { name: recorder.name, isEnabled: true });
            }, check);
            assert.deepStrictEqual(messages(channelless), [
                'warning: Recorder status "recording" starts AWS Config, but the program has no delivery channel: unless the region already has one, AWS refuses to start the recorder.',
            ]);
        });
    });

    describe("kms-key-access: AWS Config's delivery key", () => {
        const check = [kmsKeyAccess];
        const rootOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }] });
        const withConfig = (account: string) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                { Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "AWS:SourceAccount": account } } },
            ],
        });
        const program = (policy: string, via: "s3KmsKeyArn" | "bucket encryption") => () => {
            const key = new aws.kms.Key("config-key", { policy });
            const bucket = new aws.s3.Bucket("config-bucket", {});
            new aws.s3.BucketServerSideEncryptionConfiguration("config-bucket", {
                bucket: bucket.id,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
            });
            const recorder = new aws.cfg.Recorder("recorder", { roleArn: "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig" });
            new aws.cfg.DeliveryChannel("channel", { s3BucketName: bucket.bucket, ...(via === "s3KmsKeyArn" ? { s3KmsKeyArn: key.arn } : {}) }, { dependsOn: [recorder] });
        };

        for (const via of ["s3KmsKeyArn", "bucket encryption"] as const) {
            it(`Noncompliance: a key that leaves Config out, reached through ${via}; Compliance: the AWS Config guide's statement`, async () => {
                assert.deepStrictEqual(messages(await checkProgram(program(rootOnly, via), check)), [
                    'error: Delivery channel "channel" writes objects encrypted with key "config-key", whose policy does not let AWS Config kms:GenerateDataKey, kms:Decrypt: Config cannot write its check file, so creating the channel fails.',
                ]);
                assert.deepStrictEqual(messages(await checkProgram(program(withConfig("123456789012"), via), check)), []);
                assert.strictEqual(messages(await checkProgram(program(withConfig("210987654321"), via), check)).length, 1, "another account's Config is not this one");
            });
        }

        it("Bulwark's baseline lets AWS Config use the trail bucket's key, in both key layouts", async () => {
            for (const keyLayout of ["perPurpose", "shared"] as const) {
                const checked = await checkProgram(() => {
                    new Baseline("security", { ownAccountServices: true, keyLayout, region: "us-east-1" });
                }, check);
                assert.deepStrictEqual(messages(checked), [], keyLayout);
                assert.strictEqual(checked.rec.ofType("aws:cfg/deliveryChannel:DeliveryChannel").length, 1);
            }
        });
    });

    describe("examples/readiness", () => {
        for (const preview of [false, true]) {
            it(`conflicting-arguments: unready.ts has exactly its two mistakes, ready.ts none${preview ? " (preview)" : ""}`, async () => {
                const nat = 'error provider-conflicting-arguments nat: Instance "nat" sets "primaryNetworkInterface" and "sourceDestCheck", which the AWS provider rejects together (ConflictsWith): the preview fails before anything is created.';
                const queue = 'error provider-conflicting-arguments jobs: Queue "jobs" sets "sqsManagedSseEnabled" and "kmsMasterKeyId", which the AWS provider rejects together (ConflictsWith): the preview fails before anything is created.';
                // In a preview the queue's key ARN is unknown, and an unknown value is not judged (the provider's own check skips it too).
                assert.deepStrictEqual(await planExample("conflicting-arguments/unready.ts", preview), preview ? [nat] : [nat, queue]);
                assert.deepStrictEqual(await planExample("conflicting-arguments/ready.ts", preview), []);
            });

            it(`security-hub-config: unready.ts warns on both standards, ready.ts is quiet${preview ? " (preview)" : ""}`, async () => {
                const unready = await planExample("security-hub-config/unready.ts", preview);
                assert.deepStrictEqual(unready.map((f) => f.split(":")[0]), ["warning securityhub-config-recorder cis", "warning securityhub-config-recorder fsbp"]);
                assert.deepStrictEqual(await planExample("security-hub-config/ready.ts", preview), []);
            });
        }
    });
});
