import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

export const enableLoadBalancerAccessLogs = resourceRule({
    name: "elb-enable-load-balancer-access-logs",
    category: "logging",
    description: "Application load balancers must write access logs.",
    what: 'Application LoadBalancers (loadBalancerType "application", the default) without accessLogs.enabled: true (the provider leaves logs off even when a bucket is given).',
    why: "Access logs record every request the load balancer saw (client IP, path, status, TLS version); without them an attack or a leak through the application cannot be scoped.",
    fix: 'Set accessLogs: { bucket: logBucket.id, enabled: true, prefix: "<name>" } with a bucket encrypted with SSE-S3 whose policy admits the region\'s ELB log delivery.',
    frameworks: { fsbp: ["ELB.5"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    types: LOAD_BALANCER_TYPES,
    validate(resource, report) {
        const kind = get(resource.props, "loadBalancerType");
        if (isUnknown(kind) || (asString(kind) ?? "application") !== "application") return;
        const enabled = get(resource.props, "accessLogs", "enabled");
        if (enabled === true || isUnknown(enabled)) return;
        report("Set accessLogs to { bucket, enabled: true }: the load balancer keeps no record of the requests it served.");
    },
});
