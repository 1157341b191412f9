import { stackRule } from "../../lib/rule";
import { bucketsOf, companionsOf, isWebsiteBucket } from "../reachability/buckets";
import { transportVerdict } from "./transport";

export const enforceBucketTls = stackRule({
    name: "s3-enforce-bucket-tls",
    category: "encryption",
    description: "S3 bucket policies must deny requests that do not use TLS.",
    what: 'Each Bucket needs a policy (a BucketPolicy whose `bucket` is that bucket, or its own `policy`) with a Deny statement for Principal "*", Action "s3:*" (or "*"), and Condition Bool aws:SecureTransport "false" (or NumericLessThan s3:TlsVersion).',
    why: "S3 still answers plain HTTP; without the deny, a misconfigured client or SDK endpoint sends credentials-signed requests and object data in clear text.",
    fix: 'Add a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } } to the bucket policy.',
    frameworks: { fsbp: ["S3.5"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "AWS SDKs and the CLI call S3 over HTTPS unless told otherwise, so the deny is defence in depth. Static-website buckets are skipped: the S3 website endpoint serves HTTP only (serve the site through CloudFront for HTTPS).",
    validate({ resources }, report) {
        for (const bucket of bucketsOf(resources)) {
            if (isWebsiteBucket(resources, bucket)) continue;
            const policies = companionsOf(resources, bucket, "aws:s3/bucketPolicy:BucketPolicy");
            const verdict = transportVerdict([bucket, ...policies.found], "s3");
            if (verdict === "missing" && !policies.maybe) {
                report(policies.found[0] ?? bucket, `Add a statement to the policy of bucket "${bucket.name}" that denies every principal when aws:SecureTransport is false.`);
            }
        }
    },
});
