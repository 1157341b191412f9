import * as aws from "@pulumi/aws";

// A bucket made public with a canned ACL (pre-2023 tutorials).
const media = new aws.s3.BucketV2("media");
new aws.s3.BucketOwnershipControls("media", { bucket: media.id, rule: { objectOwnership: "BucketOwnerPreferred" } });
new aws.s3.BucketAclV2("media", { bucket: media.id, acl: "public-read" });
