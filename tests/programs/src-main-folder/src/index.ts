import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { privateSubnets } from "./network";

const config = new pulumi.Config();
const instanceClass = config.require("instanceClass");
const multiAz = config.requireBoolean("multiAz");

const vpc = new aws.ec2.Vpc("orders", { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true });
const subnets = privateSubnets(vpc.id, ["10.20.1.0/24", "10.20.2.0/24"]);

const subnetGroup = new aws.rds.SubnetGroup("orders", { subnetIds: subnets.map((s) => s.id) });

const db = new aws.rds.Instance("orders", {
    engine: "postgres",
    engineVersion: "16.3",
    instanceClass,
    allocatedStorage: 20,
    dbSubnetGroupName: subnetGroup.name,
    username: "orders",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    backupRetentionPeriod: 7,
    multiAz,
    skipFinalSnapshot: true,
});

export const endpoint = db.endpoint;
