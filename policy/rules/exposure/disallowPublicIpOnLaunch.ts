import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const disallowPublicIpOnLaunch = resourceRule({
    name: "ec2-subnet-disallow-public-ip-on-launch",
    category: "exposure",
    description: "Subnets must not give instances a public IP address automatically.",
    what: "Subnets with mapPublicIpOnLaunch or assignIpv6AddressOnCreation set to true.",
    why: "Every instance, NAT-less ENI or task started in such a subnet gets an internet-routable address, whatever tier it was meant for; one permissive security group then exposes it.",
    fix: "Set mapPublicIpOnLaunch: false and attach Elastic IPs only to what must face the internet (NAT gateways or NAT instances).",
    frameworks: { fsbp: ["EC2.15"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:ec2/subnet:Subnet"],
    validate(resource, report) {
        if (get(resource.props, "mapPublicIpOnLaunch") === true) report("Set mapPublicIpOnLaunch to false: attach an Elastic IP only to what must face the internet.");
        if (get(resource.props, "assignIpv6AddressOnCreation") === true) {
            report("Set assignIpv6AddressOnCreation to false unless the subnet's IPv6 route is egress-only: IPv6 addresses are publicly routable.");
        }
    },
});
