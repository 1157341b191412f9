import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("search", { cidrBlock: "10.70.0.0/16" });
const subnet = new aws.ec2.Subnet("search-a", { vpcId: vpc.id, cidrBlock: "10.70.1.0/24", availabilityZone: "us-east-1a" });
const group = new aws.ec2.SecurityGroup("search", {
    vpcId: vpc.id,
    description: "OpenSearch from the VPC",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.70.0.0/16"] }],
});

new aws.opensearch.Domain("search", {
    domainName: "search",
    engineVersion: "OpenSearch_2.13",
    clusterConfig: { instanceType: "t3.small.search", instanceCount: 1 },
    ebsOptions: { ebsEnabled: true, volumeSize: 10, volumeType: "gp3" },
    vpcOptions: { subnetIds: [subnet.id], securityGroupIds: [group.id] },
    encryptAtRest: { enabled: true },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: false },
});
