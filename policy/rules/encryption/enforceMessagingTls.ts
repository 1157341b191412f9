import { stackRule } from "../../lib/rule";
import { resourcesOfType } from "../../lib/stack";
import { linksOf } from "../reachability/links";
import { transportVerdict } from "./transport";

const KINDS = [
    { type: "aws:sns/topic:Topic", policy: "aws:sns/topicPolicy:TopicPolicy", property: "arn", service: "sns", actions: ["sns:Publish"], noun: "topic" },
    { type: "aws:sqs/queue:Queue", policy: "aws:sqs/queuePolicy:QueuePolicy", property: "queueUrl", service: "sqs", actions: ["sqs:SendMessage"], noun: "queue" },
];

export const enforceMessagingTls = stackRule({
    name: "sns-sqs-enforce-messaging-tls",
    category: "encryption",
    description: "SNS topic and SQS queue policies must deny publishing and sending without TLS.",
    what: 'Each Topic (its `policy` or a TopicPolicy whose `arn` is the topic) and each Queue (its `policy` or a QueuePolicy whose `queueUrl` is the queue) needs a Deny for Principal "*" on sns:Publish / sqs:SendMessage (or the whole service) when aws:SecureTransport is "false".',
    why: "Both services accept plain HTTP endpoints; the deny makes a client that is misconfigured to use them fail instead of sending message bodies in clear text.",
    fix: 'Add { Effect: "Deny", Principal: "*", Action: "sns:Publish" (or "sqs:*"), Resource: <arn>, Condition: { Bool: { "aws:SecureTransport": "false" } } } to the topic or queue policy.',
    frameworks: { soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "AWS SDKs and the CLI call SNS and SQS over HTTPS; the deny only stops a client configured for HTTP, so it is defence in depth.",
    validate({ resources }, report) {
        for (const kind of KINDS) {
            const policies = resourcesOfType(resources, kind.policy).map((p) => ({ policy: p, link: linksOf(resources, p, kind.property, [kind.type]) }));
            const unplaced = policies.some((p) => p.link.unresolved);
            const bySubject = new Map<string, typeof policies>();
            for (const p of policies) {
                for (const urn of new Set(p.link.targets.map((t) => t.urn))) {
                    if (bySubject.has(urn)) bySubject.get(urn)!.push(p);
                    else bySubject.set(urn, [p]);
                }
            }
            for (const subject of resourcesOfType(resources, kind.type)) {
                const own = (bySubject.get(subject.urn) ?? []).map((p) => p.policy);
                const verdict = transportVerdict([subject, ...own], kind.service, kind.actions);
                if (verdict === "missing" && !(own.length === 0 && unplaced)) {
                    report(own[0] ?? subject, `Add a statement to the policy of ${kind.noun} "${subject.name}" that denies ${kind.actions[0]} when aws:SecureTransport is false.`);
                }
            }
        }
    },
});
