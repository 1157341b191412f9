import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";

// The Pulumi docs' awsx VPC: three AZs, public and private subnets, one NAT gateway to save cost.
const vpc = new awsx.ec2.Vpc("vpc", {
    natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single },
});

const appSecurityGroup = new aws.ec2.SecurityGroup("app", {
    vpcId: vpc.vpcId,
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

export const vpcId = vpc.vpcId;
export const privateSubnetIds = vpc.privateSubnetIds;
export const publicSubnetIds = vpc.publicSubnetIds;
export const securityGroupId = appSecurityGroup.id;
