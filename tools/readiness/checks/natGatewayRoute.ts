import { asString, defaultRouteTargets, get, ReadinessCheck, routeTablesOf, TYPES } from "../lib";
import type { Finding } from "../lib";

export const natGatewayRoute: ReadinessCheck = {
    name: "nat-gateway-route",
    category: "connectivity",
    severity: "error",
    what: "A public NAT gateway sits in a subnet whose route table sends 0.0.0.0/0 to an internet gateway, in a VPC that has one.",
    rule: "EC2 CreateNatGateway (public) fails when the VPC has no internet gateway (Gateway.NotAttached); in a subnet without a route to one it is created but forwards nothing.",
    run(stack) {
        const findings: Finding[] = [];
        for (const nat of stack.ofType(TYPES.natGateway)) {
            if (asString(get(stack.props(nat), "connectivityType")) === "private") continue;
            const subnet = stack.refs(nat, "subnetId", TYPES.subnet)[0];
            if (!subnet) continue;
            const vpc = stack.refs(subnet, "vpcId", TYPES.vpc)[0];
            const gateways = vpc
                ? [
                      ...stack.referrers(vpc, "vpcId", TYPES.internetGateway),
                      ...stack.referrers(vpc, "vpcId", TYPES.internetGatewayAttachment),
                  ]
                : stack.ofType(TYPES.internetGateway);
            if (vpc && gateways.length === 0) {
                findings.push(
                    stack.finding(this, nat, "error",
                        `NAT gateway "${nat.name}" is public but VPC "${vpc.name}" has no internet gateway: AWS refuses to create it.`,
                        "EC2: a public NAT gateway needs an internet gateway attached to its VPC (Gateway.NotAttached).",
                        `Attach an internet gateway to "${vpc.name}" and route the NAT's subnet to it, or use connectivityType "private".`),
                );
                continue;
            }
            const tables = routeTablesOf(stack, subnet);
            const kinds = tables.flatMap((t) => defaultRouteTargets(stack, t).map((target) => target.kind));
            if (kinds.includes("igw") || kinds.includes("unknown")) continue;
            findings.push(
                stack.finding(this, nat, "warning",
                    `NAT gateway "${nat.name}" is in subnet "${subnet.name}", whose route table${tables.length ? "" : " (none is associated)"} has no 0.0.0.0/0 route to an internet gateway: it will be created but forward nothing.`,
                    "EC2: a public NAT gateway must be in a public subnet (default route to an internet gateway).",
                    `Put "${nat.name}" in a public subnet, or add a 0.0.0.0/0 route to the internet gateway to that subnet's route table.`),
            );
        }
        return findings;
    },
};
