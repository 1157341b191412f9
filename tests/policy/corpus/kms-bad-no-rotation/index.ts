import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("orders-key", { description: "orders table", deletionWindowInDays: 30 });
new aws.kms.Alias("orders-key-alias", { name: "alias/orders", targetKeyId: key.keyId });

export const keyId = key.keyId;
