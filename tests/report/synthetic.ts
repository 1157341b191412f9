import * as aws from "@pulumi/aws";
import { estimateCost } from "../../tools/cost/estimate";
import type { Violation } from "../../tools/policy/evaluate";
import { buildReport } from "../../tools/policy/report";
import { reportResource } from "../../tools/plan";
import type { Finding } from "../../tools/readiness/lib";
import { packPolicies, StackOutcome } from "../../tools/report/outcome";
import { record } from "../helpers/offline";

/**
 * A small recorded program with one violation of each kind (mandatory, advisory, suppressed, and
 * one stack-wide) and a readiness error and warning, so every branch of the formats is exercised
 * whatever the real stacks report today. Policy names are real ones from the pack.
 */
export async function syntheticOutcome(): Promise<StackOutcome & { policies: { mandatory: string; advisory: string } }> {
    const rec = await record(() => {
        const key = new aws.kms.Key("key", {});
        new aws.cloudwatch.LogGroup("logs", { kmsKeyId: key.arn });
        new aws.sns.Topic("alerts", {});
    });
    const [key, logs, topic] = ["key", "logs", "alerts"].map((name) => rec.resources.find((r) => r.name === name)!);
    const mandatory = packPolicies().find((p) => p.level === "mandatory")!.name;
    const advisory = packPolicies().find((p) => p.level === "advisory")!.name;
    const violation = (policy: string, level: Violation["level"], resource: typeof key | null, message: string, reason: string | null = null): Violation => ({
        policy,
        level,
        urn: resource?.urn ?? null,
        name: resource?.name ?? null,
        type: resource?.type ?? null,
        message,
        suppressed: reason !== null,
        reason,
    });
    const violations = [
        violation(mandatory, "mandatory", logs, 'Encrypt "logs" with a customer managed key.'),
        violation(advisory, "advisory", key, 'Protect "key" from deletion.'),
        violation(mandatory, "mandatory", topic, "Encrypt the topic.", "A test topic that holds no data; exempted until 2027."),
        violation(advisory, "advisory", null, "Turn on CloudTrail for the account."),
    ];
    const finding = (severity: Finding["severity"], resource: typeof key, check: string): Finding => ({
        check,
        severity,
        urn: resource.urn,
        name: resource.name,
        type: resource.type,
        message: `${check} on ${resource.name}.`,
        rule: "An AWS rule.",
        fix: "Change the thing.",
    });
    const readiness = [finding("error", logs, "logs-kms-key-policy"), finding("warning", topic, "sns-no-subscribers")];
    const base = buildReport("synthetic", "tests/report/synthetic.ts", rec.resources.map(reportResource), violations);
    const report = { ...base, summary: { ...base.summary, readinessErrors: 1, readinessWarnings: 1 }, readiness, cost: estimateCost(rec.resources) };
    return { report, resources: rec.resources, notes: [], preview: false, policies: { mandatory, advisory } };
}
