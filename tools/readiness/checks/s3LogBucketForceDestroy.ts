import type { RecordedResource } from "../../engine/recorder";
import { asBoolean, asString, get, isUnknown, ReadinessCheck, StackView, stringsIn } from "../lib";

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** Where AWS services are told to write into a bucket: the writer's type, the property naming the bucket, the service. */
const WRITERS: { type: string; property: string; service: string; applies?: (props: any) => boolean }[] = [
    { type: "aws:cloudtrail/trail:Trail", property: "s3BucketName", service: "CloudTrail" },
    { type: "aws:cfg/deliveryChannel:DeliveryChannel", property: "s3BucketName", service: "AWS Config" },
    { type: "aws:s3/bucketLogging:BucketLogging", property: "targetBucket", service: "S3 server access logging" },
    { type: "aws:s3/bucketLoggingV2:BucketLoggingV2", property: "targetBucket", service: "S3 server access logging" },
    { type: "aws:s3/bucket:Bucket", property: "logging", service: "S3 server access logging" },
    { type: "aws:s3/bucketV2:BucketV2", property: "loggings", service: "S3 server access logging" },
    { type: "aws:lb/loadBalancer:LoadBalancer", property: "accessLogs", service: "Elastic Load Balancing access logs", applies: enabledUnlessFalse },
    { type: "aws:alb/loadBalancer:LoadBalancer", property: "accessLogs", service: "Elastic Load Balancing access logs", applies: enabledUnlessFalse },
    { type: "aws:elb/loadBalancer:LoadBalancer", property: "accessLogs", service: "Classic Load Balancer access logs", applies: enabledUnlessFalse },
    // logDestinationType defaults to cloud-watch-logs: only an S3 destination fills a bucket.
    { type: "aws:ec2/flowLog:FlowLog", property: "logDestination", service: "VPC Flow Logs", applies: (p) => { const t = get(p, "logDestinationType"); return isUnknown(t) || asString(t) === "s3"; } },
    { type: "aws:cloudfront/distribution:Distribution", property: "loggingConfig", service: "CloudFront standard logging" },
    { type: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", property: "deliveryDestinationConfiguration", service: "CloudWatch Logs vended log delivery (e.g. CloudFront standard logging v2)" },
    { type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", property: "logDestinationConfigs", service: "AWS WAF logging" },
];

/** Load balancer access logs write only when `enabled` is true; an unknown flag may be true. */
function enabledUnlessFalse(props: any): boolean {
    const enabled = get(props, "accessLogs", "enabled");
    return isUnknown(enabled) || asBoolean(enabled) === true;
}

/**
 * The bucket names a reference spells: a name, an S3 ARN (`arn:aws:s3:::name/prefix`) or a bucket domain
 * name (`name.s3.amazonaws.com`, `name.s3.us-east-1.amazonaws.com`, `name.s3-us-west-2.amazonaws.com`).
 */
function bucketNamesIn(value: unknown): Set<string> {
    const names = new Set<string>();
    for (const text of stringsIn(value)) {
        const arn = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(text);
        const domain = /^([a-z0-9.-]+?)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?$/.exec(text);
        names.add(arn ? arn[1] : domain ? domain[1] : text);
    }
    return names;
}

function bucketsWrittenBy(stack: StackView, writer: RecordedResource, property: string): RecordedResource[] {
    const found = new Map(stack.refs(writer, property, ...BUCKET_TYPES).map((b) => [b.urn, b]));
    const names = bucketNamesIn(get(stack.props(writer), property));
    if (names.size > 0) {
        for (const bucket of stack.ofType(...BUCKET_TYPES)) {
            if (bucket.urn !== writer.urn && stack.identifiers(bucket).some((id) => names.has(id))) found.set(bucket.urn, bucket);
        }
    }
    found.delete(writer.urn);
    return [...found.values()];
}

export const s3LogBucketForceDestroy: ReadinessCheck = {
    name: "s3-log-bucket-force-destroy",
    category: "aws-api",
    severity: "warning",
    what: "An S3 bucket that an AWS service writes into (CloudTrail, AWS Config, S3 server access logs, load balancer access logs, VPC Flow Logs, CloudFront and WAF logs) with neither forceDestroy nor protect: `pulumi destroy` fails on it with BucketNotEmpty.",
    rule: "S3 DeleteBucket succeeds only on an empty bucket, every object version and delete marker included (BucketNotEmpty); objects a service wrote are not in the stack, so Pulumi deletes them only when the bucket sets forceDestroy.",
    run(stack) {
        const services = new Map<string, Set<string>>();
        for (const { type, property, service, applies } of WRITERS) {
            for (const writer of stack.ofType(type)) {
                if (applies && !applies(stack.props(writer))) continue;
                for (const bucket of bucketsWrittenBy(stack, writer, property)) {
                    services.set(bucket.urn, (services.get(bucket.urn) ?? new Set()).add(`${service} ("${writer.name}")`));
                }
            }
        }
        const findings = [];
        for (const [urn, writers] of services) {
            const bucket = stack.get(urn)!;
            // protect stops destroy before it reaches the bucket, retainOnDelete leaves it in AWS: both by design.
            if (bucket.options.protect || bucket.options.retainOnDelete) continue;
            const forceDestroy = get(stack.props(bucket), "forceDestroy");
            if (isUnknown(forceDestroy) || asBoolean(forceDestroy) === true) continue;
            findings.push(
                stack.finding(this, bucket, "warning",
                    `Bucket "${bucket.name}" is filled by ${[...writers].join(", ")} and sets neither forceDestroy nor protect: \`pulumi destroy\` fails on it with BucketNotEmpty and leaves the stack half-deleted.`,
                    "S3 DeleteBucket needs an empty bucket, every object version and delete marker included (BucketNotEmpty); Pulumi empties a bucket first only when it sets forceDestroy.",
                    "Set forceDestroy: true where the stack may be destroyed (dev, previews), or protect: true (or retainOnDelete) where the logs must outlive the stack, e.g. forceDestroy: !protect."),
            );
        }
        return findings;
    },
};
