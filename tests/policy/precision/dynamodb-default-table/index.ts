import * as aws from "@pulumi/aws";

// The DynamoDB table from Pulumi's examples: AWS owned key, point-in-time recovery on.
new aws.dynamodb.Table("orders", {
    attributes: [{ name: "id", type: "S" }],
    hashKey: "id",
    billingMode: "PAY_PER_REQUEST",
    pointInTimeRecovery: { enabled: true },
});
