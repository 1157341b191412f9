import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("shop", { cidrBlock: "10.50.0.0/16" });

// Adopted the default group and kept AWS's rules.
new aws.ec2.DefaultSecurityGroup("shop-default", {
    vpcId: vpc.id,
    ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

export const vpcId = vpc.id;
