import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableTopicEncryption = resourceRule({
    name: "sns-enable-topic-encryption",
    category: "encryption",
    description: "SNS topics must be encrypted at rest with KMS.",
    what: "Topics without kmsMasterKeyId.",
    why: "Alert and event messages name resources, accounts and errors; server-side encryption keeps them encrypted while SNS stores them for delivery.",
    fix: "Set kmsMasterKeyId to a customer managed key whose policy admits the publishing services (cloudwatch.amazonaws.com, events.amazonaws.com).",
    frameworks: { fsbp: ["SNS.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "SNS does not encrypt topics at rest unless kmsMasterKeyId is set (no default server-side encryption).",
    types: ["aws:sns/topic:Topic"],
    validate(resource, report) {
        if (get(resource.props, "kmsMasterKeyId") === undefined) report("Set kmsMasterKeyId to a customer managed KMS key that admits the services publishing to the topic.");
    },
});
