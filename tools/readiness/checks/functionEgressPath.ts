import { endpointServesSubnet, endpointsOf, functionNeeds, listText, ReadinessCheck, routingOf, vpcFunctions, vpcOf } from "../lib";
import type { Finding } from "../lib";

export const functionEgressPath: ReadinessCheck = {
    name: "function-egress-path",
    category: "connectivity",
    severity: "warning",
    what: "A function in a VPC that calls AWS APIs (the services of the actions its role's own policies grant, not AWS managed ones, except what Lambda itself does: network interfaces, logs, X-Ray, KMS through another service) or the internet (environment URLs such as UPSTREAM_URL) has, from every one of its subnets, a default route to a NAT gateway or instance, or a VPC endpoint for each AWS service (gateway endpoints associated with the subnet's route table). A function in a subnet routed straight to an internet gateway is flagged too: Lambda's interfaces have no public IP.",
    rule: "Lambda functions in a VPC have no internet access of their own: calls leave through a NAT or a VPC endpoint, or they time out.",
    async run(stack) {
        const findings: Finding[] = [];
        for (const vf of vpcFunctions(stack)) {
            if (vf.unresolved) continue;
            const needs = await functionNeeds(stack, vf.fn);
            if (needs.services.size === 0 && needs.internet.length === 0) continue;
            const endpoints = endpointsOf(stack, vpcOf(stack, vf));
            // One finding per problem, naming every subnet that has it (a function runs in all of them).
            const noInternet: string[] = [];
            const publicSubnets: string[] = [];
            const unreachable = new Map<string, string[]>();
            for (const subnet of vf.subnets) {
                const routing = routingOf(stack, subnet);
                if (routing.defaultRoute === "nat" || routing.defaultRoute === "unknown") continue;
                if (routing.defaultRoute === "igw") publicSubnets.push(subnet.name);
                if (needs.internet.length > 0) noInternet.push(subnet.name);
                for (const service of needs.services.keys()) {
                    if ((endpoints.get(service) ?? []).some((endpoint) => endpointServesSubnet(stack, endpoint, routing))) continue;
                    unreachable.set(service, [...(unreachable.get(service) ?? []), subnet.name]);
                }
            }
            const subnetsText = (names: string[]) => `subnet${names.length === 1 ? "" : "s"} ${listText(names)}`;
            if (noInternet.length > 0) {
                const one = noInternet.length === 1;
                const why =
                    publicSubnets.length === noInternet.length
                        ? `${one ? "routes" : "route"} to an internet gateway, which Lambda's interfaces (no public IP) cannot use`
                        : `${one ? "has" : "have"} no route to a NAT`;
                findings.push(
                    stack.finding(this, vf.fn, "warning",
                        `Function "${vf.fn.name}" calls the internet (${listText(needs.internet)}) but its ${subnetsText(noInternet)} ${why}: those calls will time out.`,
                        "Lambda in a VPC: internet access needs a private subnet with a 0.0.0.0/0 route to a NAT gateway or instance.",
                        `Route 0.0.0.0/0 of ${subnetsText(noInternet)} to a NAT (natStrategy "single", "perAz" or "instance"), or move the function to subnets that have one.`),
                );
            }
            for (const [service, names] of unreachable) {
                findings.push(
                    stack.finding(this, vf.fn, "warning",
                        `Function "${vf.fn.name}" calls ${service} (${needs.services.get(service)![0]}) but its ${subnetsText(names)} ${names.length === 1 ? "has" : "have"} neither a NAT route nor a ${service} VPC endpoint: those calls will time out.`,
                        "Lambda in a VPC: AWS API calls need a NAT route or a VPC endpoint for the service (interface endpoints with private DNS; gateway endpoints on the subnet's route table).",
                        `Add a com.amazonaws.<region>.${service} VPC endpoint, or a NAT route for ${subnetsText(names)}.`),
                );
            }
        }
        return findings;
    },
};
