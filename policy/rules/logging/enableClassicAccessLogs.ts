import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableClassicAccessLogs = resourceRule({
    name: "elb-enable-classic-access-logs",
    category: "logging",
    description: "Classic load balancers should write access logs.",
    what: "aws.elb.LoadBalancer without an accessLogs block, or with accessLogs.enabled false (in a block, enabled defaults to true for Classic Load Balancers, unlike the ALB's).",
    why: "Access logs record every request the load balancer saw (client IP, path, status, TLS cipher); without them an attack or a leak through the application cannot be scoped.",
    fix: 'Set accessLogs: { bucket: logBucket.id, bucketPrefix: "<name>", interval: 60 } with a bucket encrypted with SSE-S3 whose policy admits the region\'s ELB log delivery (aws.elb.getServiceAccount).',
    frameworks: { fsbp: ["ELB.5"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    awsDefault: "Classic Load Balancers write no access logs unless an accessLogs block is given; inside one, enabled defaults to true (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    types: ["aws:elb/loadBalancer:LoadBalancer"],
    validate(resource, report) {
        const logs = get(resource.props, "accessLogs");
        if (isUnknown(logs)) return;
        const enabled = get(logs, "enabled");
        if (logs !== undefined && (enabled === undefined || enabled === true || isUnknown(enabled))) return;
        report("Set accessLogs to { bucket, bucketPrefix }: the load balancer keeps no record of the requests it served.");
    },
});
