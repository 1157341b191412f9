import { describeStackPolicy } from "../rules-support/stackCases";

describeStackPolicy("s3-bucket-configure-public-access-block", "every bucket has a complete public access block", [
    { name: "the static bucket has none", change: (v) => v.remove("static-block"), messages: [/^Add a BucketPublicAccessBlock for bucket "static" with all four settings true\.$/], on: "static" },
    {
        name: "a block that leaves restrictPublicBuckets off",
        change: (v) => v.edit("static-block", (p) => (p.restrictPublicBuckets = false)),
        messages: [/^Set restrictPublicBuckets to true on the public access block of bucket "static"\.$/],
        on: "static-block",
    },
    { name: "preview: a missing block is proved through propertyDependencies", change: (v) => v.remove("logs-block"), messages: [/bucket "logs"/], preview: true },
], [
    {
        name: "an account-wide block with all four settings covers every bucket",
        change: (v) =>
            v.remove("static-block").add("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    },
]);
