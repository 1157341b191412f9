import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("edge", { cidrBlock: "10.60.0.0/16" });
const subnet = new aws.ec2.Subnet("edge-a", { vpcId: vpc.id, cidrBlock: "10.60.1.0/24", availabilityZone: "us-east-1a" });

new aws.ec2.NetworkAcl("public-acl", {
    vpcId: vpc.id,
    subnetIds: [subnet.id],
    ingress: [
        { ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 },
        { ruleNo: 110, protocol: "tcp", action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 },
        { ruleNo: 120, protocol: "tcp", action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 },
    ],
    egress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
});

export const subnetId = subnet.id;
