import { resourceRule } from "../../lib/rule";
import { asArray, asString, get, isUnknown } from "../../lib/values";

export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

export const enforceListenerHttps = resourceRule({
    name: "elb-enforce-listener-https",
    category: "encryption",
    description: "Load balancer HTTP listeners must only redirect to HTTPS.",
    what: 'Listeners with protocol "HTTP" whose default actions do anything but redirect to HTTPS (a forward, or a redirect that keeps HTTP); fixed responses pass, since they serve no application content.',
    why: "A forwarding HTTP listener serves the application in clear text: sessions, cookies and form posts can be read or rewritten by anyone on the path, whatever the HTTPS listener does.",
    fix: 'Make the port 80 listener\'s default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } and serve the application on an HTTPS listener.',
    frameworks: { fsbp: ["ELB.1"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    types: LISTENER_TYPES,
    validate(resource, report) {
        if (asString(get(resource.props, "protocol"))?.toUpperCase() !== "HTTP") return;
        const actions = get(resource.props, "defaultActions");
        if (isUnknown(actions)) return;
        const serving = (asArray(actions) ?? []).filter((action) => {
            const type = get(action, "type");
            if (isUnknown(type) || type === "fixed-response") return false;
            if (type === "redirect") {
                const protocol = get(action, "redirect", "protocol");
                return !isUnknown(protocol) && asString(protocol)?.toUpperCase() !== "HTTPS";
            }
            return true;
        });
        if (serving.length > 0) {
            const kinds = serving.map((a) => asString(get(a, "type")) ?? "?").join(", ");
            report(`Replace the ${kinds} action of this HTTP listener with a redirect to HTTPS (protocol "HTTPS", statusCode "HTTP_301"): it serves the application in clear text.`);
        }
    },
});
