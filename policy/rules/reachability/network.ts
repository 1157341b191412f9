/**
 * The VPC as the stack declares it: which route tables a subnet uses, where their routes lead, and
 * which endpoints serve a VPC. Everything answers "unknown" rather than guessing when a preview has not
 * resolved the ids that tie the pieces together.
 */
import type { PolicyResource } from "@pulumi/policy";
import { parseCidr } from "../../lib/cidr";
import { propsOf } from "../../lib/stack";
import { asArray, asBoolean, asString, get, isUnknown, Read } from "../../lib/values";
import { linksFrom, linksOf, referrersOf, referrersOfAny } from "./links";

export const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    internetGateway: "aws:ec2/internetGateway:InternetGateway",
    natGateway: "aws:ec2/natGateway:NatGateway",
    networkInterface: "aws:ec2/networkInterface:NetworkInterface",
    instance: "aws:ec2/instance:Instance",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    function: "aws:lambda/function:Function",
} as const;

export type RouteTarget = "internet-gateway" | "nat" | "transit" | "other" | "unknown";

export interface Route {
    /** The route's destination CIDR; undefined when unknown or given as a prefix list. */
    destination: string | undefined;
    target: RouteTarget;
    /** The Route resource, or the table holding the inline route. */
    declaredBy: PolicyResource;
}

export interface TableLookup {
    tables: PolicyResource[];
    /** The subnet's table cannot be told (association ids unknown, or the VPC's main table is not in the stack). */
    unresolved: boolean;
}

/** Every address (0.0.0.0/0, ::/0): the route that carries traffic to the internet. */
export function isDefaultRoute(route: Route): boolean {
    return route.destination !== undefined && parseCidr(route.destination)?.prefix === 0;
}

function vpcsOf(resources: PolicyResource[], resource: PolicyResource) {
    return linksOf(resources, resource, "vpcId", [T.vpc]);
}

/**
 * The route tables a subnet uses: its explicit association, else its VPC's main table. The main table
 * is a MainRouteTableAssociation's table, or the one a DefaultRouteTable adopts, or (for a VPC this
 * stack creates) the VPC itself standing for the table AWS made with it, whose only routes are the
 * Route resources aimed at its mainRouteTableId.
 */
export function routeTablesOfSubnet(resources: PolicyResource[], subnet: PolicyResource): TableLookup {
    const associations = referrersOf(resources, subnet, [T.association], "subnetId");
    if (associations.length > 0) {
        const links = associations.map((a) => linksOf(resources, a, "routeTableId", [T.routeTable, T.defaultRouteTable]));
        return { tables: links.flatMap((l) => l.targets), unresolved: links.some((l) => l.targets.length === 0) };
    }
    // An association whose subnetId is unknown (and undeclared) might be this subnet's.
    const unknownAssociation = linksFrom(resources, [T.association], "subnetId", [T.subnet]).unresolved;
    const vpcs = vpcsOf(resources, subnet).targets;
    if (vpcs.length === 0) return { tables: [], unresolved: true };
    const replaced = referrersOfAny(resources, vpcs, [T.mainRouteTableAssociation], "vpcId", [T.vpc]).flatMap((m) => linksOf(resources, m, "routeTableId", [T.routeTable]).targets);
    if (replaced.length > 0) return { tables: replaced, unresolved: unknownAssociation };
    const adopted = referrersOfAny(resources, vpcs, [T.defaultRouteTable], "defaultRouteTableId", [T.vpc]);
    return { tables: [...adopted, ...vpcs], unresolved: unknownAssociation };
}

function isForwardingInterface(eni: PolicyResource): boolean | undefined {
    const check = asBoolean(get(propsOf(eni), "sourceDestCheck"));
    if (check !== undefined) return !check;
    return isUnknown(get(propsOf(eni), "sourceDestCheck")) ? undefined : false;
}

/** Where a route (a Route resource, or an inline route of a table) sends traffic. */
function targetOf(resources: PolicyResource[], holder: PolicyResource, route: unknown, inline: boolean): RouteTarget {
    const value = (key: string): Read => get(route, key);
    const present = (key: string) => {
        const v = value(key);
        return isUnknown(v) || (typeof v === "string" && v !== "");
    };
    const linked = (key: string, types: string[]) => linksOf(resources, holder, inline ? "routes" : key, types, inline ? ["routes"] : [key]);
    if (present("natGatewayId")) return "nat";
    if (present("transitGatewayId") || present("coreNetworkArn")) return "transit";
    if (present("gatewayId")) {
        const gateway = asString(value("gatewayId"));
        if (gateway) return gateway.startsWith("igw-") ? "internet-gateway" : "other";
        return linked("gatewayId", [T.internetGateway]).targets.length > 0 ? "internet-gateway" : "unknown";
    }
    for (const key of ["networkInterfaceId", "instanceId"]) {
        if (!present(key)) continue;
        const types = key === "networkInterfaceId" ? [T.networkInterface] : [T.instance];
        const { targets } = linked(key, types);
        const known = asString(value(key));
        const candidates = inline && known ? targets.filter((t) => get(propsOf(t), "id") === known) : targets;
        if (candidates.length === 0) return "unknown";
        const forwarding = candidates.map(isForwardingInterface);
        if (forwarding.every((f) => f === true)) return "nat";
        return forwarding.some((f) => f === undefined) ? "unknown" : "other";
    }
    return "other";
}

/** The routes of a table: inline `routes` and Route resources attached to it. */
export function routesOf(resources: PolicyResource[], table: PolicyResource): Route[] {
    const routes: Route[] = [];
    const inlineRoutes = table.type === T.vpc ? [] : (asArray(get(propsOf(table), "routes")) ?? []);
    for (const inline of inlineRoutes) {
        routes.push({
            destination: asString(get(inline, "cidrBlock")) ?? asString(get(inline, "ipv6CidrBlock")),
            target: targetOf(resources, table, inline, true),
            declaredBy: table,
        });
    }
    for (const route of referrersOf(resources, table, [T.route], "routeTableId")) {
        const props = propsOf(route);
        routes.push({
            destination: asString(get(props, "destinationCidrBlock")) ?? asString(get(props, "destinationIpv6CidrBlock")),
            target: targetOf(resources, route, props, false),
            declaredBy: route,
        });
    }
    return routes;
}

/** Route resources whose table is not known yet: any of them might belong to any table. */
export function hasUnplacedRoutes(resources: PolicyResource[]): boolean {
    return linksFrom(resources, [T.route], "routeTableId", [T.routeTable, T.defaultRouteTable, T.vpc]).unresolved;
}

/** The subnets a property points at (e.g. a function's vpcConfig.subnetIds). */
export function subnetsOf(resources: PolicyResource[], from: PolicyResource, property: string, path?: (string | number)[]) {
    return linksOf(resources, from, property, [T.subnet], path);
}

export { vpcsOf };
