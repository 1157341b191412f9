import * as aws from "@pulumi/aws";

// A small encrypted Postgres with a generated password, from Pulumi's RDS example.
new aws.rds.Instance("db", {
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "app",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    skipFinalSnapshot: true,
    backupRetentionPeriod: 7,
});
