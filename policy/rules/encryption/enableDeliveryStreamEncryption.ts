import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableDeliveryStreamEncryption = resourceRule({
    name: "firehose-enable-delivery-stream-encryption",
    category: "encryption",
    description: "Direct PUT Firehose delivery streams must encrypt buffered data at rest, with a customer managed key in the strict profile.",
    what: "Firehose delivery streams fed by Direct PUT (no kinesisSourceConfiguration or mskSourceConfiguration) without serverSideEncryption.enabled: true; the provider and the API leave it off. Streams that read from a Kinesis stream or MSK are covered by the source's encryption, and the provider rejects serverSideEncryption on them.",
    why: "Firehose holds records in its buffer, for up to 24 hours while a destination is failing; without server-side encryption they are not encrypted under a KMS key that a key policy guards and CloudTrail audits. What is delivered is the destination's business (S3 default encryption, Redshift, OpenSearch).",
    fix: 'Set serverSideEncryption: { enabled: true } (AWS owned key) or { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn }.',
    frameworks: { fsbp: ["DataFirehose.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "Firehose leaves server-side encryption off for Direct PUT streams unless serverSideEncryption is enabled (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    hardening: "server-side encryption with the AWS owned key (keyType AWS_OWNED_CMK, the default)",
    types: ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"],
    validate(resource, report) {
        for (const source of ["kinesisSourceConfiguration", "mskSourceConfiguration"]) {
            const value = get(resource.props, source);
            if (value !== undefined) return;
        }
        const enabled = get(resource.props, "serverSideEncryption", "enabled");
        if (isUnknown(enabled)) return;
        if (enabled === true) {
            const keyType = get(resource.props, "serverSideEncryption", "keyType");
            if (!isUnknown(keyType) && asString(keyType) !== "CUSTOMER_MANAGED_CMK") {
                report('Set serverSideEncryption.keyType to "CUSTOMER_MANAGED_CMK" with keyArn: an AWS owned key gives no key policy or CloudTrail record of its use.', { hardening: true });
            }
            return;
        }
        report("Set serverSideEncryption: { enabled: true } (keyType CUSTOMER_MANAGED_CMK with keyArn for your own key): the records it buffers are not encrypted under a KMS key.");
    },
});
