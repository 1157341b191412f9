import { asArray, asBoolean, asString, get, isUnknown, ReadinessCheck, TYPES, UNKNOWN } from "../lib";

/** CloudFront reads certificates from ACM in us-east-1 only. */
export const CLOUDFRONT_REGION = "us-east-1";

export const cloudfrontCertificate: ReadinessCheck = {
    name: "cloudfront-certificate",
    category: "aws-api",
    severity: "error",
    what: "A distribution with aliases has an ACM certificate from us-east-1 (or an IAM certificate), not the default *.cloudfront.net one; with the default certificate the minimum protocol stays TLSv1.",
    rule: "CloudFront: alternate domain names need a trusted certificate (InvalidViewerCertificate); ACM certificates must be in us-east-1; with CloudFrontDefaultCertificate the MinimumProtocolVersion must be TLSv1.",
    run(stack) {
        const findings = [];
        for (const distribution of stack.ofType(TYPES.distribution)) {
            const props = stack.props(distribution);
            const certificate = get(props, "viewerCertificate");
            const aliases = asArray(get(props, "aliases")) ?? [];
            const usesDefault = asBoolean(get(certificate, "cloudfrontDefaultCertificate")) === true;
            const acmArn = get(certificate, "acmCertificateArn");
            const iamId = get(certificate, "iamCertificateId");
            if (aliases.length > 0 && acmArn === undefined && iamId === undefined) {
                findings.push(
                    stack.finding(this, distribution, "error",
                        `Distribution "${distribution.name}" has aliases (${aliases.filter((a) => !isUnknown(a)).join(", ") || "unknown"}) but ${usesDefault ? "the default *.cloudfront.net certificate" : "no certificate"}: CloudFront rejects it.`,
                        "CloudFront: alternate domain names (CNAMEs) require a trusted certificate that covers them (InvalidViewerCertificate).",
                        `Set viewerCertificate.acmCertificateArn to an ACM certificate in ${CLOUDFRONT_REGION} covering the aliases, with sslSupportMethod "sni-only".`),
                );
            }
            const arn = asString(acmArn);
            if (arn) {
                const region = arn.split(":")[3];
                if (!arn.startsWith("arn:") || arn.split(":")[2] !== "acm") {
                    findings.push(
                        stack.finding(this, distribution, "error",
                            `Distribution "${distribution.name}" has acmCertificateArn "${arn}", which is not an ACM certificate ARN.`,
                            "CloudFront: acmCertificateArn must be the ARN of an ACM certificate in us-east-1.",
                            `Request (or import) the certificate in ACM in ${CLOUDFRONT_REGION} and use its ARN.`),
                    );
                } else if (region !== CLOUDFRONT_REGION) {
                    findings.push(
                        stack.finding(this, distribution, "error",
                            `Distribution "${distribution.name}" uses an ACM certificate from ${region}: CloudFront only uses certificates in ${CLOUDFRONT_REGION}.`,
                            "CloudFront: ACM certificates must be requested or imported in US East (N. Virginia), us-east-1.",
                            `Create the certificate with an aws.Provider for ${CLOUDFRONT_REGION} (or region: "${CLOUDFRONT_REGION}") and use that ARN.`),
                    );
                }
            } else if (acmArn === UNKNOWN || (typeof acmArn === "string" && isUnknown(acmArn))) {
                const certificates = stack.refs(distribution, "viewerCertificate", "aws:acm/certificate:Certificate");
                for (const cert of certificates.filter((c) => stack.regionOf(c) !== CLOUDFRONT_REGION)) {
                    findings.push(
                        stack.finding(this, distribution, "error",
                            `Distribution "${distribution.name}" uses certificate "${cert.name}", created in ${stack.regionOf(cert)}: CloudFront only uses certificates in ${CLOUDFRONT_REGION}.`,
                            "CloudFront: ACM certificates must be requested or imported in US East (N. Virginia), us-east-1.",
                            `Give "${cert.name}" an aws.Provider for ${CLOUDFRONT_REGION} (or region: "${CLOUDFRONT_REGION}").`),
                    );
                }
            }
            const minimum = asString(get(certificate, "minimumProtocolVersion"));
            if (usesDefault && minimum !== undefined && minimum !== "TLSv1") {
                findings.push(
                    stack.finding(this, distribution, "error",
                        `Distribution "${distribution.name}" uses the default certificate with minimumProtocolVersion "${minimum}": CloudFront fixes it at TLSv1 for *.cloudfront.net.`,
                        "CloudFront: with CloudFrontDefaultCertificate=true, MinimumProtocolVersion must be TLSv1.",
                        "Remove minimumProtocolVersion (or set TLSv1), or use a custom domain with an ACM certificate to require TLSv1.2_2021."),
                );
            }
        }
        return findings;
    },
};
