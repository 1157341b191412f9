import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("greeter-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

// The policy lives next to the program, as a reviewed JSON document.
new aws.iam.RolePolicy("greeter-policy", {
    role: role.id,
    policy: fs.readFileSync("role-policy.json", "utf8"),
});

const greeter = new aws.lambda.Function("greeter", {
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.FileArchive("./app"),
    tracingConfig: { mode: "Active" },
});

export const functionName = greeter.name;
