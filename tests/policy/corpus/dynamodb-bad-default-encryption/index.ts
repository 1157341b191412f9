import * as aws from "@pulumi/aws";

// No serverSideEncryption block: DynamoDB falls back to an AWS owned key nobody can audit or revoke.
const table = new aws.dynamodb.Table("carts", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "cartId",
    attributes: [{ name: "cartId", type: "S" }],
    pointInTimeRecovery: { enabled: true },
});

export const tableName = table.name;
