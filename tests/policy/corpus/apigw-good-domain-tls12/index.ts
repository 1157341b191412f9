import * as aws from "@pulumi/aws";

const zone = aws.route53.getZoneOutput({ name: "example.com" });
const certificate = aws.acm.getCertificateOutput({ domain: "api.example.com", statuses: ["ISSUED"] });

const domain = new aws.apigateway.DomainName("api", {
    domainName: "api.example.com",
    regionalCertificateArn: certificate.arn,
    endpointConfiguration: { types: "REGIONAL" },
    securityPolicy: "TLS_1_2",
});

new aws.route53.Record("api", {
    zoneId: zone.zoneId,
    name: domain.domainName,
    type: "A",
    aliases: [{ name: domain.regionalDomainName, zoneId: domain.regionalZoneId, evaluateTargetHealth: false }],
});
