import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

const REST_DOMAIN = "aws:apigateway/domainName:DomainName";

/** TLS_1_2, or one of the enhanced policies (SecurityPolicy_TLS13_..., SecurityPolicy_TLS12_...) that start at TLS 1.2. */
function isTls12OrLater(policy: string): boolean {
    return policy.toUpperCase() === "TLS_1_2" || /^SecurityPolicy_TLS1[23]_/i.test(policy);
}

export const configureDomainTlsPolicy = resourceRule({
    name: "apigateway-configure-domain-tls-policy",
    category: "encryption",
    description: "API Gateway custom domain names must require TLS 1.2 or later.",
    what: 'REST API DomainNames whose securityPolicy is "TLS_1_0" or unset (API Gateway then applies its TLS 1.0 policy, as it does on default edge and Regional endpoints), and HTTP/WebSocket (apigatewayv2) DomainNames whose domainNameConfiguration.securityPolicy is not TLS 1.2. "TLS_1_2" and the enhanced SecurityPolicy_TLS12_*/SecurityPolicy_TLS13_* policies pass.',
    why: "A TLS 1.0 policy accepts TLS 1.0 and 1.1, deprecated protocols with known weaknesses (BEAST, downgrade to weak CBC ciphers) that PCI DSS and most client baselines forbid; the API's tokens and data cross them.",
    fix: 'Set securityPolicy: "TLS_1_2" (or an enhanced policy such as "SecurityPolicy_TLS13_1_2_2021_06", which also needs endpointAccessMode).',
    frameworks: { soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "API Gateway applies TLS 1.0 security policies by default to edge-optimized and Regional endpoints (TLS 1.2 only to private APIs) (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    types: [REST_DOMAIN, "aws:apigatewayv2/domainName:DomainName"],
    validate(resource, report) {
        const policy = resource.type === REST_DOMAIN ? get(resource.props, "securityPolicy") : get(resource.props, "domainNameConfiguration", "securityPolicy");
        if (isUnknown(policy)) return;
        const name = asString(policy);
        if (name !== undefined && isTls12OrLater(name)) return;
        const field = resource.type === REST_DOMAIN ? "securityPolicy" : "domainNameConfiguration.securityPolicy";
        report(`Set ${field} to "TLS_1_2": ${name === undefined ? "unset, API Gateway applies" : `"${name}" is`} a policy that accepts TLS 1.0 and 1.1.`);
    },
});
