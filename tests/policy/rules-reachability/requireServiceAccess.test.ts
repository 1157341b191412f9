import * as assert from "assert";
import { ProgramRun } from "../../../tools/engine/run";
import { assertFails, assertNoNotes, assertPasses, doc } from "../helpers";
import { recordedPlatform } from "../rules-support/platform";
import { evaluateOnly, UNKNOWN, Variant } from "../rules-support/variants";

const POLICY = "kms-key-require-service-access";
const rootOnly = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" });

describe(POLICY, () => {
    let base: ProgramRun;
    let preview: ProgramRun;
    before(async () => {
        base = await recordedPlatform();
        preview = await recordedPlatform(true);
    });
    const check = (run: ProgramRun) => evaluateOnly(run, POLICY);
    const keyPolicy = (key: string, policy: unknown) => new Variant(base).edit(key, (p) => (p.policy = policy));

    it("Compliance: each key admits the service that encrypts with it", async () => {
        assertPasses(await check(base), POLICY);
    });

    it("Noncompliance 1: the logs key admits only the account, so every log group using it fails to create", async () => {
        const found = assertFails(
            await check(keyPolicy("logs-key", rootOnly).run),
            POLICY,
            ...["flow-logs", "api-logs", "aws-waf-logs-cdn", "trail-logs"].map(() => /^Allow logs\.<region>\.amazonaws\.com to call kms:Encrypt, kms:Decrypt, kms:GenerateDataKey in the policy of key "logs-key", which LogGroup "[^"]+" uses\.$/),
        );
        assert.deepStrictEqual(new Set(found.map((v) => v.type)), new Set(["aws:cloudwatch/logGroup:LogGroup"]));
    });

    it("Noncompliance 2: the trail key does not admit CloudTrail", async () => {
        assertFails(await check(keyPolicy("trail-key", rootOnly).run), POLICY, /^Allow cloudtrail\.amazonaws\.com to call kms:GenerateDataKey in the policy of key "trail-key", which Trail "trail" uses\.$/);
    });

    it("Noncompliance 3: the alerts key has no policy (AWS's default admits no service) while an alarm notifies the topic", async () => {
        const v = new Variant(base).edit("alerts-key", (p) => delete p.policy);
        assertFails(await check(v.run), POLICY, /^Allow cloudwatch\.amazonaws\.com to call kms:Decrypt, kms:GenerateDataKey in the policy of key "alerts-key", which Topic "alerts" uses \(MetricAlarm "api-errors" publishes to it\)\.$/);
    });

    it("Noncompliance 4: the topic uses the AWS managed key, whose policy cannot admit CloudWatch", async () => {
        const v = new Variant(base).remove("alerts-key").edit("alerts", (p) => (p.kmsMasterKeyId = "alias/aws/sns"));
        assertFails(await check(v.run), POLICY, /^Use a customer managed key instead of "alias\/aws\/sns" on Topic "alerts"/);
    });

    it("a topic nobody publishes to needs no service in its key", async () => {
        const v = new Variant(base).edit("alerts-key", (p) => (p.policy = rootOnly)).remove("api-errors");
        assertPasses(await check(v.run), POLICY);
    });

    it("preview: passes with no note, and a key policy unknown in preview is not judged", async () => {
        assertPasses(await check(preview), POLICY);
        assertNoNotes(await check(preview));
        assertPasses(await check(new Variant(preview).edit("logs-key", (p) => (p.policy = UNKNOWN)).run), POLICY);
    });
});
