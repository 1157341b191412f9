import * as aws from "@pulumi/aws";

// The same database without storage encryption.
new aws.rds.Instance("legacy-db", {
    engine: "mysql",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "admin",
    manageMasterUserPassword: true,
    skipFinalSnapshot: true,
});
