import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const key = new aws.kms.Key("shop-params", { enableKeyRotation: true });

new aws.ssm.Parameter("db-password", {
    name: "/shop/prod/db/password",
    type: aws.ssm.ParameterType.SecureString,
    keyId: key.arn,
    value: config.requireSecret("dbPassword"),
});

new aws.ssm.Parameter("db-host", { name: "/shop/prod/db/host", type: aws.ssm.ParameterType.String, value: "orders.cluster-abc123.us-east-1.rds.amazonaws.com" });
new aws.ssm.Parameter("api-token-ttl", { name: "/shop/prod/api/token-ttl", type: aws.ssm.ParameterType.String, value: "3600" });
