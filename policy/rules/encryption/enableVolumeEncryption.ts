import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asArray, get, isUnknown, Read } from "../../lib/values";

const VOLUME = "aws:ebs/volume:Volume";
const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
const ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";

/** Encrypted, or not knowable yet (launch templates take the flag as the string "true"). */
function encrypted(value: Read): boolean {
    return value === true || value === "true" || isUnknown(value);
}

/** The unencrypted disks a resource declares, named for messages. */
function unencryptedDisks(type: string, props: unknown): string[] {
    switch (type) {
        case VOLUME:
            return encrypted(get(props, "encrypted")) || (get(props, "encrypted") === undefined && get(props, "snapshotId") !== undefined) ? [] : ["the volume"];
        case INSTANCE:
        case LAUNCH_CONFIGURATION: {
            const disks: string[] = [];
            if (!encrypted(get(props, "rootBlockDevice", "encrypted"))) disks.push("rootBlockDevice");
            (asArray(get(props, "ebsBlockDevices")) ?? []).forEach((device, i) => {
                const inherits = get(device, "encrypted") === undefined && get(device, "snapshotId") !== undefined;
                if (!encrypted(get(device, "encrypted")) && !inherits) disks.push(`ebsBlockDevices[${i}]`);
            });
            return disks;
        }
        case LAUNCH_TEMPLATE:
            return (asArray(get(props, "blockDeviceMappings")) ?? []).flatMap((mapping, i) => {
                const ebs = get(mapping, "ebs");
                if (ebs === undefined || isUnknown(ebs)) return [];
                const inherits = get(ebs, "encrypted") === undefined && get(ebs, "snapshotId") !== undefined;
                return encrypted(get(ebs, "encrypted")) || inherits ? [] : [`blockDeviceMappings[${i}].ebs`];
            });
        default:
            return [];
    }
}

export const enableVolumeEncryption = stackRule({
    name: "ec2-enable-volume-encryption",
    category: "encryption",
    description: "EBS volumes must be encrypted.",
    what: "EBS Volumes without encrypted: true, Instances whose rootBlockDevice or ebsBlockDevices are not encrypted (an instance with no rootBlockDevice block keeps its AMI's, usually unencrypted, root volume), LaunchTemplate blockDeviceMappings without ebs.encrypted, and LaunchConfigurations like Instances (rootBlockDevice, ebsBlockDevices). Volumes created from a snapshot inherit its encryption. An EncryptionByDefault resource in the stack (enabled) covers them all.",
    why: "An unencrypted volume's snapshots can be shared or copied to another account and mounted there; instance storage holds application data, logs and cached credentials.",
    fix: "Set encrypted: true (rootBlockDevice: { encrypted: true }, ebs: { encrypted: \"true\" }) with kmsKeyId, or turn on aws.ebs.EncryptionByDefault for the account and region.",
    frameworks: { cis: ["2.2.1"], fsbp: ["EC2.3", "EC2.7"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "EBS encrypts new volumes only when the account and Region opt in to encryption by default (off unless enabled); the program cannot see that setting.",
    validate({ resources }, report) {
        const byDefault = resourcesOfType(resources, ENCRYPTION_BY_DEFAULT).some((r) => get(propsOf(r), "enabled") !== false);
        if (byDefault) return;
        for (const resource of resourcesOfType(resources, VOLUME, INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION)) {
            const disks = unencryptedDisks(resource.type, propsOf(resource));
            if (disks.length === 0) continue;
            const subject = resource.type === VOLUME ? `volume "${resource.name}"` : disks.join(", ");
            report(resource, `Encrypt ${subject} (encrypted: true with a KMS key), or enable aws.ebs.EncryptionByDefault: its data and snapshots are stored in clear.`);
        }
    },
});
