import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("office", { cidrBlock: "10.30.0.0/16" });
const group = new aws.ec2.SecurityGroup("windows", { vpcId: vpc.id, description: "Windows hosts" });

new aws.vpc.SecurityGroupIngressRule("windows-rdp", {
    securityGroupId: group.id,
    ipProtocol: "tcp",
    fromPort: 3389,
    toPort: 3389,
    cidrIpv4: "0.0.0.0/0",
});

new aws.vpc.SecurityGroupEgressRule("windows-egress", { securityGroupId: group.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });

export const groupId = group.id;
