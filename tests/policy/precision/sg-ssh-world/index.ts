import * as aws from "@pulumi/aws";

// A security group opening SSH to the internet (the classic tutorial shortcut).
new aws.ec2.SecurityGroup("bastion", {
    description: "ssh",
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});
