import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Network, NetworkArgs } from "../../components/network";
import { record, Recording, unwrap } from "../helpers/offline";
import { dependencyOf, LOGS_KEY_ARN, T } from "./topology";

/** Records a Network while capturing what it warns about. */
async function buildWatchingWarnings(args: NetworkArgs): Promise<{ rec: Recording; warnings: string[] }> {
    const warnings: string[] = [];
    const warn = pulumi.log.warn;
    (pulumi.log as { warn: unknown }).warn = (message: string) => {
        warnings.push(message);
        return Promise.resolve();
    };
    try {
        const rec = await record(() => new Network("net", { natStrategy: "single", ...args }));
        return { rec, warnings };
    } finally {
        (pulumi.log as { warn: unknown }).warn = warn;
    }
}

describe("Network flow logs", () => {
    it("logs ALL traffic of the VPC to a log group encrypted with the key passed in, kept for the days asked", async () => {
        const { rec, warnings } = await buildWatchingWarnings({ logsKeyArn: LOGS_KEY_ARN, flowLogRetentionDays: 14 });
        const flowLog = rec.one(T.flowLog);
        const logGroup = rec.one(T.logGroup);
        const inputs = unwrap(flowLog.inputs);
        assert.strictEqual(inputs.trafficType, "ALL");
        assert.strictEqual(inputs.logDestinationType, "cloud-watch-logs");
        assert.strictEqual(dependencyOf(flowLog, "vpcId"), rec.one(T.vpc).urn);
        assert.strictEqual(dependencyOf(flowLog, "logDestination"), logGroup.urn);
        assert.strictEqual(dependencyOf(flowLog, "iamRoleArn"), rec.one(T.role).urn);
        assert.deepStrictEqual(flowLog.options.dependsOn, [rec.one(T.rolePolicy).urn], "the role's permissions exist before the flow log");
        assert.strictEqual(unwrap(logGroup.inputs.kmsKeyId), LOGS_KEY_ARN);
        assert.strictEqual(unwrap(logGroup.inputs.retentionInDays), 14);
        assert.strictEqual(rec.ofType(T.key).length, 0);
        assert.deepStrictEqual(warnings, []);
    });

    it("the role trusts only this account's flow logs and may write only to its own log group", async () => {
        const { rec } = await buildWatchingWarnings({ logsKeyArn: LOGS_KEY_ARN });
        const trust = JSON.parse(unwrap(rec.one(T.role).inputs.assumeRolePolicy));
        assert.deepStrictEqual(trust.Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": "123456789012" },
                    ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" },
                },
            },
        ]);
        const policy = rec.one(T.rolePolicy);
        assert.strictEqual(dependencyOf(policy, "role"), rec.one(T.role).urn);
        const logGroupArn = unwrap<string>(rec.one(T.logGroup).outputs.arn);
        assert.match(logGroupArn, /^arn:aws:logs:us-east-1:123456789012:log-group:net-flow-logs-[0-9a-f]{7}$/);
        const statements = JSON.parse(unwrap(policy.inputs.policy)).Statement;
        assert.strictEqual(statements.length, 1);
        assert.deepStrictEqual(statements[0].Resource, [logGroupArn, `${logGroupArn}:log-stream:*`]);
        assert.deepStrictEqual(statements[0].Action, ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
    });

    it("without logsKeyArn it makes a rotating key that CloudWatch Logs may use only for this account's log groups, and warns", async () => {
        const { rec, warnings } = await buildWatchingWarnings({ protect: true });
        const key = rec.one(T.key);
        const keyInputs = unwrap(key.inputs);
        assert.strictEqual(keyInputs.enableKeyRotation, true);
        const statements: Record<string, any>[] = JSON.parse(keyInputs.policy).Statement;
        const forLogs = statements.find((s) => s.Principal?.Service === "logs.us-east-1.amazonaws.com");
        assert.ok(forLogs, "a statement for the regional Logs service");
        assert.deepStrictEqual(forLogs.Condition, {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" },
        });
        assert.ok(!statements.some((s) => s.Principal === "*" || s.Principal?.AWS === "*"), "no statement open to everyone");
        assert.strictEqual(dependencyOf(rec.one(T.logGroup), "kmsKeyId"), key.urn);
        assert.strictEqual(key.options.protect, true);
        assert.strictEqual(rec.one(T.logGroup).options.protect, true);
        assert.strictEqual(warnings.length, 1);
        assert.match(warnings[0], /"net" Network: no "logsKeyArn"/);
        assert.match(warnings[0], /baseline's logsKeyArn/);
    });

    it("leaves the log group unprotected by default", async () => {
        const { rec } = await buildWatchingWarnings({ logsKeyArn: LOGS_KEY_ARN });
        assert.strictEqual(rec.one(T.logGroup).options.protect, false);
    });
});
