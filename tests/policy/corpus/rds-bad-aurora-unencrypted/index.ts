import * as aws from "@pulumi/aws";

const cluster = new aws.rds.Cluster("reporting", {
    engine: "aurora-mysql",
    engineVersion: "8.0.mysql_aurora.3.05.2",
    databaseName: "reporting",
    masterUsername: "admin",
    manageMasterUserPassword: true,
    backupRetentionPeriod: 7,
    deletionProtection: true,
});

new aws.rds.ClusterInstance("reporting-1", { clusterIdentifier: cluster.id, instanceClass: "db.r6g.large", engine: "aurora-mysql" });

export const endpoint = cluster.endpoint;
