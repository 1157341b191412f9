import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableQueueEncryption = resourceRule({
    name: "sqs-enable-queue-encryption",
    category: "encryption",
    description: "SQS queues must be encrypted at rest.",
    what: "Queues with neither kmsMasterKeyId nor sqsManagedSseEnabled, or with sqsManagedSseEnabled explicitly false and no key.",
    why: "Queued messages (dead letters especially) hold whole request payloads; unencrypted they are readable on the storage layer and in any backup.",
    fix: "Set kmsMasterKeyId to a customer managed key, or at least sqsManagedSseEnabled: true.",
    frameworks: { fsbp: ["SQS.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    types: ["aws:sqs/queue:Queue"],
    validate(resource, report) {
        const key = get(resource.props, "kmsMasterKeyId");
        const managed = get(resource.props, "sqsManagedSseEnabled");
        if (key === undefined && managed !== true && typeof managed !== "symbol") {
            report("Set kmsMasterKeyId to a customer managed KMS key (or sqsManagedSseEnabled: true).");
        }
    },
});
