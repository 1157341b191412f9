import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";
import { DISTRIBUTION } from "./behaviors";

const ACCEPTED = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

export const configureMinimumTls = resourceRule({
    name: "cloudfront-distribution-configure-minimum-tls",
    category: "encryption",
    description: "Distributions with a custom certificate must require TLSv1.2_2021 or newer, with SNI.",
    what: `Distributions with viewerCertificate.acmCertificateArn or iamCertificateId whose minimumProtocolVersion is not one of ${ACCEPTED.join(", ")}, or whose sslSupportMethod is not "sni-only". With the default *.cloudfront.net certificate, CloudFront allows TLSv1 and nothing can be set: \`allowDefaultCertificate: false\` reports that too.`,
    why: "Older policies accept TLS 1.0/1.1 and weak ciphers that downgrade attacks exploit; dedicated-IP (vip) support costs $600 a month for clients nobody runs anymore.",
    fix: 'Set viewerCertificate: { acmCertificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }.',
    frameworks: { fsbp: ["CloudFront.7", "CloudFront.8"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    config: {
        allowDefaultCertificate: { type: "boolean", default: true, description: "Accept the default *.cloudfront.net certificate (which allows TLSv1)." },
    },
    types: [DISTRIBUTION],
    validate(resource, report) {
        const certificate = get(resource.props, "viewerCertificate");
        if (certificate === undefined || isUnknown(certificate)) return;
        const custom = get(certificate, "acmCertificateArn") !== undefined || get(certificate, "iamCertificateId") !== undefined;
        if (!custom) {
            if (resource.config.allowDefaultCertificate === false) report("Use a custom certificate (acmCertificateArn) with minimumProtocolVersion TLSv1.2_2021: the default certificate allows TLSv1.");
            return;
        }
        const minimum = get(certificate, "minimumProtocolVersion");
        if (!isUnknown(minimum) && !ACCEPTED.includes(asString(minimum) ?? "TLSv1")) {
            report(`Set minimumProtocolVersion to "TLSv1.2_2021" (it is "${asString(minimum) ?? "TLSv1 (the default)"}").`);
        }
        const method = get(certificate, "sslSupportMethod");
        if (!isUnknown(method) && asString(method) !== undefined && asString(method) !== "sni-only") report(`Set sslSupportMethod to "sni-only" (it is "${asString(method)}").`);
    },
});
