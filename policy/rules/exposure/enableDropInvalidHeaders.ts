import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";
import { LOAD_BALANCER_TYPES } from "../logging/enableLoadBalancerAccessLogs";

export const enableDropInvalidHeaders = resourceRule({
    name: "elb-enable-drop-invalid-headers",
    category: "hygiene",
    description: "Application load balancers should drop HTTP headers that are not valid.",
    what: 'Application LoadBalancers (loadBalancerType "application", the default) without dropInvalidHeaderFields: true.',
    why: "Headers with invalid names are how HTTP request smuggling and desync attacks slip a second request past the load balancer to the target; dropping them closes that path at the edge.",
    fix: "Set dropInvalidHeaderFields: true (and keep desyncMitigationMode at \"defensive\" or \"strictest\").",
    frameworks: { fsbp: ["ELB.4"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    types: LOAD_BALANCER_TYPES,
    validate(resource, report) {
        const kind = get(resource.props, "loadBalancerType");
        if (isUnknown(kind) || (asString(kind) ?? "application") !== "application") return;
        const drop = get(resource.props, "dropInvalidHeaderFields");
        if (drop !== true && !isUnknown(drop)) report("Set dropInvalidHeaderFields to true so malformed headers never reach the targets.");
        if (asString(get(resource.props, "desyncMitigationMode")) === "monitor") report('Set desyncMitigationMode to "defensive" (or "strictest"): "monitor" forwards requests that could desynchronise the targets.');
    },
});
