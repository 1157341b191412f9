import * as aws from "@pulumi/aws";

// A worker allowed to read every object of every bucket.
new aws.iam.Policy("reader", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] }),
});
