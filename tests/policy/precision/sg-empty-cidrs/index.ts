import * as aws from "@pulumi/aws";

// A group whose rule was templated with no CIDRs: it admits nobody but itself.
new aws.ec2.SecurityGroup("internal", {
    description: "internal only",
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [], self: true }],
});
