import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown, raw } from "../../lib/values";
import { DOMAIN_TYPES } from "./enableDomainEncryption";

const TLS_1_2_POLICIES = ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"];

export const enforceDomainHttps = resourceRule({
    name: "opensearch-enforce-domain-https",
    category: "encryption",
    description: "OpenSearch domains must require HTTPS with TLS 1.2 or later.",
    what: 'OpenSearch (and legacy Elasticsearch) Domains without a domainEndpointOptions block (CreateDomain then accepts plain HTTP), with enforceHttps false (in the block the provider defaults it to true), or whose tlsSecurityPolicy is not a TLS 1.2 policy ("Policy-Min-TLS-1-2-2019-07" or "Policy-Min-TLS-1-2-PFS-2023-10"); left unset, the endpoint keeps the TLS 1.0 policy domains have always been created with.',
    why: "An endpoint that answers HTTP lets credentials (basic auth of fine-grained access control, signed requests) and documents cross the network in clear; TLS 1.0 and 1.1 are deprecated protocols with known downgrade attacks.",
    fix: 'Set domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" }.',
    frameworks: { fsbp: ["Opensearch.8"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "CreateDomain accepts plain HTTP unless EnforceHTTPS is set, and applies the TLS 1.0 policy (Policy-Min-TLS-1-0-2019-07) when no TLSSecurityPolicy is given (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    types: DOMAIN_TYPES,
    validate(resource, report) {
        const options = get(resource.props, "domainEndpointOptions");
        if (isUnknown(options)) return;
        // An empty block still counts: the provider fills enforceHttps with its default, true.
        const declared = options !== undefined || (raw(resource.props) as Record<string, unknown> | undefined)?.domainEndpointOptions != null;
        const enforceHttps = get(options, "enforceHttps");
        if (!declared || enforceHttps === false) {
            report('Set domainEndpointOptions.enforceHttps to true (with tlsSecurityPolicy "Policy-Min-TLS-1-2-PFS-2023-10"): the endpoint accepts plain HTTP.');
            return;
        }
        const policy = get(options, "tlsSecurityPolicy");
        if (isUnknown(policy) || TLS_1_2_POLICIES.includes(asString(policy) ?? "")) return;
        report(`Set domainEndpointOptions.tlsSecurityPolicy to "Policy-Min-TLS-1-2-PFS-2023-10" (or "Policy-Min-TLS-1-2-2019-07"): ${policy === undefined ? "unset, the endpoint keeps accepting" : `"${asString(policy)}" accepts`} TLS 1.0 and 1.1.`);
    },
});
