import { resourceRule } from "../../lib/rule";
import { asArray, asString, get, isUnknown } from "../../lib/values";
import { DISTRIBUTION } from "./behaviors";

const OUTDATED = ["SSLv3", "TLSv1", "TLSv1.1"];

export const enforceOriginTls = resourceRule({
    name: "cloudfront-distribution-enforce-origin-tls",
    category: "encryption",
    description: "CloudFront must reach custom origins over TLS 1.2 or later only.",
    what: 'Custom origins (customOriginConfig) whose originProtocolPolicy is "http-only" or "match-viewer", or whose originSslProtocols include SSLv3, TLSv1 or TLSv1.1.',
    why: "The leg from the edge to the origin crosses the internet; plain HTTP or broken TLS versions there undo the viewer-side HTTPS.",
    fix: 'Set customOriginConfig.originProtocolPolicy: "https-only" and originSslProtocols: ["TLSv1.2"].',
    frameworks: { fsbp: ["CloudFront.9", "CloudFront.10"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    types: [DISTRIBUTION],
    validate(resource, report) {
        for (const origin of asArray(get(resource.props, "origins")) ?? []) {
            const custom = get(origin, "customOriginConfig");
            if (custom === undefined || isUnknown(custom)) continue;
            const id = asString(get(origin, "originId")) ?? "?";
            const policy = asString(get(custom, "originProtocolPolicy"));
            if (policy === "http-only" || policy === "match-viewer") report(`Set originProtocolPolicy of origin "${id}" to "https-only" (it is "${policy}").`);
            const protocols = (asArray(get(custom, "originSslProtocols")) ?? []).filter((p): p is string => typeof p === "string");
            const outdated = protocols.filter((p) => OUTDATED.includes(p));
            if (outdated.length > 0) report(`Remove ${outdated.join(", ")} from originSslProtocols of origin "${id}": allow TLSv1.2 only.`);
        }
    },
});
