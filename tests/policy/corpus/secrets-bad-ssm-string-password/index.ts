import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

// Stored as a plain String parameter: readable by anyone with ssm:GetParameter, shown in the console.
new aws.ssm.Parameter("db-password", {
    name: "/shop/prod/db/password",
    type: aws.ssm.ParameterType.String,
    value: config.requireSecret("dbPassword"),
});

new aws.ssm.Parameter("db-host", { name: "/shop/prod/db/host", type: aws.ssm.ParameterType.String, value: "orders.cluster-abc123.us-east-1.rds.amazonaws.com" });
