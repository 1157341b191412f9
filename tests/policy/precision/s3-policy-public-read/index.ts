import * as aws from "@pulumi/aws";

// A download bucket opened to the world through its policy.
const downloads = new aws.s3.BucketV2("downloads");
new aws.s3.BucketPublicAccessBlock("downloads", { bucket: downloads.id, blockPublicPolicy: false, restrictPublicBuckets: false, blockPublicAcls: true, ignorePublicAcls: true });
new aws.s3.BucketPolicy("downloads", {
    bucket: downloads.id,
    policy: downloads.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/*` }] })),
});
