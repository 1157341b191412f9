/**
 * Reads a recorded Network back into the shape a reviewer reasons about: which AZ each route table
 * serves and where its default route goes. Links are followed through `propertyDependencies` (URNs),
 * so the same reading works in preview, where every id is unknown.
 */
import * as assert from "assert";
import { RecordedResource } from "../../tools/engine/recorder";
import { Recording, unwrap } from "../helpers/offline";

export const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    igw: "aws:ec2/internetGateway:InternetGateway",
    eip: "aws:ec2/eip:Eip",
    natGateway: "aws:ec2/natGateway:NatGateway",
    instance: "aws:ec2/instance:Instance",
    eni: "aws:ec2/networkInterface:NetworkInterface",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    naclAssociation: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    flowLog: "aws:ec2/flowLog:FlowLog",
    key: "aws:kms/key:Key",
    network: "bulwark:network:Network",
} as const;

export const LOGS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-a444-555555555555";

/** The one URN an input property of a resource was computed from. */
export function dependencyOf(resource: RecordedResource, property: string): string {
    const urns = resource.propertyDependencies[property] ?? [];
    assert.strictEqual(urns.length, 1, `${resource.name}.${property} depends on ${urns.length} resources: ${urns.join(", ")}`);
    return urns[0];
}

export function tierOf(resource: RecordedResource): string | undefined {
    return unwrap<Record<string, string> | undefined>(resource.inputs.tags)?.["bulwark:tier"];
}

/** The AZ a subnet (given by URN) was placed in. */
export function azOfSubnet(rec: Recording, subnetUrn: string): string {
    return unwrap<string>(rec.byUrn(subnetUrn).inputs.availabilityZone);
}

export interface RouteTableView {
    table: RecordedResource;
    tier: string | undefined;
    /** AZs of the subnets associated with this table. */
    azs: string[];
    /** Routes in this table, by destination (a CIDR or a prefix list). */
    routes: RecordedResource[];
}

export function routeTables(rec: Recording): RouteTableView[] {
    return rec.ofType(T.routeTable).map((table) => ({
        table,
        tier: tierOf(table),
        azs: rec
            .ofType(T.association)
            .filter((a) => dependencyOf(a, "routeTableId") === table.urn)
            .map((a) => azOfSubnet(rec, dependencyOf(a, "subnetId"))),
        routes: rec.ofType(T.route).filter((r) => dependencyOf(r, "routeTableId") === table.urn),
    }));
}

/** The default route (0.0.0.0/0) of a table, if any. */
export function defaultRoute(view: RouteTableView): RecordedResource | undefined {
    const defaults = view.routes.filter((r) => unwrap(r.inputs.destinationCidrBlock) === "0.0.0.0/0");
    assert.ok(defaults.length <= 1, `${view.table.name} has ${defaults.length} default routes`);
    return defaults[0];
}

/** The AZ of the NAT a route sends traffic to: through a NAT gateway's or a NAT interface's subnet. */
export function natAzOfRoute(rec: Recording, route: RecordedResource): { kind: "gateway" | "instance"; az: string; nat: RecordedResource } {
    if (route.propertyDependencies.natGatewayId?.length) {
        const nat = rec.byUrn(dependencyOf(route, "natGatewayId"));
        return { kind: "gateway", az: azOfSubnet(rec, dependencyOf(nat, "subnetId")), nat };
    }
    const eni = rec.byUrn(dependencyOf(route, "networkInterfaceId"));
    return { kind: "instance", az: azOfSubnet(rec, dependencyOf(eni, "subnetId")), nat: eni };
}

/** Every recorded resource except the stack and the component itself. */
export function childrenOf(rec: Recording, componentName = "net"): RecordedResource[] {
    const component = rec.one(T.network, componentName);
    return rec.childrenOf(component.urn);
}
