import * as aws from "@pulumi/aws";

// A customer managed key as first written: rotation not yet switched on.
new aws.kms.Key("app", { description: "app data", deletionWindowInDays: 30 });
