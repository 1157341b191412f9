import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableLogGroupEncryption = resourceRule({
    name: "cloudwatch-enable-log-group-encryption",
    category: "encryption",
    description: "CloudWatch log groups must be encrypted with a customer managed KMS key.",
    what: "LogGroups without kmsKeyId.",
    why: "Logs carry request paths, identifiers and error payloads; with a customer managed key, reading them needs kms:Decrypt as well as logs:GetLogEvents, and revoking the key revokes the data.",
    fix: "Set kmsKeyId to a key whose policy allows logs.<region>.amazonaws.com (scoped by the kms:EncryptionContext:aws:logs:arn condition).",
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "CloudWatch Logs always encrypts log data at rest with keys of its own; a customer managed key is hardening.",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    validate(resource, report) {
        if (get(resource.props, "kmsKeyId") === undefined) report("Set kmsKeyId to a customer managed KMS key that admits the CloudWatch Logs service.");
    },
});
