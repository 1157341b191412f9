import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("app", { cidrBlock: "10.40.0.0/16", assignGeneratedIpv6CidrBlock: true });
const group = new aws.ec2.SecurityGroup("app", { vpcId: vpc.id, description: "app servers" });

new aws.ec2.SecurityGroupRule("app-any-v6", {
    type: "ingress",
    securityGroupId: group.id,
    protocol: "-1",
    fromPort: 0,
    toPort: 0,
    ipv6CidrBlocks: ["::/0"],
});

export const groupId = group.id;
