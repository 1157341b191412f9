import * as assert from "assert";
import { assertRejects, record, Recording } from "../helpers/offline";
import { RecordedResource } from "../../tools/engine/recorder";
import {
    Baseline,
    BaselineArgs,
    CLOUDTRAIL_TRUST_EXEMPTION,
    EDGE_KEY_REGION,
    GUARDDUTY_FEATURES,
    validateBaselineArgs,
} from "../../components/security";

const ACCOUNT = "123456789012";
const TYPE = {
    baseline: "bulwark:security:Baseline",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    grant: "aws:kms/grant:Grant",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketPublicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketOwnership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    trail: "aws:cloudtrail/trail:Trail",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    rule: "aws:cloudwatch/eventRule:EventRule",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    detector: "aws:guardduty/detector:Detector",
    detectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
    hub: "aws:securityhub/account:Account",
    standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
    analyzer: "aws:accessanalyzer/analyzer:Analyzer",
    accountPublicAccess: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    serviceLinkedRole: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    recorder: "aws:cfg/recorder:Recorder",
    deliveryChannel: "aws:cfg/deliveryChannel:DeliveryChannel",
    recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
};

interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal: "*" | Record<string, string | string[]>;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

function statements(policyJson: string): PolicyStatement[] {
    return JSON.parse(policyJson).Statement;
}

function bySid(policyJson: string): Record<string, PolicyStatement> {
    const all = statements(policyJson);
    const sids = all.map((s) => s.Sid);
    assert.strictEqual(new Set(sids).size, all.length, `every statement has a distinct Sid: ${sids.join(", ")}`);
    return Object.fromEntries(all.map((s) => [s.Sid!, s]));
}

function list(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function keyPolicy(rec: Recording, purpose: string): string {
    return rec.inputs(TYPE.key, `security-${purpose}-key`).policy;
}

const rootAdmin: PolicyStatement = {
    Sid: "AccountAdministersKeyAndEnablesIamPolicies",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: "kms:*",
    Resource: "*",
};

function baseline(args: BaselineArgs = {}, options: Parameters<typeof record>[1] = {}): Promise<Recording> {
    return record(() => new Baseline("security", args), options);
}

describe("security Baseline", () => {
    describe("children", () => {
        const perStack = {
            [TYPE.key]: 5,
            [TYPE.alias]: 5,
            [TYPE.bucket]: 1,
            [TYPE.bucketPolicy]: 1,
            [TYPE.bucketPublicAccess]: 1,
            [TYPE.bucketOwnership]: 1,
            [TYPE.bucketEncryption]: 1,
            [TYPE.bucketVersioning]: 1,
            [TYPE.bucketLifecycle]: 1,
            [TYPE.logGroup]: 1,
            [TYPE.role]: 1,
            [TYPE.rolePolicy]: 1,
            [TYPE.trail]: 1,
            [TYPE.topic]: 1,
            [TYPE.topicPolicy]: 1,
        };

        it("a stack that does not own the account services makes only its own keys, trail and topic", async () => {
            const rec = await baseline({ ownAccountServices: false });
            rec.assertChildren(rec.one(TYPE.baseline).urn, perStack);
        });

        it("the owning stack adds GuardDuty, Security Hub, Access Analyzer, the account block and the finding routes", async () => {
            const rec = await baseline({ ownAccountServices: true });
            rec.assertChildren(rec.one(TYPE.baseline).urn, {
                ...perStack,
                [TYPE.detector]: 1,
                [TYPE.detectorFeature]: Object.keys(GUARDDUTY_FEATURES).length,
                [TYPE.hub]: 1,
                [TYPE.standard]: 2,
                [TYPE.analyzer]: 1,
                [TYPE.accountPublicAccess]: 1,
                [TYPE.rule]: 2,
                [TYPE.target]: 2,
                [TYPE.serviceLinkedRole]: 1,
                [TYPE.recorder]: 1,
                [TYPE.deliveryChannel]: 1,
                [TYPE.recorderStatus]: 1,
            });
        });

        it("without a trail there is no trail key, bucket, log group or role, and trail outputs are undefined", async () => {
            let component: Baseline | undefined;
            const rec = await record(() => {
                component = new Baseline("security", { enableTrail: false });
            });
            const { [TYPE.bucket]: _b, [TYPE.bucketPolicy]: _p, [TYPE.bucketPublicAccess]: _pa, [TYPE.bucketOwnership]: _o,
                [TYPE.bucketEncryption]: _e, [TYPE.bucketVersioning]: _v, [TYPE.bucketLifecycle]: _l, [TYPE.logGroup]: _g,
                [TYPE.role]: _r, [TYPE.rolePolicy]: _rp, [TYPE.trail]: _t, ...rest } = perStack;
            rec.assertChildren(rec.one(TYPE.baseline).urn, { ...rest, [TYPE.key]: 4, [TYPE.alias]: 4 });
            assert.deepStrictEqual(rec.ofType(TYPE.key).map((k) => k.name).sort(), ["security-alerts-key", "security-data-key", "security-edge-key", "security-logs-key"]);
            assert.strictEqual(component!.trailKeyArn, undefined);
            assert.strictEqual(component!.trailArn, undefined);
        });

        it("names every child after the component and parents it to the component", async () => {
            const rec = await baseline({ ownAccountServices: true, alertEmails: ["ops@example.com"] });
            const urn = rec.one(TYPE.baseline).urn;
            const children = rec.resources.filter((r) => r.type !== TYPE.baseline && r.type !== "pulumi:pulumi:Stack");
            assert.ok(children.length > 30);
            for (const child of children) {
                assert.ok(child.name.startsWith("security-"), `${child.type} ${child.name}`);
                assert.strictEqual(child.parent, urn, `${child.name} is a direct child`);
            }
        });

        it("plans in preview, where ids and ARNs are unknown, with the same children", async () => {
            const [preview, up] = [await baseline({ ownAccountServices: true }, { preview: true }), await baseline({ ownAccountServices: true })];
            assert.deepStrictEqual(preview.resources.map((r) => r.name).sort(), up.resources.map((r) => r.name).sort());
            // Names AWS needs before anything exists are known even in preview, so the policies are too.
            assert.strictEqual(JSON.parse(preview.inputs(TYPE.key, "security-alerts-key").policy).Statement.length, 3);
        });

        it("protects the keys, the trail bucket and the trail log group only when asked", async () => {
            const stateful = (r: RecordedResource) => [TYPE.key, TYPE.bucket, TYPE.logGroup].includes(r.type);
            const protectedRec = await baseline({ protect: true });
            for (const r of protectedRec.resources.filter(stateful)) assert.strictEqual(r.options.protect, true, r.name);
            assert.strictEqual(protectedRec.one(TYPE.topic).options.protect, false, "the topic holds no data");
            const unprotected = await baseline({ protect: false });
            for (const r of unprotected.resources.filter(stateful)) assert.strictEqual(r.options.protect, false, r.name);
        });

        it("lets an unprotected stack's destroy empty the versioned trail bucket, and never a protected one's", async () => {
            assert.strictEqual((await baseline({ protect: false })).inputs(TYPE.bucket).forceDestroy, true);
            assert.strictEqual((await baseline({ protect: true })).inputs(TYPE.bucket).forceDestroy, false);
        });
    });

    describe("KMS keys", () => {
        it("rotate yearly and wait the given deletion window", async () => {
            for (const days of [7, 30]) {
                const rec = await baseline({ kmsDeletionWindowDays: days });
                for (const key of rec.ofType(TYPE.key)) {
                    const inputs = rec.inputs(TYPE.key, key.name);
                    assert.strictEqual(inputs.enableKeyRotation, true, key.name);
                    assert.strictEqual(inputs.rotationPeriodInDays, 365, key.name);
                    assert.strictEqual(inputs.deletionWindowInDays, days, key.name);
                }
            }
        });

        it("each gets an alias that names the project, stack and purpose", async () => {
            const rec = await baseline();
            const aliases = rec.ofType(TYPE.alias).map((a) => rec.inputs(TYPE.alias, a.name).name).sort();
            assert.deepStrictEqual(aliases, ["alerts", "data", "edge", "logs", "trail"].map((p) => `alias/bulwark-dev-security-${p}`));
            const dataKeyId = rec.one(TYPE.key, "security-data-key").outputs.keyId;
            assert.strictEqual(rec.inputs(TYPE.alias, "security-data-alias").targetKeyId, dataKeyId);
        });

        it("logs key: CloudWatch Logs of this region, only for this account's log groups", async () => {
            const rec = await baseline({}, { region: "eu-west-1" });
            assert.deepStrictEqual(statements(keyPolicy(rec, "logs")), [
                rootAdmin,
                {
                    Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
                    Effect: "Allow",
                    Principal: { Service: "logs.eu-west-1.amazonaws.com" },
                    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
                },
            ]);
        });

        it("data key: the account administers; function roles only decrypt through Secrets Manager and Lambda", async () => {
            const roles = [`arn:aws:iam::${ACCOUNT}:role/api-a`, `arn:aws:iam::${ACCOUNT}:role/api-b`];
            const rec = await baseline({ functionRoleArns: roles });
            assert.deepStrictEqual(statements(keyPolicy(rec, "data")), [
                rootAdmin,
                {
                    Sid: "FunctionsDecryptThroughSecretsManagerAndLambda",
                    Effect: "Allow",
                    Principal: { AWS: roles },
                    Action: "kms:Decrypt",
                    Resource: "*",
                    Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "lambda.us-east-1.amazonaws.com"] } },
                },
            ]);
        });

        it("data key without function roles names no one but the account", async () => {
            const rec = await baseline();
            assert.deepStrictEqual(statements(keyPolicy(rec, "data")), [rootAdmin]);
        });

        it("trail key: CloudTrail encrypts for this trail only; the account decrypts the logs", async () => {
            const rec = await baseline();
            const trailArn = rec.one(TYPE.trail).outputs.arn as string;
            assert.strictEqual(trailArn, `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/bulwark-dev-security-trail`);
            const policy = bySid(keyPolicy(rec, "trail"));
            assert.deepStrictEqual(Object.keys(policy), [
                "AccountAdministersKeyAndEnablesIamPolicies", "CloudTrailEncryptsThisTrail", "CloudTrailDescribesKeyForThisTrail", "AccountDecryptsTrailLogs",
            ]);
            const encrypt = policy.CloudTrailEncryptsThisTrail;
            assert.deepStrictEqual(encrypt.Principal, { Service: "cloudtrail.amazonaws.com" });
            assert.deepStrictEqual(list(encrypt.Action), ["kms:GenerateDataKey*"]);
            assert.deepStrictEqual(encrypt.Condition, {
                StringEquals: { "aws:SourceArn": trailArn },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
            });
            assert.deepStrictEqual(policy.CloudTrailDescribesKeyForThisTrail.Condition, { StringEquals: { "aws:SourceArn": trailArn } });
            assert.deepStrictEqual(list(policy.CloudTrailDescribesKeyForThisTrail.Action), ["kms:DescribeKey"]);
            const decrypt = policy.AccountDecryptsTrailLogs;
            assert.deepStrictEqual(decrypt.Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
            assert.deepStrictEqual(list(decrypt.Action), ["kms:Decrypt", "kms:ReEncryptFrom"]);
            assert.strictEqual(decrypt.Condition?.StringEquals?.["kms:CallerAccount"], ACCOUNT);
        });

        it("alerts key: CloudWatch (this account) and EventBridge may use it for the alerts topic only", async () => {
            const rec = await baseline();
            const topicArn = rec.one(TYPE.topic).outputs.arn as string;
            assert.strictEqual(topicArn, `arn:aws:sns:us-east-1:${ACCOUNT}:bulwark-dev-security-alerts`);
            const policy = bySid(keyPolicy(rec, "alerts"));
            assert.deepStrictEqual(Object.keys(policy), ["AccountAdministersKeyAndEnablesIamPolicies", "CloudWatchAlarmsOfThisAccountPublish", "EventBridgeRulesPublish"]);
            for (const [sid, service] of [["CloudWatchAlarmsOfThisAccountPublish", "cloudwatch.amazonaws.com"], ["EventBridgeRulesPublish", "events.amazonaws.com"]]) {
                assert.deepStrictEqual(policy[sid].Principal, { Service: service });
                assert.deepStrictEqual(list(policy[sid].Action), ["kms:GenerateDataKey*", "kms:Decrypt"]);
                assert.strictEqual(policy[sid].Condition?.StringEquals?.["kms:EncryptionContext:aws:sns:topicArn"], topicArn, sid);
            }
            assert.strictEqual(policy.CloudWatchAlarmsOfThisAccountPublish.Condition?.StringEquals?.["aws:SourceAccount"], ACCOUNT);
            // EventBridge's KMS calls for encrypted topics carry no source keys; a SourceAccount condition would drop findings.
            assert.strictEqual(policy.EventBridgeRulesPublish.Condition?.StringEquals?.["aws:SourceAccount"], undefined);
        });

        it("edge key: lives in us-east-1 whatever the stack's region, with its alias, on the stack's own provider", async () => {
            let component: Baseline | undefined;
            const rec = await record(() => {
                component = new Baseline("security", {});
            }, { region: "eu-west-1" });
            assert.strictEqual(EDGE_KEY_REGION, "us-east-1");
            const key = rec.one(TYPE.key, "security-edge-key");
            const alias = rec.one(TYPE.alias, "security-edge-alias");
            assert.strictEqual(key.inputs.region, "us-east-1");
            assert.strictEqual(alias.inputs.region, "us-east-1", "an alias must be in its key's region");
            assert.strictEqual(alias.inputs.targetKeyId, key.outputs.keyId);
            // The per-resource region keeps the stack's credentials; an explicit provider would not read aws: config.
            assert.strictEqual(key.provider, null);
            assert.match(String(key.outputs.arn), new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/`));
            assert.strictEqual(rec.one(TYPE.baseline).outputs.edgeKeyArn, key.outputs.arn);
            assert.ok(component!.edgeKeyArn, "edgeKeyArn is a public output");
            // The other keys stay in the stack's region.
            for (const purpose of ["logs", "data", "trail", "alerts"]) {
                assert.strictEqual(rec.inputs(TYPE.key, `security-${purpose}-key`).region, undefined, purpose);
                assert.match(String(rec.one(TYPE.key, `security-${purpose}-key`).outputs.arn), /^arn:aws:kms:eu-west-1:/, purpose);
            }
        });

        it("edge key: WAF log groups, this account's log delivery and this account's distributions, nothing more", async () => {
            const rec = await baseline({}, { region: "eu-west-1" });
            assert.deepStrictEqual(statements(keyPolicy(rec, "edge")), [
                rootAdmin,
                {
                    Sid: "CloudWatchLogsEncryptsWafLogGroups",
                    Effect: "Allow",
                    Principal: { Service: "logs.us-east-1.amazonaws.com" },
                    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-waf-logs-*` } },
                },
                {
                    Sid: "LogDeliveryWritesThisAccountsEdgeLogs",
                    Effect: "Allow",
                    Principal: { Service: "delivery.logs.amazonaws.com" },
                    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                    Resource: "*",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": ACCOUNT },
                        ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:*` },
                    },
                },
                {
                    Sid: "CloudFrontReadsThisAccountsStaticAssets",
                    Effect: "Allow",
                    Principal: { Service: "cloudfront.amazonaws.com" },
                    Action: "kms:Decrypt",
                    Resource: "*",
                    Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudfront::${ACCOUNT}:distribution/*` } },
                },
            ]);
        });

        it("edge key policy is whole in preview: it names no edge resource, so the Cdn can depend on the key", async () => {
            const [preview, up] = [await baseline({}, { preview: true }), await baseline()];
            assert.deepStrictEqual(statements(keyPolicy(preview, "edge")), statements(keyPolicy(up, "edge")));
        });

        it("no key policy lets a wildcard principal in", async () => {
            const rec = await baseline({ ownAccountServices: true, functionRoleArns: [`arn:aws:iam::${ACCOUNT}:role/api`] });
            for (const key of rec.ofType(TYPE.key)) {
                for (const statement of statements(rec.inputs(TYPE.key, key.name).policy)) {
                    assert.notStrictEqual(statement.Principal, "*", `${key.name} ${statement.Sid}`);
                    for (const ids of Object.values(statement.Principal)) assert.ok(!list(ids).includes("*"), `${key.name} ${statement.Sid}`);
                }
            }
        });

        it("shared layout in us-east-1: one key serves every purpose, and each output names it", async () => {
            let component: Baseline | undefined;
            const rec = await record(() => {
                component = new Baseline("security", { keyLayout: "shared", region: "us-east-1", ownAccountServices: true });
            });
            assert.deepStrictEqual(rec.ofType(TYPE.key).map((k) => k.name), ["security-shared-key"]);
            assert.deepStrictEqual(rec.ofType(TYPE.alias).map((a) => a.inputs.name), ["alias/bulwark-dev-security-shared"]);
            const key = rec.one(TYPE.key);
            assert.strictEqual(key.inputs.region, undefined, "the stack's region is us-east-1 already");
            const outputs = rec.one(TYPE.baseline).outputs;
            for (const output of ["logsKeyArn", "dataKeyArn", "trailKeyArn", "alertsKeyArn", "edgeKeyArn"]) {
                assert.strictEqual(outputs[output], key.outputs.arn, output);
            }
            // Every consumer is wired to the one key.
            assert.strictEqual(rec.inputs(TYPE.trail).kmsKeyId, key.outputs.arn);
            assert.strictEqual(rec.inputs(TYPE.logGroup).kmsKeyId, key.outputs.arn);
            assert.strictEqual(rec.inputs(TYPE.topic).kmsMasterKeyId, key.outputs.arn);
            assert.strictEqual(rec.inputs(TYPE.deliveryChannel).s3KmsKeyArn, key.outputs.arn);
            assert.strictEqual(rec.inputs(TYPE.bucketEncryption).rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, key.outputs.arn);
            assert.ok(component!.grantDecrypt("late", "arn:aws:iam::123456789012:role/late"));
        });

        it("shared layout: the key's policy holds each purpose's statements unchanged, and the WAF statement the logs one covers", async () => {
            const shared = await baseline({ keyLayout: "shared", region: "us-east-1", ownAccountServices: true, functionRoleArns: ["arn:aws:iam::123456789012:role/api"] });
            const split = await baseline({ keyLayout: "perPurpose", region: "us-east-1", ownAccountServices: true, functionRoleArns: ["arn:aws:iam::123456789012:role/api"] });
            const sharedPolicy = bySid(shared.inputs(TYPE.key).policy);
            const expected: PolicyStatement[] = [rootAdmin];
            for (const purpose of ["logs", "data", "trail", "alerts", "edge"]) {
                expected.push(...statements(keyPolicy(split, purpose)).filter((st) => st.Sid !== rootAdmin.Sid && st.Sid !== "CloudWatchLogsEncryptsWafLogGroups"));
            }
            assert.deepStrictEqual(Object.values(sharedPolicy), expected);
            assert.ok(sharedPolicy.ConfigEncryptsItsDeliveries, "AWS Config may encrypt its deliveries to the trail bucket");
            // The logs statement already admits every log group of the account in us-east-1, WAF's included.
            assert.strictEqual(
                sharedPolicy.CloudWatchLogsEncryptsThisAccountsLogGroups.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"],
                `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`,
            );
        });

        it("shared layout outside us-east-1 keeps a separate edge key there, and its WAF statement", async () => {
            const rec = await baseline({ keyLayout: "shared", region: "eu-west-1" }, { region: "eu-west-1" });
            assert.deepStrictEqual(rec.ofType(TYPE.key).map((k) => k.name).sort(), ["security-edge-key", "security-shared-key"]);
            assert.strictEqual(rec.inputs(TYPE.key, "security-edge-key").region, "us-east-1");
            assert.strictEqual(rec.one(TYPE.baseline).outputs.edgeKeyArn, rec.one(TYPE.key, "security-edge-key").outputs.arn);
            assert.ok(bySid(keyPolicy(rec, "edge")).CloudWatchLogsEncryptsWafLogGroups);
            const sharedSids = Object.keys(bySid(keyPolicy(rec, "shared")));
            assert.ok(!sharedSids.some((sid) => ["CloudWatchLogsEncryptsWafLogGroups", "LogDeliveryWritesThisAccountsEdgeLogs", "CloudFrontReadsThisAccountsStaticAssets"].includes(sid)), sharedSids.join(", "));
        });

        it("grantDecrypt gives a late role Decrypt and DescribeKey on the data key, as a child of the baseline", async () => {
            const rec = await record(() => {
                const security = new Baseline("security", {});
                security.grantDecrypt("api", `arn:aws:iam::${ACCOUNT}:role/api`);
            });
            const grant = rec.one(TYPE.grant);
            assert.strictEqual(grant.name, "security-data-decrypt-api");
            assert.strictEqual(grant.parent, rec.one(TYPE.baseline).urn);
            const inputs = rec.inputs(TYPE.grant);
            assert.strictEqual(inputs.keyId, rec.one(TYPE.key, "security-data-key").outputs.keyId);
            assert.strictEqual(inputs.granteePrincipal, `arn:aws:iam::${ACCOUNT}:role/api`);
            assert.deepStrictEqual(inputs.operations, ["Decrypt", "DescribeKey"]);
        });
    });

    describe("CloudTrail", () => {
        it("is multi-region, records global services, validates files, and uses the trail key", async () => {
            const rec = await baseline();
            const trail = rec.inputs(TYPE.trail);
            assert.strictEqual(trail.name, "bulwark-dev-security-trail");
            assert.strictEqual(trail.isMultiRegionTrail, true);
            assert.strictEqual(trail.includeGlobalServiceEvents, true);
            assert.strictEqual(trail.enableLogFileValidation, true);
            assert.strictEqual(trail.enableLogging, true);
            assert.strictEqual(trail.kmsKeyId, rec.one(TYPE.key, "security-trail-key").outputs.arn);
            assert.strictEqual(trail.s3BucketName, rec.one(TYPE.bucket).id);
        });

        it("waits for the bucket policy, the bucket encryption and the log delivery policy", async () => {
            const rec = await baseline();
            const dependsOn = rec.one(TYPE.trail).options.dependsOn;
            for (const type of [TYPE.bucketPolicy, TYPE.bucketEncryption, TYPE.rolePolicy]) {
                assert.ok(dependsOn.includes(rec.one(type).urn), `trail depends on ${type}`);
            }
        });

        it("delivers to an encrypted log group through a role that can only write its streams", async () => {
            const rec = await baseline({ trailLogRetentionDays: 90 });
            const logGroup = rec.one(TYPE.logGroup);
            const groupInputs = rec.inputs(TYPE.logGroup);
            assert.strictEqual(groupInputs.retentionInDays, 90);
            assert.strictEqual(groupInputs.kmsKeyId, rec.one(TYPE.key, "security-logs-key").outputs.arn);
            const trail = rec.inputs(TYPE.trail);
            assert.strictEqual(trail.cloudWatchLogsGroupArn, `${logGroup.outputs.arn}:*`);
            assert.strictEqual(trail.cloudWatchLogsRoleArn, rec.one(TYPE.role).outputs.arn);

            // CloudTrail documents that this role's trust cannot carry source conditions, so the pack's rule is exempted, with the reason.
            const exemption = rec.inputs(TYPE.role).tags["bulwark:exempt:iam-role-require-scoped-trust"];
            assert.strictEqual(exemption, CLOUDTRAIL_TRUST_EXEMPTION);
            assert.match(exemption, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u, "a valid IAM tag value");
            const trust = statements(rec.inputs(TYPE.role).assumeRolePolicy);
            assert.deepStrictEqual(trust.map((s) => [s.Principal, s.Action]), [[{ Service: "cloudtrail.amazonaws.com" }, "sts:AssumeRole"]]);
            assert.deepStrictEqual(statements(rec.inputs(TYPE.rolePolicy).policy), [{
                Sid: "WriteTrailLogStreams",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${logGroup.outputs.arn}:log-stream:*`,
            }]);
        });

        it("keeps its S3 copy private, owner-enforced, KMS-encrypted, versioned and expiring", async () => {
            const rec = await baseline({ trailArchiveDays: 400 });
            const bucketId = rec.one(TYPE.bucket).id;
            assert.deepStrictEqual(rec.inputs(TYPE.bucketPublicAccess), {
                bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
            });
            assert.deepStrictEqual(rec.inputs(TYPE.bucketOwnership), { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } });
            const sse = rec.inputs(TYPE.bucketEncryption).rules[0];
            assert.deepStrictEqual(sse.applyServerSideEncryptionByDefault, {
                sseAlgorithm: "aws:kms", kmsMasterKeyId: rec.one(TYPE.key, "security-trail-key").outputs.arn,
            });
            assert.strictEqual(rec.inputs(TYPE.bucketVersioning).versioningConfiguration.status, "Enabled");
            const [rule] = rec.inputs(TYPE.bucketLifecycle).rules;
            assert.strictEqual(rule.status, "Enabled");
            assert.strictEqual(rule.expiration.days, 400);
            assert.strictEqual(rule.noncurrentVersionExpiration.noncurrentDays, 30);
        });

        it("bucket policy: TLS only, and CloudTrail writes only for this trail under this account's prefix", async () => {
            const rec = await baseline();
            const bucketArn = rec.one(TYPE.bucket).outputs.arn as string;
            const trailArn = rec.one(TYPE.trail).outputs.arn as string;
            assert.deepStrictEqual(statements(rec.inputs(TYPE.bucketPolicy).policy), [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [bucketArn, `${bucketArn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
                {
                    Sid: "AWSCloudTrailAclCheck",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:GetBucketAcl",
                    Resource: bucketArn,
                    Condition: { StringEquals: { "aws:SourceArn": trailArn } },
                },
                {
                    Sid: "AWSCloudTrailWrite",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/*`,
                    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
                },
            ]);
        });

        it("two stacks in one account get distinct trail, topic and alias names", async () => {
            const dev = await baseline({}, { stack: "dev" });
            const prod = await baseline({}, { stack: "prod" });
            assert.notStrictEqual(dev.inputs(TYPE.trail).name, prod.inputs(TYPE.trail).name);
            assert.notStrictEqual(dev.inputs(TYPE.topic).name, prod.inputs(TYPE.topic).name);
            assert.strictEqual(prod.inputs(TYPE.topic).name, "bulwark-prod-security-alerts");
        });
    });

    describe("alerts topic", () => {
        it("is encrypted with the alerts key and subscribes each address by email", async () => {
            const rec = await baseline({ alertEmails: ["ops@example.com", "Sec.Team@example.org"] });
            assert.strictEqual(rec.inputs(TYPE.topic).kmsMasterKeyId, rec.one(TYPE.key, "security-alerts-key").outputs.arn);
            const topicArn = rec.one(TYPE.topic).outputs.arn;
            const subscriptions = rec.ofType(TYPE.subscription).map((s) => ({ name: s.name, ...rec.inputs(TYPE.subscription, s.name) }));
            assert.deepStrictEqual(subscriptions.map((s) => [s.name, s.protocol, s.endpoint, s.topic]).sort(), [
                ["security-alerts-email-ops-example-com", "email", "ops@example.com", topicArn],
                ["security-alerts-email-sec-team-example-org", "email", "Sec.Team@example.org", topicArn],
            ]);
        });

        it("policy: this account's alarms and rules publish; nothing publishes without TLS", async () => {
            const rec = await baseline();
            const topicArn = rec.one(TYPE.topic).outputs.arn as string;
            assert.strictEqual(rec.inputs(TYPE.topicPolicy).arn, topicArn);
            assert.deepStrictEqual(statements(rec.inputs(TYPE.topicPolicy).policy), [
                {
                    Sid: "CloudWatchAlarmsOfThisAccountPublish",
                    Effect: "Allow",
                    Principal: { Service: "cloudwatch.amazonaws.com" },
                    Action: "sns:Publish",
                    Resource: topicArn,
                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                },
                {
                    Sid: "EventBridgeRulesOfThisAccountPublish",
                    Effect: "Allow",
                    Principal: { Service: "events.amazonaws.com" },
                    Action: "sns:Publish",
                    Resource: topicArn,
                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                },
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sns:Publish",
                    Resource: topicArn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]);
        });
    });

    describe("account-level services", () => {
        it("GuardDuty: enabled, with S3, Lambda network and malware protection on and EKS, runtime and RDS off", async () => {
            const rec = await baseline({ ownAccountServices: true });
            const detector = rec.one(TYPE.detector);
            assert.strictEqual(rec.inputs(TYPE.detector).enable, true);
            const features = Object.fromEntries(rec.ofType(TYPE.detectorFeature).map((f) => {
                const inputs = rec.inputs(TYPE.detectorFeature, f.name);
                assert.strictEqual(inputs.detectorId, detector.id);
                return [inputs.name, inputs.status];
            }));
            assert.deepStrictEqual(features, {
                S3_DATA_EVENTS: "ENABLED",
                LAMBDA_NETWORK_LOGS: "ENABLED",
                EBS_MALWARE_PROTECTION: "ENABLED",
                EKS_AUDIT_LOGS: "DISABLED",
                RUNTIME_MONITORING: "DISABLED",
                RDS_LOGIN_EVENTS: "DISABLED",
            });
        });

        it("Security Hub: subscribes FSBP and CIS 3.0 explicitly, after the hub exists", async () => {
            const rec = await baseline({ ownAccountServices: true }, { region: "eu-central-1" });
            assert.strictEqual(rec.inputs(TYPE.hub).enableDefaultStandards, false);
            const hubUrn = rec.one(TYPE.hub).urn;
            const subscribed = rec.ofType(TYPE.standard).map((s) => {
                assert.ok(s.options.dependsOn.includes(hubUrn), `${s.name} waits for the hub`);
                return rec.inputs(TYPE.standard, s.name).standardsArn;
            }).sort();
            assert.deepStrictEqual(subscribed, [
                "arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                "arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
            ]);
        });

        it("Security Hub's standards wait for AWS Config to record", async () => {
            const rec = await baseline({ ownAccountServices: true });
            const status = rec.one(TYPE.recorderStatus);
            for (const standard of rec.ofType(TYPE.standard)) assert.ok(standard.options.dependsOn.includes(status.urn), standard.name);
        });

        it("AWS Config records every supported type, global ones included, continuously, through its service-linked role", async () => {
            const rec = await baseline({ ownAccountServices: true });
            assert.strictEqual(rec.inputs(TYPE.serviceLinkedRole).awsServiceName, "config.amazonaws.com");
            const recorder = rec.inputs(TYPE.recorder);
            assert.strictEqual(recorder.name, "bulwark-dev-security-config");
            assert.strictEqual(recorder.roleArn, rec.one(TYPE.serviceLinkedRole).outputs.arn);
            assert.deepStrictEqual(recorder.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
            assert.deepStrictEqual(recorder.recordingMode, { recordingFrequency: "CONTINUOUS" });
        });

        it("AWS Config delivers to the trail bucket under config/, with the trail key, and starts once it can deliver", async () => {
            const rec = await baseline({ ownAccountServices: true });
            const channel = rec.one(TYPE.deliveryChannel);
            assert.strictEqual(channel.inputs.s3BucketName, rec.one(TYPE.bucket).outputs.bucket);
            assert.strictEqual(channel.inputs.s3KeyPrefix, "config");
            assert.strictEqual(channel.inputs.s3KmsKeyArn, rec.one(TYPE.key, "security-trail-key").outputs.arn);
            assert.deepStrictEqual(channel.options.dependsOn.sort(), [rec.one(TYPE.recorder).urn, rec.one(TYPE.bucketPolicy).urn].sort());
            const status = rec.one(TYPE.recorderStatus);
            assert.strictEqual(status.inputs.isEnabled, true);
            assert.strictEqual(status.inputs.name, rec.inputs(TYPE.recorder).name);
            assert.deepStrictEqual(status.options.dependsOn, [channel.urn]);
        });

        it("AWS Config may use the trail key and write the bucket only for this account", async () => {
            const rec = await baseline({ ownAccountServices: true });
            const bucketArn = rec.one(TYPE.bucket).outputs.arn as string;
            const thisAccount = { "aws:SourceAccount": ACCOUNT };
            const bucketPolicy = bySid(rec.inputs(TYPE.bucketPolicy).policy);
            assert.deepStrictEqual(
                ["AWSConfigBucketPermissionsCheck", "AWSConfigBucketExistenceCheck", "AWSConfigBucketDelivery"].map((sid) => bucketPolicy[sid]),
                [
                    { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: thisAccount } },
                    { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringEquals: thisAccount } },
                    {
                        Sid: "AWSConfigBucketDelivery",
                        Effect: "Allow",
                        Principal: { Service: "config.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: `${bucketArn}/config/AWSLogs/${ACCOUNT}/Config/*`,
                        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...thisAccount } },
                    },
                ],
            );
            assert.deepStrictEqual(bySid(keyPolicy(rec, "trail")).ConfigEncryptsItsDeliveries, {
                Sid: "ConfigEncryptsItsDeliveries",
                Effect: "Allow",
                Principal: { Service: "config.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: { StringEquals: thisAccount },
            });
            // A stack that does not own the account services grants Config nothing.
            const plain = await baseline({ ownAccountServices: false });
            assert.ok(!Object.keys(bySid(plain.inputs(TYPE.bucketPolicy).policy)).some((sid) => sid.startsWith("AWSConfig")));
            assert.strictEqual(bySid(keyPolicy(plain, "trail")).ConfigEncryptsItsDeliveries, undefined);
        });

        it("Access Analyzer watches the account and the account blocks public S3 access", async () => {
            const rec = await baseline({ ownAccountServices: true });
            assert.deepStrictEqual(rec.inputs(TYPE.analyzer), { analyzerName: "bulwark-dev-security-account", type: "ACCOUNT" });
            assert.deepStrictEqual(rec.inputs(TYPE.accountPublicAccess), {
                blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
            });
        });

        it("routes GuardDuty findings of severity 7+ and new HIGH/CRITICAL Security Hub findings to the alerts topic", async () => {
            const rec = await baseline({ ownAccountServices: true });
            const topicArn = rec.one(TYPE.topic).outputs.arn;
            const patterns = Object.fromEntries(rec.ofType(TYPE.rule).map((r) => [r.name, JSON.parse(rec.inputs(TYPE.rule, r.name).eventPattern)]));
            assert.deepStrictEqual(patterns["security-guardduty-findings"], {
                source: ["aws.guardduty"],
                "detail-type": ["GuardDuty Finding"],
                detail: { severity: [{ numeric: [">=", 7] }] },
            });
            assert.deepStrictEqual(patterns["security-securityhub-findings"], {
                source: ["aws.securityhub"],
                "detail-type": ["Security Hub Findings - Imported"],
                detail: { findings: { Severity: { Label: ["HIGH", "CRITICAL"] }, Workflow: { Status: ["NEW"] }, RecordState: ["ACTIVE"] } },
            });
            for (const rule of rec.ofType(TYPE.rule)) {
                const target = rec.inputs(TYPE.target, `${rule.name}-to-alerts`);
                assert.strictEqual(target.rule, rule.outputs.name);
                assert.strictEqual(target.arn, topicArn);
            }
        });
    });

    describe("validation", () => {
        const cases: [string, BaselineArgs, RegExp][] = [
            ["a deletion window below 7 days", { kmsDeletionWindowDays: 6 }, /"kmsDeletionWindowDays" is 6: it must be an integer between 7 and 30/],
            ["a deletion window above 30 days", { kmsDeletionWindowDays: 31 }, /"kmsDeletionWindowDays" is 31/],
            ["a fractional deletion window", { kmsDeletionWindowDays: 7.5 }, /"kmsDeletionWindowDays" is 7.5/],
            ["a log retention CloudWatch does not offer", { trailLogRetentionDays: 100 }, /"trailLogRetentionDays" is 100: it must be one of the CloudWatch Logs retention values 1, 3, 5/],
            ["an archive of zero days", { trailArchiveDays: 0 }, /"trailArchiveDays" is 0: it must be an integer between 1 and 3650/],
            ["a malformed email", { alertEmails: ["ops@example.com", "not-an-email"] }, /"alertEmails\[1\]" is "not-an-email": it must be an email address/],
            ["a duplicated email", { alertEmails: ["ops@example.com", "ops@example.com"] }, /"alertEmails\[1\]" is "ops@example.com": it must be listed once/],
            ["a function role that is not a role ARN", { functionRoleArns: ["arn:aws:iam::123456789012:user/bob"] }, /"functionRoleArns\[0\]" is "arn:aws:iam::123456789012:user\/bob": it must be an IAM role ARN/],
            ["a non-boolean flag", { ownAccountServices: "yes" as unknown as boolean }, /"ownAccountServices" is "yes": it must be true or false/],
            ["an unknown key layout", { keyLayout: "one" as "shared" }, /"keyLayout" is "one": it must be one of "perPurpose", "shared"/],
            ["a region that is not one", { region: "us-east" }, /"region" is "us-east": it must be an AWS region/],
            ["the account services without a trail", { ownAccountServices: true, enableTrail: false }, /"enableTrail" is false: it must be true when ownAccountServices is true: AWS Config delivers/],
        ];
        for (const [what, args, message] of cases) {
            it(`rejects ${what}, naming the field, before registering anything`, async () => {
                assert.throws(() => validateBaselineArgs("security", args), message);
                assert.throws(() => validateBaselineArgs("security", args), /^ConfigError/);
                await assertRejects(record(() => new Baseline("security", args)), message, /In "security" Baseline/);
            });
        }

        it("a rejected Baseline leaves nothing registered", async () => {
            const rec = await record(() => {
                assert.throws(() => new Baseline("security", { kmsDeletionWindowDays: 3 }), /kmsDeletionWindowDays/);
            });
            assert.deepStrictEqual(rec.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
        });

        it("rejects a component name that cannot be part of a trail or topic name", () => {
            assert.throws(() => validateBaselineArgs("my security", {}), /In "my security" Baseline, "name" is "my security"/);
        });

        it("applies the documented defaults", () => {
            const defaults = validateBaselineArgs("security");
            assert.deepStrictEqual({ ...defaults, functionRoleArns: [...defaults.functionRoleArns] }, {
                kmsDeletionWindowDays: 30,
                protect: false,
                functionRoleArns: [],
                enableTrail: true,
                trailLogRetentionDays: 365,
                trailArchiveDays: 365,
                ownAccountServices: false,
                alertEmails: [],
                keyLayout: "perPurpose",
                region: undefined,
            });
        });
    });
});
