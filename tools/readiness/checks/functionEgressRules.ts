import {
    cachesUsedBy, endpointsOf, functionNeeds, get, ReadinessCheck, routingOf, rulesAllow, securityGroupRules,
    subnetCidrs, TYPES, vpcFunctions, vpcOf,
} from "../lib";
import type { Finding } from "../lib";

export const functionEgressRules: ReadinessCheck = {
    name: "function-egress-rules",
    category: "connectivity",
    severity: "warning",
    what: "A VPC function's security groups allow egress to what it must reach: its cache's port to the cache's security group (or subnets), 443 to the security group of each interface endpoint it uses, and 443 to 0.0.0.0/0 when it reaches the internet or AWS through a NAT. Groups declared without inline egress have none (the provider removes AWS's default allow-all rule).",
    rule: "EC2 security groups: outbound traffic is denied unless an egress rule allows it; the Pulumi/Terraform provider deletes the default allow-all egress of groups it creates.",
    async run(stack) {
        const findings: Finding[] = [];
        for (const vf of vpcFunctions(stack)) {
            if (vf.unresolved || vf.groups.length === 0) continue;
            const egress = vf.groups.flatMap((g) => securityGroupRules(stack, g)).filter((r) => r.direction === "egress");
            const allows = (port: number, peer: { groups: typeof vf.groups; cidrs: string[] }) => rulesAllow(egress, port, peer);
            const blocked: string[] = [];
            for (const use of cachesUsedBy(stack, vf.fn)) {
                if (!allows(use.port, { groups: use.groups, cidrs: subnetCidrs(stack, use.subnets) })) blocked.push(`TCP ${use.port} to cache "${use.cache.name}"`);
            }
            const needs = await functionNeeds(stack, vf.fn);
            const endpoints = endpointsOf(stack, vpcOf(stack, vf));
            const throughNat = vf.subnets.some((s) => routingOf(stack, s).defaultRoute === "nat");
            let needsInternet = needs.internet.length > 0;
            for (const service of needs.services.keys()) {
                const interfaces = (endpoints.get(service) ?? []).filter((e) => get(stack.props(e), "vpcEndpointType") === "Interface");
                if (interfaces.length === 0) {
                    needsInternet = true;
                    continue;
                }
                const reachable = interfaces.some((endpoint) =>
                    allows(443, {
                        groups: stack.refs(endpoint, "securityGroupIds", TYPES.securityGroup),
                        cidrs: subnetCidrs(stack, stack.refs(endpoint, "subnetIds", TYPES.subnet)),
                    }),
                );
                if (!reachable) blocked.push(`TCP 443 to the ${service} endpoint`);
            }
            if (needsInternet && throughNat && !allows(443, { groups: [], cidrs: ["0.0.0.0/0"] })) blocked.push("TCP 443 to the internet (through the NAT)");
            if (blocked.length === 0) continue;
            findings.push(
                stack.finding(this, vf.fn, "warning",
                    `Function "${vf.fn.name}"'s security group${vf.groups.length > 1 ? "s do" : " does"} not allow ${blocked.join(", ")}: those connections will time out.`,
                    "EC2 security groups: outbound traffic needs an egress rule; groups created by Pulumi start with none.",
                    `Add egress rules to ${vf.groups.map((g) => `"${g.name}"`).join(", ")} for ${blocked.join(", ")}.`),
            );
        }
        return findings;
    },
};
