import { isAnyAddress } from "../../lib/cidr";
import { resourceRule } from "../../lib/rule";
import { describePorts, ingressOf, INGRESS_TYPES, onlyPorts } from "./ingress";

export const disallowPublicIngress = resourceRule({
    name: "ec2-security-group-disallow-public-ingress",
    category: "exposure",
    description: "Security groups must not admit the whole internet (0.0.0.0/0 or ::/0) except on the allowed public ports.",
    what: "Ingress of SecurityGroup (inline), SecurityGroupRule and vpc.SecurityGroupIngressRule whose source is 0.0.0.0/0 or ::/0 (any prefix-0 block), on any port outside `allowedPublicPorts` (80 and 443 by default), including all-traffic and ICMP rules.",
    why: "An internet-wide source on SSH, RDP, Redis or a wide port range is found by scanners within minutes; with one weak credential or unpatched service the workload is taken over.",
    fix: "Admit a security group (the client's) or a managed prefix list (CloudFront's origin-facing list) instead of a CIDR; keep internet-wide sources to 80/443 on load balancers that must face the internet.",
    frameworks: { cis: ["5.2", "5.3"], fsbp: ["EC2.18", "EC2.19", "EC2.53", "EC2.54"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    config: {
        allowedPublicPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [80, 443],
            description: "TCP/UDP ports that may be open to 0.0.0.0/0 and ::/0 (FSBP EC2.18's authorised ports).",
        },
    },
    types: INGRESS_TYPES,
    validate(resource, report) {
        const allowed = (resource.config.allowedPublicPorts as number[] | undefined) ?? [80, 443];
        for (const ingress of ingressOf(resource.type, resource.props)) {
            const open = ingress.cidrs.filter(isAnyAddress);
            if (open.length === 0 || onlyPorts(ingress, allowed)) continue;
            const allowedText = allowed.length > 0 ? `only ports ${allowed.join(", ")} may be open to the internet` : "no port may be open to the internet";
            report(
                `Restrict ${ingress.label} (${describePorts(ingress)} from ${open.join(", ")}) to a security group or prefix list: ${allowedText}.`,
            );
        }
    },
});
