import * as aws from "@pulumi/aws";

// An instance on Amazon Linux 2 (its AMIs accept IMDSv1) with the metadata options left out.
const ami = aws.ec2.getAmiOutput({ mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["amzn2-ami-hvm-*-x86_64-gp2"] }] });
new aws.ec2.Instance("worker", { ami: ami.id, instanceType: "t3.micro", associatePublicIpAddress: false, rootBlockDevice: { encrypted: true } });
