import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableTableEncryption = resourceRule({
    name: "dynamodb-enable-table-encryption",
    category: "encryption",
    description: "DynamoDB tables must be encrypted with a KMS key the account controls.",
    what: "Tables without serverSideEncryption.enabled: true (without it DynamoDB uses an AWS owned key, which no key policy governs and CloudTrail never shows).",
    why: "With an AWS owned key, anyone allowed dynamodb:GetItem or Scan reads the data and nothing records the decryption; a KMS key adds a second permission, an audit trail and a way to revoke access to the table and its backups.",
    fix: "Set serverSideEncryption: { enabled: true, kmsKeyArn: key.arn } with a customer managed key (enabled alone uses the AWS managed aws/dynamodb key).",
    frameworks: { fsbp: ["DynamoDB.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "DynamoDB encrypts every table at rest with an AWS owned key (since November 2018); serverSideEncryption only chooses the key.",
    types: ["aws:dynamodb/table:Table"],
    validate(resource, report) {
        const enabled = get(resource.props, "serverSideEncryption", "enabled");
        if (enabled === true || isUnknown(enabled)) return;
        report("Set serverSideEncryption to { enabled: true, kmsKeyArn } with a customer managed KMS key: the default AWS owned key cannot be audited or revoked.");
    },
});
