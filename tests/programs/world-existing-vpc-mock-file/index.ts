import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const vpcName = config.require("vpcName");

// The network team owns the VPC; this project only looks it up.
const vpc = aws.ec2.getVpcOutput({ tags: { Name: vpcName } });
const privateSubnets = aws.ec2.getSubnetsOutput({
    filters: [
        { name: "vpc-id", values: [vpc.id] },
        { name: "tag:Tier", values: ["private"] },
    ],
});

const dbSecurityGroup = new aws.ec2.SecurityGroup("reporting-db", {
    vpcId: vpc.id,
    description: "Postgres from inside the VPC",
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [vpc.cidrBlock] }],
});

const subnetGroup = new aws.rds.SubnetGroup("reporting-db", { subnetIds: privateSubnets.ids });

const db = new aws.rds.Instance("reporting-db", {
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    dbName: "reporting",
    username: "reporting",
    manageMasterUserPassword: true,
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [dbSecurityGroup.id],
    skipFinalSnapshot: true,
});

export const endpoint = db.endpoint;
export const masterSecretArn = db.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn);
