import * as aws from "@pulumi/aws";

const hits = new aws.dynamodb.Table("hits", {
    attributes: [{ name: "path", type: "S" }],
    hashKey: "path",
    billingMode: "PAY_PER_REQUEST",
    pointInTimeRecovery: { enabled: true },
});

// The callback is serialized into the function's code, table name and all.
const counter = new aws.lambda.CallbackFunction("hit-counter", {
    runtime: aws.lambda.Runtime.NodeJS20dX,
    callback: async (event: { rawPath?: string }) => {
        const { DynamoDBClient, UpdateItemCommand } = await import("@aws-sdk/client-dynamodb");
        const client = new DynamoDBClient({});
        await client.send(new UpdateItemCommand({
            TableName: hits.name.get(),
            Key: { path: { S: event.rawPath ?? "/" } },
            UpdateExpression: "ADD hits :one",
            ExpressionAttributeValues: { ":one": { N: "1" } },
        }));
        return { statusCode: 200, body: "counted" };
    },
});

const url = new aws.lambda.FunctionUrl("hit-counter-url", {
    functionName: counter.name,
    authorizationType: "NONE",
});

export const endpoint = url.functionUrl;
