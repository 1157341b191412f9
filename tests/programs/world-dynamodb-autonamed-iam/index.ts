import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// No `name`: Pulumi auto-names the table ("orders-1a2b3c4"), and everything else reads it back.
const orders = new aws.dynamodb.Table("orders", {
    attributes: [
        { name: "pk", type: "S" },
        { name: "customer", type: "S" },
    ],
    hashKey: "pk",
    billingMode: "PAY_PER_REQUEST",
    globalSecondaryIndexes: [{ name: "by-customer", hashKey: "customer", projectionType: "ALL" }],
    pointInTimeRecovery: { enabled: true },
});

const role = new aws.iam.Role("orders-fn", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});

new aws.iam.RolePolicy("orders-table-access", {
    role: role.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                Resource: [orders.arn, pulumi.interpolate`${orders.arn}/index/*`],
            },
        ],
    }),
});

new aws.iam.RolePolicyAttachment("orders-fn-logs", {
    role: role.name,
    policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

const fn = new aws.lambda.Function("orders", {
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });"),
    }),
    environment: { variables: { TABLE_NAME: orders.name } },
});

export const tableName = orders.name;
export const functionName = fn.name;
