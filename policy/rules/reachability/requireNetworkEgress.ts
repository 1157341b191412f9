import type { PolicyResource } from "@pulumi/policy";
import { quoteList } from "../../lib/iam";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asRecord, asString, get, isUnknown } from "../../lib/values";
import { linksFrom, linksOf, referrersOfAny } from "./links";
import { hasUnplacedRoutes, isDefaultRoute, routesOf, routeTablesOfSubnet, subnetsOf, T, vpcsOf } from "./network";
import { endpointNamesFor, internetUrlsIn, servicesCalledBy } from "./roles";

type Egress = "nat" | "none" | "unknown";

function egressOf(resources: PolicyResource[], subnet: PolicyResource): { egress: Egress; tables: PolicyResource[] } {
    const lookup = routeTablesOfSubnet(resources, subnet);
    if (lookup.unresolved) return { egress: "unknown", tables: lookup.tables };
    const defaults = lookup.tables.flatMap((t) => routesOf(resources, t)).filter((r) => isDefaultRoute(r) || r.destination === undefined);
    if (defaults.some((r) => isDefaultRoute(r) && (r.target === "nat" || r.target === "transit"))) return { egress: "nat", tables: lookup.tables };
    if (defaults.some((r) => r.target === "unknown" || r.destination === undefined)) return { egress: "unknown", tables: lookup.tables };
    return { egress: "none", tables: lookup.tables };
}

type EndpointVerdict = "served" | "missing" | "unknown";

/** Whether the VPC has an endpoint for the service that the subnet's traffic would use. */
function endpointFor(resources: PolicyResource[], vpcs: PolicyResource[], tables: PolicyResource[], service: string): EndpointVerdict {
    const names = endpointNamesFor(service);
    // An endpoint whose VPC is not known yet might be in this one.
    let unknown = linksFrom(resources, [T.endpoint], "vpcId", [T.vpc]).unresolved;
    for (const endpoint of referrersOfAny(resources, vpcs, [T.endpoint], "vpcId", [T.vpc])) {
        const props = propsOf(endpoint);
        const serviceName = get(props, "serviceName");
        if (isUnknown(serviceName)) {
            unknown = true;
            continue;
        }
        const name = asString(serviceName) ?? "";
        if (!names.some((n) => name.endsWith(`.${n}`))) continue;
        const type = (asString(get(props, "vpcEndpointType")) ?? "Gateway").toLowerCase();
        if (type === "interface") {
            const dns = get(props, "privateDnsEnabled");
            if (dns === true) return "served";
            if (isUnknown(dns)) unknown = true;
        } else if (type === "gateway") {
            const link = linksOf(resources, endpoint, "routeTableIds", [T.routeTable, T.defaultRouteTable, T.vpc]);
            if (tables.length > 0 && tables.every((t) => link.targets.includes(t))) return "served";
            if (link.unresolved) unknown = true;
        }
    }
    return unknown ? "unknown" : "missing";
}

export const requireNetworkEgress = stackRule({
    name: "lambda-function-require-network-egress",
    category: "resilience",
    description: "A VPC Lambda must be able to reach what it calls: a NAT route, or VPC endpoints for every AWS API its role allows.",
    what: "For each Function with vpcConfig, each of its subnets is followed to its route table (explicit association, else the VPC's main table): a default route to a NAT gateway, a NAT instance (a route to a network interface or instance with sourceDestCheck off) or a transit gateway gives egress. A subnet without one needs, for every AWS service the function's role allows (inline policies, RolePolicy, attached policies; Lambda's own log, network-interface and X-Ray calls excepted), an interface endpoint in the VPC with privateDnsEnabled, or a gateway endpoint (S3, DynamoDB) on the subnet's route table; and no environment variable may point at an internet URL. A route to an internet gateway does not count: Lambda's interfaces never get public addresses.",
    why: "Without egress the function deploys cleanly and then times out on its first AWS SDK call (Secrets Manager, S3...) or upstream request: the most common failure of a VPC Lambda, invisible to every per-resource check.",
    fix: "Route the private subnets' 0.0.0.0/0 to a NAT gateway or NAT instance, or add the missing interface endpoints (com.amazonaws.<region>.<service>, privateDnsEnabled: true, security group admitting 443 from the function) and gateway endpoints for S3/DynamoDB.",
    frameworks: { soc2: ["A1.2"], gdpr: ["32(1)(b)"] },
    validate({ resources }, report) {
        if (hasUnplacedRoutes(resources)) return;
        for (const fn of resourcesOfType(resources, T.function)) {
            if (get(propsOf(fn), "vpcConfig", "subnetIds") === undefined) continue;
            const subnets = subnetsOf(resources, fn, "vpcConfig", ["vpcConfig", "subnetIds"]).targets;
            const closed = subnets.map((s) => ({ subnet: s, ...egressOf(resources, s) })).filter((s) => s.egress === "none");
            if (closed.length === 0) continue;

            const needs: string[] = [];
            const { services } = servicesCalledBy(resources, fn);
            const missing = new Set<string>();
            for (const { subnet, tables } of closed) {
                const vpcs = vpcsOf(resources, subnet).targets;
                for (const service of services.keys()) if (endpointFor(resources, vpcs, tables, service) === "missing") missing.add(service);
            }
            if (missing.size > 0) {
                const examples = [...missing].map((s) => `${s} (${services.get(s)})`);
                needs.push(`no VPC endpoint for ${examples.join(", ")}, which its role allows`);
            }
            const urls = internetUrlsIn(asRecord(get(propsOf(fn), "environment", "variables")) ?? {});
            if (urls.length > 0) needs.push(`environment ${urls.map((u) => `${u.name} points at ${u.host}`).join(", ")} on the internet`);
            if (needs.length === 0) continue;
            report(
                fn,
                `Give function "${fn.name}" a way out of subnet(s) ${quoteList(closed.map((c) => c.subnet.name))}: they have no route to a NAT, and the function has ${needs.join("; and ")}. Add a NAT route, or the interface/gateway endpoints.`,
            );
        }
    },
});
