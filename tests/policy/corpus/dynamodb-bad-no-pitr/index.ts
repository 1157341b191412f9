import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("ledger-table", { enableKeyRotation: true });

const table = new aws.dynamodb.Table("ledger", {
    billingMode: "PROVISIONED",
    readCapacity: 5,
    writeCapacity: 5,
    hashKey: "accountId",
    rangeKey: "entryId",
    attributes: [
        { name: "accountId", type: "S" },
        { name: "entryId", type: "S" },
    ],
    serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
});

export const tableName = table.name;
