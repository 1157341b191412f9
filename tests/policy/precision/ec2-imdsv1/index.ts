import * as aws from "@pulumi/aws";

// An instance with IMDSv1 left available.
const ami = aws.ec2.getAmiOutput({ mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*-x86_64"] }] });
new aws.ec2.Instance("worker", { ami: ami.id, instanceType: "t3.micro", associatePublicIpAddress: false, rootBlockDevice: { encrypted: true } });
