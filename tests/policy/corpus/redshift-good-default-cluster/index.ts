import * as aws from "@pulumi/aws";

// Relies on Redshift's current defaults (since January 2025): encrypted, not publicly accessible.
const vpc = new aws.ec2.Vpc("warehouse", { cidrBlock: "10.60.0.0/16" });
const a = new aws.ec2.Subnet("warehouse-a", { vpcId: vpc.id, cidrBlock: "10.60.1.0/24", availabilityZone: "us-east-1a" });
const b = new aws.ec2.Subnet("warehouse-b", { vpcId: vpc.id, cidrBlock: "10.60.2.0/24", availabilityZone: "us-east-1b" });
const subnets = new aws.redshift.SubnetGroup("warehouse", { subnetIds: [a.id, b.id] });
const group = new aws.ec2.SecurityGroup("warehouse", {
    vpcId: vpc.id,
    description: "Redshift from the VPC",
    ingress: [{ protocol: "tcp", fromPort: 5439, toPort: 5439, cidrBlocks: ["10.60.0.0/16"] }],
});

new aws.redshift.Cluster("warehouse", {
    clusterIdentifier: "analytics",
    databaseName: "analytics",
    masterUsername: "admin",
    manageMasterPassword: true,
    nodeType: "ra3.xlplus",
    clusterType: "multi-node",
    numberOfNodes: 2,
    clusterSubnetGroupName: subnets.name,
    vpcSecurityGroupIds: [group.id],
    skipFinalSnapshot: true,
});
