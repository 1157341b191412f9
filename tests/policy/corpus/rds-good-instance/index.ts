import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("db", { cidrBlock: "10.100.0.0/16" });
const subnets = ["a", "b"].map((zone, i) => new aws.ec2.Subnet(`db-${zone}`, { vpcId: vpc.id, cidrBlock: `10.100.${i + 1}.0/24`, availabilityZone: `us-east-1${zone}` }));
const subnetGroup = new aws.rds.SubnetGroup("db", { subnetIds: subnets.map((s) => s.id) });
const dbGroup = new aws.ec2.SecurityGroup("db", {
    vpcId: vpc.id,
    description: "postgres",
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.100.0.0/16"] }],
});
const key = new aws.kms.Key("db", { description: "orders database", enableKeyRotation: true });
const db = new aws.rds.Instance("orders", {
    engine: "postgres",
    engineVersion: "16.4",
    instanceClass: "db.t4g.medium",
    allocatedStorage: 50,
    dbName: "orders",
    username: "orders_admin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: key.arn,
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [dbGroup.id],
    storageEncrypted: true,
    kmsKeyId: key.arn,
    publiclyAccessible: false,
    backupRetentionPeriod: 14,
    multiAz: true,
    iamDatabaseAuthenticationEnabled: true,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "orders-final",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: key.arn,
    autoMinorVersionUpgrade: true,
});

export const endpoint = db.endpoint;
