import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("shared", { cidrBlock: "10.50.0.0/16" });
const subnet = new aws.ec2.Subnet("shared-private-a", { vpcId: vpc.id, cidrBlock: "10.50.1.0/24", availabilityZone: "us-east-1a" });
const group = new aws.ec2.SecurityGroup("nfs", {
    vpcId: vpc.id,
    description: "NFS from the VPC",
    ingress: [{ protocol: "tcp", fromPort: 2049, toPort: 2049, cidrBlocks: ["10.50.0.0/16"] }],
});

const files = new aws.efs.FileSystem("shared", {
    creationToken: "shared-files",
    encrypted: true,
    performanceMode: "generalPurpose",
    throughputMode: "bursting",
    lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }],
    tags: { Name: "shared-files" },
});
new aws.efs.MountTarget("shared-a", { fileSystemId: files.id, subnetId: subnet.id, securityGroups: [group.id] });
