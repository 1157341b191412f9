import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableFileSystemEncryption = resourceRule({
    name: "efs-enable-file-system-encryption",
    category: "encryption",
    description: "EFS file systems must be encrypted at rest, with a customer managed key in the strict profile.",
    what: "EFS FileSystems without encrypted: true. CreateFileSystem (the API the provider calls) leaves Encrypted false unless asked; only the console turns it on by default, and EFS has no account-level default. Encryption cannot be added to an existing file system.",
    why: "An unencrypted file system's data sits in clear on AWS storage and in its backups; since encryption is fixed at creation, the only fix later is a copy to a new file system and a migration of every client.",
    fix: "Set encrypted: true (with kmsKeyId for a customer managed key; without one EFS uses the aws/elasticfilesystem key), before the file system is created.",
    frameworks: { fsbp: ["EFS.1"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "CreateFileSystem leaves Encrypted false unless asked; only the console defaults to encryption, and EFS has no account-level default (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    hardening: "an encrypted file system without kmsKeyId (the aws/elasticfilesystem key)",
    types: ["aws:efs/fileSystem:FileSystem"],
    validate(resource, report) {
        const encrypted = get(resource.props, "encrypted");
        if (isUnknown(encrypted)) return;
        if (encrypted === true) {
            const key = get(resource.props, "kmsKeyId");
            if (!isUnknown(key) && (asString(key) ?? "").trim() === "") report("Set kmsKeyId to a customer managed KMS key: the AWS managed aws/elasticfilesystem key decrypts for every principal of the account allowed to mount.", { hardening: true });
            return;
        }
        report("Set encrypted: true (kmsKeyId optional): EFS stores this file system in clear, and encryption can only be chosen at creation.");
    },
});
