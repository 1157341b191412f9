import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// Pulumi's classic static website: public-read through a bucket policy, the public access block turned off.
const site = new aws.s3.BucketV2("site");
new aws.s3.BucketWebsiteConfigurationV2("site", { bucket: site.id, indexDocument: { suffix: "index.html" } });
const unblock = new aws.s3.BucketPublicAccessBlock("site", { bucket: site.id, blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false });
new aws.s3.BucketPolicy("site", {
    bucket: site.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${site.arn}/*`] }],
    }),
}, { dependsOn: [unblock] });
export const url = site.websiteEndpoint;
