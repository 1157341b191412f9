import * as aws from "@pulumi/aws";

// A secret whose value is set outside the program, on the aws/secretsmanager key.
new aws.secretsmanager.Secret("db-password", { description: "set by the DBA", recoveryWindowInDays: 7 });
