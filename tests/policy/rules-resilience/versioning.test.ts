import * as aws from "@pulumi/aws";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

function buckets() {
    const reports = new aws.s3.Bucket("reports", {});
    new aws.s3.BucketVersioning("reports-versioning", { bucket: reports.id, versioningConfiguration: { status: "Enabled" } });
    const archive = new aws.s3.BucketV2("archive", {});
    new aws.s3.BucketVersioningV2("archive-versioning", { bucket: archive.id, versioningConfiguration: { status: "Enabled" } });
}

describeStackPolicyOnFixture("s3-enable-bucket-versioning", buckets, "both buckets (one through the V2 resource) keep versions", [
    { name: "no BucketVersioning", change: (v) => v.remove("reports-versioning"), messages: [/^Enable versioning on bucket "reports" \(a BucketVersioning with status "Enabled"\)/], on: "reports" },
    { name: "versioning suspended", change: (v) => v.edit("archive-versioning", (p) => (p.versioningConfiguration.status = "Suspended")), messages: [/bucket "archive"/], on: "archive-versioning" },
    { name: "preview: a missing configuration is proved through propertyDependencies", change: (v) => v.remove("reports-versioning"), messages: [/bucket "reports"/], preview: true },
], [
    { name: "the bucket's own versioning block", change: (v) => v.remove("reports-versioning").edit("reports", (p) => (p.versioning = { enabled: true })) },
    { name: "preview: a configuration whose bucket is not known yet might be this one's", change: (v) => v.remove("reports-versioning").add("aws:s3/bucketVersioning:BucketVersioning", "pending", { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } }), preview: true },
]);
