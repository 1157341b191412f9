import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";
import { LISTENER_TYPES } from "./enforceListenerHttps";

/** Predefined ELB policies that accept nothing below TLS 1.2 (TLS 1.3 policies, the TLS-1-2 and FS-1-2 families). */
const MODERN_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;
/** The provider's (and the API's) default when sslPolicy is left out. */
const DEFAULT_POLICY = "ELBSecurityPolicy-2016-08";

export const configureListenerTlsPolicy = resourceRule({
    name: "elb-configure-listener-tls-policy",
    category: "encryption",
    description: "Load balancer HTTPS and TLS listeners must use a security policy without TLS 1.0 and 1.1.",
    what: `Listeners with protocol "HTTPS" or "TLS" whose sslPolicy is not a TLS 1.2+ predefined policy (ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -TLS-1-2-*, -FS-1-2-*). Leaving sslPolicy out selects ${DEFAULT_POLICY}, which accepts TLS 1.0.`,
    why: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow downgrade attacks and weak CBC ciphers; PCI DSS and most audits reject them.",
    fix: 'Set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" (AWS\'s recommended policy; TLS 1.3 with TLS 1.2 fallback).',
    frameworks: { fsbp: ["ELB.17"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    types: LISTENER_TYPES,
    validate(resource, report) {
        const protocol = asString(get(resource.props, "protocol"))?.toUpperCase();
        if (protocol !== "HTTPS" && protocol !== "TLS") return;
        const value = get(resource.props, "sslPolicy");
        if (isUnknown(value)) return;
        const policy = asString(value) ?? DEFAULT_POLICY;
        if (MODERN_POLICY.test(policy)) return;
        const shown = value === undefined ? `the default ${DEFAULT_POLICY}` : `"${policy}"`;
        report(`Set sslPolicy to "ELBSecurityPolicy-TLS13-1-2-2021-06": ${shown} accepts TLS versions below 1.2.`);
    },
});
