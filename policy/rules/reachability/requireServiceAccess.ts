import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { inStackOrder, resourcesOfType } from "../../lib/stack";
import { Admission, keyAdmits, keysOf } from "./keys";
import { describe, linksFrom } from "./links";

interface Need {
    service: string;
    pattern: RegExp;
    actions: string[];
}

const LOGS: Need = { service: "logs.<region>.amazonaws.com", pattern: /^logs(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/, actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"] };
const TRAIL: Need = { service: "cloudtrail.amazonaws.com", pattern: /^cloudtrail\.amazonaws\.com$/, actions: ["kms:GenerateDataKey"] };
const ALARMS: Need = { service: "cloudwatch.amazonaws.com", pattern: /^cloudwatch\.amazonaws\.com$/, actions: ["kms:Decrypt", "kms:GenerateDataKey"] };
const EVENTS: Need = { service: "events.amazonaws.com", pattern: /^events\.amazonaws\.com$/, actions: ["kms:Decrypt", "kms:GenerateDataKey"] };

const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/compositeAlarm:CompositeAlarm"];
const ALARM_ACTIONS = ["alarmActions", "okActions", "insufficientDataActions"];

/** The services that must use a topic's key: CloudWatch when alarms notify it, EventBridge when rules target it. */
function publishersOf(resources: PolicyResource[], topic: PolicyResource): { need: Need; via: PolicyResource }[] {
    const found: { need: Need; via: PolicyResource }[] = [];
    const pointingAt = (types: string[], property: string) => linksFrom(resources, types, property, [topic.type]).referrers.get(topic.urn) ?? [];
    const alarm = inStackOrder(resources, ALARM_ACTIONS.flatMap((p) => pointingAt(ALARM_TYPES, p)))[0];
    if (alarm) found.push({ need: ALARMS, via: alarm });
    const target = pointingAt(["aws:cloudwatch/eventTarget:EventTarget"], "arn")[0];
    if (target) found.push({ need: EVENTS, via: target });
    return found;
}

export const requireServiceAccess = stackRule({
    name: "kms-key-require-service-access",
    category: "encryption",
    description: "A KMS key's policy must admit the AWS service that encrypts with it.",
    what: "Log groups' kmsKeyId keys must allow logs.<region>.amazonaws.com kms:Encrypt/Decrypt/GenerateDataKey; trails' kmsKeyId keys must allow cloudtrail.amazonaws.com kms:GenerateDataKey; a topic's kmsMasterKeyId key must allow cloudwatch.amazonaws.com when alarms notify the topic and events.amazonaws.com when EventBridge targets it (kms:Decrypt and kms:GenerateDataKey). The key is found through propertyDependencies (or an alias) and its `policy` parsed; a key with no policy has AWS's default, which admits no service.",
    why: "A key policy that leaves the service out fails late and quietly: the log group or trail fails to create on `pulumi up`, and an alarm's notification to an encrypted topic is dropped with no error anywhere, so the page never arrives.",
    fix: "Add a key policy statement for the service principal with those actions, scoped by its condition (kms:EncryptionContext:aws:logs:arn, aws:SourceArn, or aws:SourceAccount).",
    frameworks: { soc2: ["CC6.1", "CC7.2"], gdpr: ["32(1)(a)", "32(1)(b)"] },
    validate({ resources }, report) {
        // Thousands of log groups share a few keys: parse each key's policy once per service.
        const admissions = new Map<string, Admission>();
        const admits = (key: PolicyResource, need: Need) => {
            const id = `${key.urn}\n${need.service}`;
            if (!admissions.has(id)) admissions.set(id, keyAdmits(key, need.pattern, need.actions));
            return admissions.get(id)!;
        };
        const check = (user: PolicyResource, property: string, needs: { need: Need; via?: PolicyResource }[]) => {
            if (needs.length === 0) return;
            const { keys, external } = keysOf(resources, user, property);
            for (const key of keys) {
                for (const { need, via } of needs) {
                    const admission = admits(key, need);
                    if (admission.verdict !== "refused") continue;
                    const because = via ? ` (${describe(via)} publishes to it)` : "";
                    report(user, `Allow ${need.service} to call ${admission.missing.join(", ")} in the policy of key "${key.name}", which ${describe(user)} uses${because}.`);
                }
            }
            for (const id of external.filter((k) => /alias\/aws\//.test(k))) {
                report(user, `Use a customer managed key instead of "${id}" on ${describe(user)}: an AWS managed key's policy cannot admit ${needs.map((n) => n.need.service).join(" or ")}.`);
            }
        };
        for (const group of resourcesOfType(resources, "aws:cloudwatch/logGroup:LogGroup")) check(group, "kmsKeyId", [{ need: LOGS }]);
        for (const trail of resourcesOfType(resources, "aws:cloudtrail/trail:Trail")) check(trail, "kmsKeyId", [{ need: TRAIL }]);
        for (const topic of resourcesOfType(resources, "aws:sns/topic:Topic")) check(topic, "kmsMasterKeyId", publishersOf(resources, topic));
    },
});
