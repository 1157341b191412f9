import { resourceRule } from "../../lib/rule";
import { asString, get } from "../../lib/values";
import { behaviorsOf, DISTRIBUTION } from "./behaviors";

export const enforceViewerHttps = resourceRule({
    name: "cloudfront-distribution-enforce-viewer-https",
    category: "encryption",
    description: "CloudFront must serve viewers over HTTPS only.",
    what: 'Distributions whose defaultCacheBehavior or any orderedCacheBehaviors entry has viewerProtocolPolicy "allow-all".',
    why: "allow-all serves pages, cookies and API responses over plain HTTP, where any network on the path can read or rewrite them.",
    fix: 'Set viewerProtocolPolicy: "redirect-to-https" (or "https-only" for APIs) on every behavior.',
    frameworks: { fsbp: ["CloudFront.3"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    types: [DISTRIBUTION],
    validate(resource, report) {
        for (const { label, behavior } of behaviorsOf(resource.props)) {
            if (asString(get(behavior, "viewerProtocolPolicy")) === "allow-all") report(`Set viewerProtocolPolicy of ${label} to "redirect-to-https" or "https-only".`);
        }
    },
});
