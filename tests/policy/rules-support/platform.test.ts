import * as assert from "assert";
import { policies } from "../../../policy/rules";
import { edgeRules } from "../../../policy/rules/edge";
import { encryptionRules } from "../../../policy/rules/encryption";
import { exposureRules } from "../../../policy/rules/exposure";
import { loggingRules } from "../../../policy/rules/logging";
import { reachabilityRules } from "../../../policy/rules/reachability";
import { resilienceRules } from "../../../policy/rules/resilience";
import { recordedPlatform } from "./platform";
import { evaluateOnly } from "./variants";

const AREAS = [...encryptionRules, ...exposureRules, ...loggingRules, ...resilienceRules, ...edgeRules, ...reachabilityRules].map((r) => r.name);

describe("the compliant platform fixture", () => {
    for (const preview of [false, true]) {
        it(`passes every encryption, exposure, logging, resilience, edge and reachability policy${preview ? " in preview, with no note" : ""}`, async () => {
            const evaluation = await evaluateOnly(await recordedPlatform(preview), ...AREAS);
            assert.deepStrictEqual(evaluation.violations.map((v) => `${v.policy}: ${v.message}`), []);
            assert.deepStrictEqual(evaluation.notes, []);
        });
    }

    it("covers resources of every type these policies judge, so each one-change variant starts from a real pass", async () => {
        const types = new Set((await recordedPlatform()).resources.map((r) => r.type));
        for (const needed of ["aws:lambda/function:Function", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:cloudfront/distribution:Distribution", "aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:cloudtrail/trail:Trail", "aws:sns/topic:Topic", "aws:ec2/flowLog:FlowLog", "aws:wafv2/webAcl:WebAcl"]) {
            assert.ok(types.has(needed), needed);
        }
        assert.strictEqual(AREAS.length, policies.filter((p) => AREAS.includes(p.name)).length);
    });
});
