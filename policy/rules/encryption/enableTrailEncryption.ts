import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableTrailEncryption = resourceRule({
    name: "cloudtrail-enable-trail-encryption",
    category: "encryption",
    description: "CloudTrail trails must encrypt log files with a customer managed KMS key.",
    what: "Trails without kmsKeyId.",
    why: "The trail is the record of every API call; with SSE-KMS, reading it needs the key as well as the bucket, so a leaked bucket grant does not leak the audit log.",
    fix: "Set kmsKeyId to a key whose policy lets cloudtrail.amazonaws.com call kms:GenerateDataKey* (scoped by aws:SourceArn).",
    frameworks: { cis: ["3.5"], fsbp: ["CloudTrail.2"], soc2: ["CC6.1", "CC7.2"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "CloudTrail log files are encrypted with SSE-S3 when kmsKeyId is not set.",
    types: ["aws:cloudtrail/trail:Trail"],
    validate(resource, report) {
        if (get(resource.props, "kmsKeyId") === undefined) report("Set kmsKeyId to a customer managed KMS key that admits cloudtrail.amazonaws.com.");
    },
});
