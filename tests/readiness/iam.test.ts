import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { iamConditionKeys } from "../../tools/readiness/checks/iamConditionKeys";
import { iamResourceTypes } from "../../tools/readiness/checks/iamResourceTypes";
import { iamUnknownActions } from "../../tools/readiness/checks/iamUnknownActions";
import { kmsKeyAccess } from "../../tools/readiness/checks/kmsKeyAccess";
import { lambdaVpcPermissions } from "../../tools/readiness/checks/lambdaVpcPermissions";
import { serviceTrust } from "../../tools/readiness/checks/serviceTrust";
import { arnCanMatchFormat } from "../../tools/readiness/lib";
import { checkProgram, checkWorld, messages } from "./world";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:cache-auth-AbCdEf";
const statement = (extra: object) => ({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: SECRET, ...extra });
const trustOf = (service: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });

describe("readiness: IAM that will not work", function () {
    this.timeout(60_000);

    describe("iam-unknown-actions", () => {
        const check = [iamUnknownActions];
        it("Compliance: real actions and wildcards that match some", async () => {
            const checked = await checkWorld({ roleStatements: [statement({ Action: ["secretsmanager:GetSecretValue", "secretsmanager:Describe*"] })] }, { checks: check });
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance: a typo is a warning with a suggestion; an action without a service prefix is an error", async () => {
            const checked = await checkWorld({ roleStatements: [statement({ Action: ["secretsmanager:GetSecretValu", "GetSecretValue"] })] }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: "GetSecretValue" in statement 1 of policy "fn-policy" is not of the form "service:Action": IAM rejects the document.',
                'warning: "secretsmanager:GetSecretValu" in statement 1 of policy "fn-policy" is not an action (did you mean "secretsmanager:GetSecretValue"?): the Allow has no effect for it.',
            ]);
        });
    });

    describe("iam-condition-keys", () => {
        const check = [iamConditionKeys];
        it("Compliance: service keys the action supports, global keys, and IfExists", async () => {
            const checked = await checkWorld(
                {
                    roleStatements: [
                        statement({ Condition: { StringEquals: { "secretsmanager:VersionStage": "AWSCURRENT", "aws:SourceVpc": "vpc-1" } } }),
                        { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com", "kms:EncryptionContext:SecretARN": SECRET } } },
                        statement({ Condition: { StringEqualsIfExists: { "s3:prefix": "x" } } }),
                    ],
                },
                { checks: check },
            );
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance: a key of another service, and a family key on an action without it", async () => {
            const checked = await checkWorld(
                {
                    roleStatements: [
                        statement({ Condition: { StringEquals: { "s3:prefix": "x" } } }),
                        { Effect: "Allow", Action: "kms:Describe*", Resource: "*", Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*" } } },
                    ],
                },
                { checks: check },
            );
            assert.deepStrictEqual(messages(checked), [
                'warning: statement 1 of policy "fn-policy" conditions "secretsmanager:GetSecretValue" on "s3:prefix", which that action does not support: the Allow never applies for "secretsmanager:GetSecretValue".',
                'warning: statement 2 of policy "fn-policy" conditions "kms:Describe*" on "kms:encryptioncontext:aws:logs:arn", which none of those actions supports: the Allow never applies for "kms:Describe*".',
            ]);
        });
    });

    describe("iam-resource-types", () => {
        const check = [iamResourceTypes];
        it("matches policy ARNs against the reference's ARN formats, wildcards on both sides", () => {
            assert.ok(arnCanMatchFormat("arn:aws:s3:::bucket/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
            assert.ok(!arnCanMatchFormat("arn:aws:s3:::bucket", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
            assert.ok(arnCanMatchFormat("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/x:*", "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}"));
            assert.ok(!arnCanMatchFormat("arn:aws:sqs:us-east-1:1:queue", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}"));
            assert.ok(arnCanMatchFormat("arn:aws:s3:::b?cket/key", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        });
        it("Compliance: object ARNs for object actions, * for actions without resource types", async () => {
            const checked = await checkWorld(
                {
                    roleStatements: [
                        { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::assets/*" },
                        { Effect: "Allow", Action: ["xray:PutTraceSegments"], Resource: "*" },
                        { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api:*" },
                    ],
                },
                { checks: check },
            );
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance: a bucket ARN for s3:GetObject, and an ARN for an action without resource types", async () => {
            const checked = await checkWorld(
                {
                    roleStatements: [
                        { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::assets" },
                        { Effect: "Allow", Action: ["xray:PutTraceSegments"], Resource: "arn:aws:xray:us-east-1:123456789012:group/x" },
                    ],
                },
                { checks: check },
            );
            assert.deepStrictEqual(messages(checked), [
                'warning: statement 1 of policy "fn-policy" grants "s3:GetObject" on arn:aws:s3:::assets, none of which is a resource type the action applies to (accesspointobject: arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}; object: arn:${Partition}:s3:::${BucketName}/${ObjectName}): it never matches.',
                'warning: statement 2 of policy "fn-policy" scopes "xray:PutTraceSegments" to arn:aws:xray:us-east-1:123456789012:group/x, but the action supports no resource-level permissions: it only matches Resource "*".',
            ]);
        });
    });

    describe("lambda-vpc-permissions", () => {
        const check = [lambdaVpcPermissions];
        it("Compliance: a RolePolicy the function depends on, or the AWS managed VPC access policy", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({ eniPolicy: "managed" }, { checks: check })), []);
        });
        it("Noncompliance 1: no network-interface permissions", async () => {
            const checked = await checkWorld({ eniPolicy: "none" }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Function "api" is in a VPC but its role "fn-role" does not allow ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface: Lambda refuses to create it.',
            ]);
        });
        it("Noncompliance 2: a Deny takes one back", async () => {
            const checked = await checkWorld({ roleStatements: [{ Effect: "Deny", Action: "ec2:DeleteNetworkInterface", Resource: "*" }] }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Function "api" is in a VPC but its role "fn-role" does not allow ec2:DeleteNetworkInterface: Lambda refuses to create it.',
            ]);
        });
        const scopedEni = (deleteOn: Record<string, unknown>) => [
            { Effect: "Allow", Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces"], Resource: "*" },
            { Effect: "Allow", Action: "ec2:DeleteNetworkInterface", ...deleteOn },
        ];
        it("Compliance: ec2:DeleteNetworkInterface on every resource of the region and account, as the Lambda guide asks", async () => {
            const checked = await checkWorld({ eniPolicy: "none", roleStatements: scopedEni({ Resource: "arn:aws:ec2:us-east-1:123456789012:*/*" }) }, { checks: check });
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance 4: ec2:DeleteNetworkInterface only on network-interface/*, or under an ec2:Vpc condition", async () => {
            const expected = [
                'error: Function "api" is in a VPC but its role "fn-role" allows ec2:DeleteNetworkInterface only on some resources or under a condition: Lambda checks it with no interface to name, and refuses to create the function.',
            ];
            const onInterfaces = await checkWorld({ eniPolicy: "none", roleStatements: scopedEni({ Resource: "arn:aws:ec2:us-east-1:123456789012:network-interface/*" }) }, { checks: check });
            assert.deepStrictEqual(messages(onInterfaces), expected);
            const conditioned = await checkWorld(
                { eniPolicy: "none", roleStatements: scopedEni({ Resource: "*", Condition: { ArnEquals: { "ec2:Vpc": "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1" } } }) },
                { checks: check },
            );
            assert.deepStrictEqual(messages(conditioned), expected);
        });
        it("Noncompliance 3: the granting policy is not waited for", async () => {
            const checked = await checkWorld({ eniPolicy: "rolePolicyNoDependsOn" }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'warning: Function "api" does not wait for "fn-policy", which grants its network-interface permissions: the first deploy can fail if Lambda checks the role first.',
            ]);
        });
    });

    describe("service-role-trust", () => {
        const check = [serviceTrust];
        it("Compliance: the function's role trusts Lambda", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
        });
        it("Noncompliance 1: a function role that trusts EC2", async () => {
            for (const preview of [false, true]) {
                const checked = await checkWorld({ trustService: "ec2.amazonaws.com" }, { checks: check, preview });
                assert.deepStrictEqual(messages(checked), ['error: Lambda function "api" uses role "fn-role", whose trust policy does not let lambda.amazonaws.com assume it.']);
            }
        });
        it("Noncompliance 2: flow log and trail roles that trust the wrong service; the right ones pass", async () => {
            const checked = await checkProgram(() => {
                const wrong = new aws.iam.Role("wrong", { assumeRolePolicy: trustOf("lambda.amazonaws.com") });
                const flowRole = new aws.iam.Role("flow", { assumeRolePolicy: trustOf("vpc-flow-logs.amazonaws.com") });
                const trailRole = new aws.iam.Role("trail", { assumeRolePolicy: trustOf("cloudtrail.amazonaws.com") });
                new aws.ec2.FlowLog("bad-flow", { vpcId: "vpc-1", trafficType: "ALL", logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:x", iamRoleArn: wrong.arn });
                new aws.ec2.FlowLog("good-flow", { vpcId: "vpc-1", trafficType: "ALL", logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:x", iamRoleArn: flowRole.arn });
                new aws.cloudtrail.Trail("bad-trail", { s3BucketName: "b", cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:t:*", cloudWatchLogsRoleArn: flowRole.arn });
                new aws.cloudtrail.Trail("good-trail", { s3BucketName: "b", cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:t:*", cloudWatchLogsRoleArn: trailRole.arn });
            }, check);
            assert.deepStrictEqual(messages(checked), [
                'error: CloudTrail trail "bad-trail" uses role "flow", whose trust policy does not let cloudtrail.amazonaws.com assume it.',
                'error: VPC flow log "bad-flow" uses role "wrong", whose trust policy does not let vpc-flow-logs.amazonaws.com assume it.',
            ]);
        });
    });

    describe("kms-key-access", () => {
        const check = [kmsKeyAccess];
        it("Compliance: a logs key that admits this region's log groups", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check, preview: true })), []);
        });
        it("Noncompliance 1: a key that only the account root may use", async () => {
            const checked = await checkWorld({ logsKeyPolicy: "root-only" }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Log group "fn-logs" is encrypted with key "logs-key", whose policy does not let CloudWatch Logs kms:Encrypt, kms:Decrypt, kms:GenerateDataKey for arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api: creating the log group fails.',
            ]);
        });
        it("Noncompliance 2: an encryption-context condition for another region's log groups", async () => {
            const checked = await checkWorld({ logsKeyPolicy: "condition-other-region" }, { checks: check });
            assert.strictEqual(messages(checked).length, 1);
            assert.match(messages(checked)[0], /does not let CloudWatch Logs kms:Encrypt, kms:Decrypt, kms:GenerateDataKey for arn:aws:logs:us-east-1:/);
        });
        it("Noncompliance 3: a key in another region than its log group", async () => {
            const checked = await checkWorld({ logsKeyPolicy: "key-in-other-region" }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Log group "fn-logs" (us-east-1) is encrypted with key "logs-key" from eu-west-1: CloudWatch Logs only uses keys in the log group\'s region.',
            ]);
        });
        it("Noncompliance 4: a trail key without CloudTrail, a trail key for another trail, and a key with the default policy", async () => {
            const checked = await checkProgram(() => {
                const trailStatement = (trail: string) => ({
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "kms:GenerateDataKey*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:123456789012:trail/${trail}` } },
                });
                const good = new aws.kms.Key("good-key", { policy: JSON.stringify({ Statement: [trailStatement("audit")] }) });
                const other = new aws.kms.Key("other-key", { policy: JSON.stringify({ Statement: [trailStatement("someone-else")] }) });
                const defaulted = new aws.kms.Key("default-key", {});
                new aws.cloudtrail.Trail("audit", { name: "audit", s3BucketName: "b", kmsKeyId: good.arn });
                new aws.cloudtrail.Trail("audit-2", { name: "audit-2", s3BucketName: "b", kmsKeyId: other.arn });
                new aws.cloudtrail.Trail("audit-3", { name: "audit-3", s3BucketName: "b", kmsKeyId: defaulted.arn });
            }, check);
            assert.deepStrictEqual(messages(checked), [
                'error: Trail "audit-2" is encrypted with key "other-key", whose policy does not let CloudTrail call kms:GenerateDataKey for arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-2: creating the trail fails.',
                'error: Trail "audit-3" is encrypted with key "default-key", whose default policy does not let CloudTrail call kms:GenerateDataKey for arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-3: creating the trail fails.',
            ]);
        });
        it("Noncompliance 5: a function environment key whose policy no account principal may grant from", async () => {
            const onlyDecrypt = JSON.stringify({
                Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/api" }, Action: "kms:Decrypt", Resource: "*" }],
            });
            const program = (policy: string | undefined) => () => {
                const key = new aws.kms.Key("env-key", { policy });
                new aws.lambda.Function("fn", { role: "arn:aws:iam::123456789012:role/api", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), kmsKeyArn: key.arn });
            };
            assert.deepStrictEqual(messages(await checkProgram(program(undefined), check)), [], "the default policy delegates to IAM");
            assert.deepStrictEqual(messages(await checkProgram(program(onlyDecrypt), check)), [
                'error: Function "fn" encrypts its environment with key "env-key", whose policy lets no principal of the account kms:CreateGrant or kms:Encrypt: Lambda cannot create its grant on the key and the deploy fails.',
            ]);
        });
    });
});
