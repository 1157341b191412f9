import * as aws from "@pulumi/aws";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

function compute() {
    new aws.ebs.Volume("data", { availabilityZone: "eu-west-1a", size: 20, encrypted: true });
    new aws.ebs.Volume("restored", { availabilityZone: "eu-west-1a", snapshotId: "snap-0123456789abcdef0" });
    new aws.ec2.Instance("worker", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t4g.nano",
        metadataOptions: { httpTokens: "required" },
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 10, encrypted: true }],
    });
    new aws.ec2.LaunchTemplate("workers", {
        imageId: "ami-0123456789abcdef0",
        metadataOptions: { httpTokens: "required" },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, encrypted: "true" } }],
    });
}

describeStackPolicyOnFixture("ec2-enable-volume-encryption", compute, "every volume, root device and template mapping is encrypted", [
    { name: "a volume without encrypted", change: (v) => v.edit("data", (p) => delete p.encrypted), messages: [/^Encrypt volume "data" \(encrypted: true with a KMS key\), or enable aws\.ebs\.EncryptionByDefault/], on: "data" },
    { name: "an instance with no rootBlockDevice (the AMI's root volume)", change: (v) => v.edit("worker", (p) => delete p.rootBlockDevice), messages: [/^Encrypt rootBlockDevice \(/], on: "worker" },
    { name: "an unencrypted extra device", change: (v) => v.edit("worker", (p) => (p.ebsBlockDevices[0].encrypted = false)), messages: [/^Encrypt ebsBlockDevices\[0\] \(/], on: "worker" },
    { name: "a launch template mapping with encrypted \"false\"", change: (v) => v.edit("workers", (p) => (p.blockDeviceMappings[0].ebs.encrypted = "false")), messages: [/^Encrypt blockDeviceMappings\[0\]\.ebs/], on: "workers" },
    { name: "a snapshot restore that turns encryption off", change: (v) => v.edit("restored", (p) => (p.encrypted = false)), messages: [/^Encrypt volume "restored"/] },
], [
    {
        name: "account-wide EncryptionByDefault covers everything",
        change: (v) => v.edit("data", (p) => delete p.encrypted).edit("worker", (p) => delete p.rootBlockDevice).add("aws:ebs/encryptionByDefault:EncryptionByDefault", "ebs-default", { enabled: true }),
    },
    { name: "preview: an encrypted flag not known yet", change: (v) => v.edit("data", (p) => (p.encrypted = UNKNOWN)), preview: true },
]);
