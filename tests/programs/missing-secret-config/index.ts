import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const dbPassword = config.requireSecret("dbPassword");

const db = new aws.rds.Instance("billing", {
    engine: "mysql",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "admin",
    password: dbPassword,
    skipFinalSnapshot: true,
});

export const address = db.address;
