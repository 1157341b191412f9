import * as aws from "@pulumi/aws";

// A website bucket kept private (fronted elsewhere); nobody is granted anything.
const docs = new aws.s3.BucketV2("docs");
new aws.s3.BucketWebsiteConfigurationV2("docs", { bucket: docs.id, indexDocument: { suffix: "index.html" }, errorDocument: { key: "404.html" } });
export const endpoint = docs.websiteEndpoint;
