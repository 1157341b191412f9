import * as aws from "@pulumi/aws";

// The getting-started shape: no VPC, no subnet; AWS picks a default subnet of the default VPC.
const ami = aws.ec2.getAmiOutput({
    mostRecent: true,
    owners: ["amazon"],
    filters: [{ name: "name", values: ["al2023-ami-*-x86_64"] }],
});

const group = new aws.ec2.SecurityGroup("web", {
    description: "web server",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});

const server = new aws.ec2.Instance("web", {
    ami: ami.id,
    instanceType: "t3.micro",
    vpcSecurityGroupIds: [group.id],
    metadataOptions: { httpTokens: "required" },
    rootBlockDevice: { encrypted: true },
});

export const publicIp = server.publicIp;
