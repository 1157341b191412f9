import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableQueueEncryption = resourceRule({
    name: "sqs-enable-queue-encryption",
    category: "encryption",
    description: "SQS queues must be encrypted at rest, with a customer managed key in the strict profile.",
    what: "Queues with sqsManagedSseEnabled explicitly false and no kmsMasterKeyId (unencrypted). A queue with neither setting is encrypted with SSE-SQS by AWS; asking for a customer managed key there is hardening.",
    why: "Queued messages (dead letters especially) hold whole request payloads; unencrypted they are readable on the storage layer and in any backup. SSE-SQS protects the storage layer but decrypts for anyone with sqs:ReceiveMessage; a customer managed key adds a second grant and logs every use.",
    fix: "Remove sqsManagedSseEnabled: false; for the strict profile set kmsMasterKeyId to a customer managed key.",
    frameworks: { fsbp: ["SQS.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "SQS encrypts new queues with SSE-SQS unless sqsManagedSseEnabled is false (since 17 October 2022).",
    hardening: "a queue on SSE-SQS without a customer managed key",
    types: ["aws:sqs/queue:Queue"],
    validate(resource, report) {
        const key = get(resource.props, "kmsMasterKeyId");
        const managed = get(resource.props, "sqsManagedSseEnabled");
        if (isUnknown(key) || (typeof key === "string" && key.trim() !== "")) return;
        if (managed === false) report("Remove sqsManagedSseEnabled: false (the queue is stored unencrypted), or set kmsMasterKeyId to a customer managed KMS key.");
        else if (!isUnknown(managed)) report("Set kmsMasterKeyId to a customer managed KMS key: SSE-SQS decrypts for anyone allowed to receive.", { hardening: true });
    },
});
