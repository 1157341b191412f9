import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableStreamEncryption = resourceRule({
    name: "kinesis-enable-stream-encryption",
    category: "encryption",
    description: "Kinesis data streams must encrypt records at rest, with a customer managed key in the strict profile.",
    what: 'Kinesis Streams whose encryptionType is not "KMS": the API and the provider default to "NONE", and Kinesis Data Streams has no account-level default encryption.',
    why: "Records stay in the stream for its whole retention period (24 hours to 365 days) in clear, readable by anything with kinesis:GetRecords and exposed in AWS storage without a key policy or a decrypt audit trail.",
    fix: 'Set encryptionType: "KMS" with kmsKeyId "alias/aws/kinesis" (AWS managed, no key to run) or a customer managed key ARN.',
    frameworks: { fsbp: ["Kinesis.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "Kinesis Data Streams leave encryptionType \"NONE\" unless asked; there is no account-level default (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    hardening: 'a stream encrypted with the AWS managed key (kmsKeyId "alias/aws/kinesis")',
    types: ["aws:kinesis/stream:Stream"],
    validate(resource, report) {
        const type = get(resource.props, "encryptionType");
        if (isUnknown(type)) return;
        if (asString(type)?.toUpperCase() === "KMS") {
            const key = get(resource.props, "kmsKeyId");
            if (!isUnknown(key) && ["", "alias/aws/kinesis"].includes((asString(key) ?? "").trim())) {
                report("Set kmsKeyId to a customer managed KMS key: the AWS managed alias/aws/kinesis key decrypts for anyone allowed kinesis:GetRecords.", { hardening: true });
            }
            return;
        }
        report('Set encryptionType to "KMS" with kmsKeyId "alias/aws/kinesis" or a customer managed key: records are stored in clear for the whole retention period.');
    },
});
