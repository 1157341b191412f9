import { describeResourcePolicy } from "../rules-support/resourceCases";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const apiOrigin = {
    originId: "api",
    domainName: "abc.lambda-url.eu-west-1.on.aws",
    originAccessControlId: "E2OAC",
    customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], originReadTimeout: 30 },
};
const staticOrigin = { originId: "static", domainName: "static-1234.s3.eu-west-1.amazonaws.com", originAccessControlId: "E3OAC" };
const distribution = {
    enabled: true,
    webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/1",
    origins: [apiOrigin, staticOrigin],
    defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [{ pathPattern: "/static/*", targetOriginId: "static", viewerProtocolPolicy: "https-only" }],
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/1", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
};
type Props = Record<string, any>;

describeResourcePolicy({
    policy: "cloudfront-distribution-enforce-viewer-https",
    type: DISTRIBUTION,
    compliant: distribution,
    failures: [
        { name: "allow-all on the default behavior", props: (p: Props) => ({ ...p, defaultCacheBehavior: { ...p.defaultCacheBehavior, viewerProtocolPolicy: "allow-all" } }), messages: [/^Set viewerProtocolPolicy of defaultCacheBehavior to "redirect-to-https" or "https-only"\.$/] },
        { name: "allow-all on an ordered behavior", props: (p: Props) => ({ ...p, orderedCacheBehaviors: [{ ...p.orderedCacheBehaviors[0], viewerProtocolPolicy: "allow-all" }] }), messages: [/of behavior "\/static\/\*"/] },
    ],
    unknowable: ["defaultCacheBehavior", "orderedCacheBehaviors"],
});

describeResourcePolicy({
    policy: "cloudfront-distribution-enforce-origin-tls",
    type: DISTRIBUTION,
    compliant: distribution,
    failures: [
        { name: "http-only to the origin", props: (p: Props) => ({ ...p, origins: [{ ...apiOrigin, customOriginConfig: { ...apiOrigin.customOriginConfig, originProtocolPolicy: "http-only" } }] }), messages: [/^Set originProtocolPolicy of origin "api" to "https-only" \(it is "http-only"\)\.$/] },
        { name: "TLSv1 and TLSv1.1 allowed", props: (p: Props) => ({ ...p, origins: [{ ...apiOrigin, customOriginConfig: { ...apiOrigin.customOriginConfig, originSslProtocols: ["TLSv1", "TLSv1.1", "TLSv1.2"] } }] }), messages: [/^Remove TLSv1, TLSv1\.1 from originSslProtocols of origin "api"/] },
    ],
    unknowable: ["origins"],
});

describeResourcePolicy({
    policy: "cloudfront-distribution-configure-minimum-tls",
    type: DISTRIBUTION,
    compliant: distribution,
    alsoCompliant: [{ name: "the default certificate, accepted by default", props: { ...distribution, viewerCertificate: { cloudfrontDefaultCertificate: true } } }],
    failures: [
        { name: "TLSv1 with a custom certificate", props: (p: Props) => ({ ...p, viewerCertificate: { ...p.viewerCertificate, minimumProtocolVersion: "TLSv1" } }), messages: [/^Set minimumProtocolVersion to "TLSv1\.2_2021" \(it is "TLSv1"\)\.$/] },
        { name: "dedicated IP (vip) support", props: (p: Props) => ({ ...p, viewerCertificate: { ...p.viewerCertificate, sslSupportMethod: "vip" } }), messages: [/^Set sslSupportMethod to "sni-only"/] },
        { name: "the default certificate where config refuses it", props: (p: Props) => ({ ...p, viewerCertificate: { cloudfrontDefaultCertificate: true } }), config: { allowDefaultCertificate: false }, messages: [/^Use a custom certificate/] },
    ],
    unknowable: ["viewerCertificate"],
});

describeResourcePolicy({
    policy: "cloudfront-distribution-require-waf",
    type: DISTRIBUTION,
    compliant: distribution,
    failures: [
        { name: "no web ACL", props: ({ webAclId, ...rest }: Props) => rest, messages: [/^Set webAclId to a WAFv2 web ACL/] },
        { name: 'webAclId "" (the provider attaches no web ACL)', props: (p: Props) => ({ ...p, webAclId: "" }), messages: [/^Set webAclId to a WAFv2 web ACL/] },
    ],
    unknowable: ["webAclId"],
});

describeResourcePolicy({
    policy: "cloudfront-distribution-require-origin-access-control",
    type: DISTRIBUTION,
    compliant: distribution,
    failures: [
        { name: "an S3 origin without OAC", props: (p: Props) => ({ ...p, origins: [apiOrigin, { originId: "static", domainName: staticOrigin.domainName }] }), messages: [/^Set originAccessControlId on S3 origin "static" and keep the bucket private\.$/] },
        {
            name: "a legacy origin access identity",
            props: (p: Props) => ({ ...p, origins: [{ originId: "static", domainName: staticOrigin.domainName, s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" } }] }),
            messages: [/^Replace the origin access identity of origin "static"/],
        },
    ],
    unknowable: ["origins"],
});
