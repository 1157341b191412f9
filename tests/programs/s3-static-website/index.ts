import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const indexDocument = config.get("indexDocument") || "index.html";

// Create an S3 bucket and configure it as a website.
const bucket = new aws.s3.Bucket("bucket");

const website = new aws.s3.BucketWebsiteConfiguration("website", {
    bucket: bucket.bucket,
    indexDocument: { suffix: indexDocument },
});

// Allow public access to the bucket's objects.
const publicAccessBlock = new aws.s3.BucketPublicAccessBlock("public-access-block", {
    bucket: bucket.bucket,
    blockPublicAcls: false,
    blockPublicPolicy: false,
    ignorePublicAcls: false,
    restrictPublicBuckets: false,
});

const bucketPolicy = new aws.s3.BucketPolicy("bucket-policy", {
    bucket: bucket.bucket,
    policy: bucket.arn.apply((arn) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: "*",
            Action: ["s3:GetObject"],
            Resource: [`${arn}/*`],
        }],
    })),
}, { dependsOn: publicAccessBlock });

// Upload the home page, read from the program's own folder.
new aws.s3.BucketObject("index.html", {
    bucket: bucket.bucket,
    source: new pulumi.asset.FileAsset("./www/index.html"),
    contentType: "text/html",
}, { dependsOn: bucketPolicy });

export const bucketName = bucket.bucket;
export const url = pulumi.interpolate`http://${website.websiteEndpoint}`;
