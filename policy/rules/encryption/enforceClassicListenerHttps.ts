import { resourceRule } from "../../lib/rule";
import { asArray, asNumber, asString, get, isUnknown } from "../../lib/values";

export const enforceClassicListenerHttps = resourceRule({
    name: "elb-enforce-classic-listener-https",
    category: "encryption",
    description: "Classic load balancers must not serve HTTP listeners.",
    what: 'aws.elb.LoadBalancer listeners whose lbProtocol is "HTTP" (any case), or that give no lbProtocol while lbPort is 80 (the provider requires lbProtocol; a program that leaves it out on port 80 means HTTP). HTTPS and SSL listeners pass; TCP passes, since it may carry TLS through to the instances.',
    why: "A Classic Load Balancer cannot redirect HTTP to HTTPS, so an HTTP listener serves the application itself in clear text: sessions, cookies and form posts can be read or rewritten by anyone on the path.",
    fix: 'Serve only an HTTPS (or SSL) listener with sslCertificateId set to an ACM certificate, e.g. { lbPort: 443, lbProtocol: "https", instancePort: 8080, instanceProtocol: "http", sslCertificateId }; better, move to an Application Load Balancer with an HTTP-to-HTTPS redirect.',
    frameworks: { fsbp: ["ELB.3"], soc2: ["CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "Classic Load Balancers cannot redirect HTTP to HTTPS (Application Load Balancers can, since July 2018).",
    types: ["aws:elb/loadBalancer:LoadBalancer"],
    validate(resource, report) {
        (asArray(get(resource.props, "listeners")) ?? []).forEach((listener, i) => {
            const protocol = get(listener, "lbProtocol");
            const port = get(listener, "lbPort");
            if (isUnknown(protocol) || isUnknown(port)) return;
            const name = asString(protocol)?.toUpperCase();
            if (name === "HTTP" || (name === undefined && asNumber(port) === 80)) {
                report(`Replace listener ${i + 1} (HTTP on port ${asNumber(port) ?? "?"}) with an HTTPS listener and an ACM certificate: a Classic Load Balancer cannot redirect, so it serves the application in clear text.`);
            }
        });
    },
});
