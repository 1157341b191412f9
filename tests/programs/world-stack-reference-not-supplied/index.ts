import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const shared = new pulumi.StackReference("acme/shared-infra/prod");

new aws.s3.BucketObject("config", {
    bucket: shared.getOutput("configBucket"),
    key: "frontend.json",
    content: JSON.stringify({ apiUrl: "https://api.example.com" }),
});
