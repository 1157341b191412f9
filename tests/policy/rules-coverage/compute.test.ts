import * as aws from "@pulumi/aws";
import { describeResourcePolicy } from "../rules-support/resourceCases";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

const AMI = "ami-0c7217cdde317cfec";

describeResourcePolicy({
    policy: "ec2-disallow-launch-public-ip",
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: { imageId: AMI, instanceType: "t3.micro", networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: ["sg-0123"] }] },
    alsoCompliant: [
        { name: "a template that leaves addressing to the subnet", props: { imageId: AMI, vpcSecurityGroupIds: ["sg-0123"] } },
        { name: "a launch configuration without a public IP", type: "aws:ec2/launchConfiguration:LaunchConfiguration", props: { imageId: AMI, instanceType: "t3.micro", associatePublicIpAddress: false } },
    ],
    failures: [
        { name: 'a network interface with associatePublicIpAddress "true"', props: (p) => ({ ...p, networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }] }), messages: [/^Set networkInterfaces\[0\]\.associatePublicIpAddress to "false": every instance launched from this template gets a public IP address\.$/] },
        { name: "a launch configuration with a public IP", type: "aws:ec2/launchConfiguration:LaunchConfiguration", props: () => ({ imageId: AMI, instanceType: "t3.micro", associatePublicIpAddress: true }), messages: [/^Set associatePublicIpAddress to false: every instance of the Auto Scaling group/] },
    ],
    unknowable: ["networkInterfaces"],
});

function network() {
    const vpc = new aws.ec2.Vpc("app", { cidrBlock: "10.20.0.0/16" });
    const privateSubnet = new aws.ec2.Subnet("app-private-a", { vpcId: vpc.id, cidrBlock: "10.20.1.0/24", availabilityZone: "eu-west-1a" });
    const publicSubnet = new aws.ec2.Subnet("app-public-a", { vpcId: vpc.id, cidrBlock: "10.20.101.0/24", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: true });
    new aws.ec2.DefaultSubnet("default-a", { availabilityZone: "eu-west-1a" });
    new aws.ec2.Instance("worker", { ami: AMI, instanceType: "t3.micro", subnetId: privateSubnet.id });
    // A NAT-less bastion in the public subnet that opts out of the subnet's public IPs.
    new aws.ec2.Instance("relay", { ami: AMI, instanceType: "t3.micro", subnetId: publicSubnet.id, associatePublicIpAddress: false });
    const template = new aws.ec2.LaunchTemplate("workers-template", { imageId: AMI, instanceType: "t3.micro", metadataOptions: { httpTokens: "required" } });
    new aws.autoscaling.Group("workers", { vpcZoneIdentifiers: [privateSubnet.id], minSize: 1, maxSize: 2, launchTemplate: { id: template.id, version: "$Latest" } });
}

describeStackPolicyOnFixture("ec2-instance-disallow-public-subnet-launch", network, "instances sit in a private subnet, or opt out of the public subnet's addresses", [
    {
        name: "an instance in a subnet with mapPublicIpOnLaunch",
        change: (v) => v.dependOn("worker", "subnetId", "app-public-a").edit("worker", (p) => (p.subnetId = v.value("app-public-a"))),
        messages: [/^Launch instance "worker" into a private subnet or set associatePublicIpAddress: false: subnet "app-public-a" gives it a public IP \(mapPublicIpOnLaunch is true there\)\.$/],
        on: "worker",
    },
    {
        name: "an instance with no subnetId lands in the default VPC",
        change: (v) => v.remove("app-private-a").edit("worker", (p) => delete p.subnetId),
        messages: [/^Give instance "worker" a subnetId in a private subnet \(or set associatePublicIpAddress: false\): with none, AWS launches it into a default subnet of the default VPC/],
        on: "worker",
    },
    {
        name: "an instance in an adopted default subnet",
        change: (v) => v.dependOn("worker", "subnetId", "default-a").edit("worker", (p) => (p.subnetId = v.value("default-a"))),
        messages: [/subnet "default-a" gives it a public IP \(a default subnet, which maps public IPs on launch\)/],
    },
    {
        name: "an Auto Scaling group in the public subnet, its template leaving the address to the subnet",
        change: (v) => v.dependOn("workers", "vpcZoneIdentifiers", "app-public-a").edit("workers", (p) => { if (p.vpcZoneIdentifiers) p.vpcZoneIdentifiers = [v.value("app-public-a")]; }),
        messages: [/^Launch Auto Scaling group "workers" into private subnets, or set associatePublicIpAddress to false in its launch template: "app-public-a" give its instances public IPs\.$/],
    },
    {
        name: "an Auto Scaling group placed by availabilityZones only (the default VPC)",
        change: (v) => v.dependOn("workers", "vpcZoneIdentifiers").edit("workers", (p) => { delete p.vpcZoneIdentifiers; p.availabilityZones = ["eu-west-1a"]; }),
        messages: [/^Give Auto Scaling group "workers" vpcZoneIdentifiers in private subnets/],
    },
    {
        name: "preview: the public subnet is found through propertyDependencies",
        change: (v) => v.dependOn("worker", "subnetId", "app-public-a"),
        messages: [/subnet "app-public-a"/],
        preview: true,
    },
], [
    { name: "no subnetId but associatePublicIpAddress false", change: (v) => v.edit("worker", (p) => { delete p.subnetId; p.associatePublicIpAddress = false; }) },
    { name: "an adopted default subnet with mapPublicIpOnLaunch false", change: (v) => v.edit("default-a", (p) => (p.mapPublicIpOnLaunch = false)).dependOn("worker", "subnetId", "default-a").edit("worker", (p) => (p.subnetId = v.value("default-a"))) },
    {
        name: "an Auto Scaling group in the public subnet whose template turns public IPs off",
        change: (v) =>
            v
                .dependOn("workers", "vpcZoneIdentifiers", "app-public-a")
                .edit("workers", (p) => { if (p.vpcZoneIdentifiers) p.vpcZoneIdentifiers = [v.value("app-public-a")]; })
                .edit("workers-template", (p) => (p.networkInterfaces = [{ deviceIndex: 0, associatePublicIpAddress: "false" }])),
    },
    { name: "a launch template decides the subnet", change: (v) => v.edit("worker", (p) => { delete p.subnetId; p.launchTemplate = { id: "lt-0123", version: "$Latest" }; }) },
    { name: "a subnet looked up outside the stack is not judged", change: (v) => v.dependOn("worker", "subnetId").edit("worker", (p) => (p.subnetId = "subnet-0fedcba9876543210")) },
    { name: "preview: a subnetId not known yet, from no resource of the stack", change: (v) => v.dependOn("worker", "subnetId").edit("worker", (p) => (p.subnetId = UNKNOWN)), preview: true },
]);

function autoscaling() {
    new aws.ec2.LaunchConfiguration("workers", {
        imageId: AMI,
        instanceType: "t3.micro",
        rootBlockDevice: { encrypted: true, volumeSize: 20 },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 50, encrypted: true }],
    });
}

describeStackPolicyOnFixture("ec2-enable-volume-encryption", autoscaling, "a launch configuration whose root and data volumes are encrypted", [
    { name: "a launch configuration with no rootBlockDevice (the AMI's root volume)", change: (v) => v.edit("workers", (p) => delete p.rootBlockDevice), messages: [/^Encrypt rootBlockDevice \(/], on: "workers" },
    { name: "an unencrypted data volume", change: (v) => v.edit("workers", (p) => (p.ebsBlockDevices[0].encrypted = false)), messages: [/^Encrypt ebsBlockDevices\[0\] \(/], on: "workers" },
]);
