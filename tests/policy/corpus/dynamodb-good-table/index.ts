import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("sessions-table", { enableKeyRotation: true });

const table = new aws.dynamodb.Table("sessions", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "pk",
    rangeKey: "sk",
    attributes: [
        { name: "pk", type: "S" },
        { name: "sk", type: "S" },
    ],
    ttl: { attributeName: "expiresAt", enabled: true },
    serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
    pointInTimeRecovery: { enabled: true },
    deletionProtectionEnabled: true,
});

export const tableName = table.name;
