import { endpointServesSubnet, endpointsOf, functionNeeds, listText, ReadinessCheck, routingOf, vpcFunctions, vpcOf } from "../lib";
import type { Finding } from "../lib";

export const functionEgressPath: ReadinessCheck = {
    name: "function-egress-path",
    category: "connectivity",
    severity: "warning",
    what: "A function in a VPC that calls AWS APIs (the services of its role's actions, except what Lambda itself does: network interfaces, logs, X-Ray, KMS through another service) or the internet (environment URLs such as UPSTREAM_URL) has, from every one of its subnets, a default route to a NAT gateway or instance, or a VPC endpoint for each AWS service (gateway endpoints associated with the subnet's route table). A function in a subnet routed straight to an internet gateway is flagged too: Lambda's interfaces have no public IP.",
    rule: "Lambda functions in a VPC have no internet access of their own: calls leave through a NAT or a VPC endpoint, or they time out.",
    async run(stack) {
        const findings: Finding[] = [];
        for (const vf of vpcFunctions(stack)) {
            if (vf.unresolved) continue;
            const needs = await functionNeeds(stack, vf.fn);
            if (needs.services.size === 0 && needs.internet.length === 0) continue;
            const endpoints = endpointsOf(stack, vpcOf(stack, vf));
            for (const subnet of vf.subnets) {
                const routing = routingOf(stack, subnet);
                if (routing.defaultRoute === "nat" || routing.defaultRoute === "unknown") continue;
                const unreachable = [...needs.services.keys()].filter(
                    (service) => !(endpoints.get(service) ?? []).some((endpoint) => endpointServesSubnet(stack, endpoint, routing)),
                );
                const publicSubnet = routing.defaultRoute === "igw";
                if (needs.internet.length > 0) {
                    findings.push(
                        stack.finding(this, vf.fn, "warning",
                            `Function "${vf.fn.name}" calls the internet (${listText(needs.internet)}) but subnet "${subnet.name}" ${publicSubnet ? "routes to an internet gateway, which Lambda's interfaces (no public IP) cannot use" : "has no route to a NAT"}: those calls will time out.`,
                            "Lambda in a VPC: internet access needs a private subnet with a 0.0.0.0/0 route to a NAT gateway or instance.",
                            `Route "${subnet.name}"'s 0.0.0.0/0 to a NAT (natStrategy "single", "perAz" or "instance"), or move the function to subnets that have one.`),
                    );
                }
                if (unreachable.length > 0) {
                    findings.push(
                        stack.finding(this, vf.fn, "warning",
                            `Function "${vf.fn.name}" calls ${unreachable.map((s) => `${s} (${needs.services.get(s)![0]})`).join(", ")} but subnet "${subnet.name}" has neither a NAT route nor a VPC endpoint for ${unreachable.length === 1 ? "it" : "them"}: those calls will time out.`,
                            "Lambda in a VPC: AWS API calls need a NAT route or a VPC endpoint for the service (interface endpoints with private DNS; gateway endpoints on the subnet's route table).",
                            `Add ${unreachable.map((s) => `com.amazonaws.<region>.${s}`).join(", ")} VPC endpoint${unreachable.length === 1 ? "" : "s"}, or a NAT route for "${subnet.name}".`),
                    );
                }
            }
        }
        return findings;
    },
};
