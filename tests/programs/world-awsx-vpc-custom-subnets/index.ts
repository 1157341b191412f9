import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";

const vpc = new awsx.ec2.Vpc("custom", {
    cidrBlock: "10.1.0.0/16",
    subnetStrategy: "Auto",
    subnetSpecs: [
        { type: awsx.ec2.SubnetType.Public, cidrMask: 22 },
        { type: awsx.ec2.SubnetType.Private, cidrMask: 20 },
        { type: awsx.ec2.SubnetType.Isolated, name: "db", cidrMask: 24 },
    ],
    natGateways: { strategy: "OnePerAz" },
});

new aws.ec2.SecurityGroup("db", {
    vpcId: vpc.vpcId,
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.1.0.0/16"] }],
});
