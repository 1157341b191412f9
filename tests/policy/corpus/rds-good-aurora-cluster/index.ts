import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("analytics", { cidrBlock: "10.110.0.0/16" });
const subnets = ["a", "b", "c"].map((zone, i) => new aws.ec2.Subnet(`analytics-${zone}`, { vpcId: vpc.id, cidrBlock: `10.110.${i + 1}.0/24`, availabilityZone: `us-east-1${zone}` }));
const subnetGroup = new aws.rds.SubnetGroup("analytics", { subnetIds: subnets.map((s) => s.id) });
const key = new aws.kms.Key("analytics-db", { enableKeyRotation: true });

const cluster = new aws.rds.Cluster("analytics", {
    engine: aws.rds.EngineType.AuroraPostgresql,
    engineVersion: "16.4",
    databaseName: "analytics",
    masterUsername: "analytics_admin",
    manageMasterUserPassword: true,
    dbSubnetGroupName: subnetGroup.name,
    storageEncrypted: true,
    kmsKeyId: key.arn,
    backupRetentionPeriod: 7,
    deletionProtection: true,
    iamDatabaseAuthenticationEnabled: true,
    copyTagsToSnapshot: true,
    enabledCloudwatchLogsExports: ["postgresql"],
});

["1", "2"].forEach(
    (n) =>
        new aws.rds.ClusterInstance(`analytics-${n}`, {
            clusterIdentifier: cluster.id,
            instanceClass: "db.r6g.large",
            engine: aws.rds.EngineType.AuroraPostgresql,
            engineVersion: cluster.engineVersion,
            publiclyAccessible: false,
        }),
);

export const endpoint = cluster.endpoint;
