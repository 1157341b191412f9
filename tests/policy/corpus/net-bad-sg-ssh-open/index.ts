import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.20.0.0/16" });

new aws.ec2.SecurityGroup("bastion-sg", {
    vpcId: vpc.id,
    description: "SSH to the bastion",
    ingress: [{ description: "ssh", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

export const vpcId = vpc.id;
