import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";
import { DISTRIBUTION } from "./behaviors";

export const requireWaf = resourceRule({
    name: "cloudfront-distribution-require-waf",
    category: "exposure",
    description: "CloudFront distributions must be protected by a WAF web ACL.",
    what: "Distributions without webAclId.",
    why: "The distribution is the platform's front door: without a web ACL nothing rate-limits a flood or blocks known-bad inputs and bots before they reach (and bill) the function.",
    fix: 'Create an aws.wafv2.WebAcl with scope "CLOUDFRONT" in us-east-1 (managed common rules and a rate-based rule) and set webAclId to its ARN.',
    frameworks: { fsbp: ["CloudFront.6"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    levels: { default: "advisory", strict: "mandatory" },
    types: [DISTRIBUTION],
    validate(resource, report) {
        if (get(resource.props, "webAclId") === undefined) report("Set webAclId to a WAFv2 web ACL (scope CLOUDFRONT) with managed rules and a rate limit.");
    },
});
