import * as assert from "assert";
import { Network, NetworkArgs } from "../../components/network";
import { record, Recording, unwrap } from "../helpers/offline";
import { childrenOf, defaultRoute, dependencyOf, LOGS_KEY_ARN, routeTables, T, tierOf } from "./topology";

/** Types AWS cannot tag: everything else the component makes must carry Name and the caller's tags. */
const UNTAGGABLE = new Set<string>([T.route, T.association, T.naclRule, T.naclAssociation, T.rolePolicy]);

const STRATEGIES: NetworkArgs[] = [
    { natStrategy: "perAz", azCount: 3 },
    { natStrategy: "single", azCount: 2 },
    { natStrategy: "instance", natInstanceCount: "perAz", azCount: 2 },
    { natStrategy: "none", azCount: 2, interfaceEndpoints: ["secretsmanager"] },
];

async function build(args: NetworkArgs): Promise<Recording> {
    return record(() => new Network("net", { logsKeyArn: LOGS_KEY_ARN, tags: { team: "platform" }, ...args }));
}

describe("Network lock-down", () => {
    let recordings: { args: NetworkArgs; rec: Recording }[];

    before(async () => {
        recordings = [];
        for (const args of STRATEGIES) recordings.push({ args, rec: await build(args) });
    });

    it("every child is named after the component and parented to it", () => {
        for (const { rec } of recordings) {
            const component = rec.one(T.network);
            const others = rec.resources.filter((r) => r.urn !== component.urn && r.type !== "pulumi:pulumi:Stack");
            assert.ok(others.length > 20);
            for (const child of others) {
                assert.ok(child.name.startsWith("net-"), `${child.type} ${child.name} does not start with "net-"`);
                assert.strictEqual(child.parent, component.urn, `${child.name} is not a direct child of the component`);
            }
        }
    });

    it("every taggable child carries its Name and the caller's tags; subnets and route tables carry their tier", () => {
        for (const { rec } of recordings) {
            for (const child of childrenOf(rec).filter((c) => !UNTAGGABLE.has(c.type))) {
                const tags = unwrap(child.inputs.tags);
                assert.strictEqual(tags?.Name, child.name, `${child.name} Name tag`);
                assert.strictEqual(tags?.team, "platform", `${child.name} team tag`);
            }
            for (const child of [...rec.ofType(T.subnet), ...rec.ofType(T.routeTable)]) {
                const expected = child.name.match(/^net-(public|private|isolated)-/)?.[1];
                assert.ok(expected, child.name);
                assert.strictEqual(tierOf(child), expected, `${child.name} tier tag`);
            }
        }
    });

    it("the isolated tier has no default route and no route to a gateway, NAT or interface", () => {
        for (const { rec } of recordings) {
            const isolated = routeTables(rec).filter((v) => v.tier === "isolated");
            assert.strictEqual(isolated.length, rec.ofType(T.subnet).filter((s) => tierOf(s) === "isolated").length);
            for (const view of isolated) {
                assert.strictEqual(view.azs.length, 1);
                assert.strictEqual(defaultRoute(view), undefined);
                assert.deepStrictEqual(view.routes, [], `${view.table.name} has routes`);
            }
        }
    });

    it("only the public route table reaches the internet gateway, and public subnets hand out no public addresses", () => {
        for (const { rec } of recordings) {
            const toGateway = rec.ofType(T.route).filter((r) => r.propertyDependencies.gatewayId?.length);
            const publicTables = routeTables(rec).filter((v) => v.tier === "public");
            assert.deepStrictEqual(toGateway.map((r) => dependencyOf(r, "routeTableId")), publicTables.map((v) => v.table.urn));
            for (const subnet of rec.ofType(T.subnet)) assert.strictEqual(unwrap(subnet.inputs.mapPublicIpOnLaunch), false);
        }
    });

    it("a network ACL admits only the VPC's own range to and from every isolated subnet", () => {
        for (const { args, rec } of recordings) {
            const acl = rec.one(T.nacl);
            const rules = rec.ofType(T.naclRule).map((r) => unwrap(r.inputs));
            assert.deepStrictEqual(
                rules.map((r) => [r.egress, r.ruleAction, r.protocol, r.cidrBlock, r.ruleNumber]).sort(),
                [[false, "allow", "-1", "10.0.0.0/16", 100], [true, "allow", "-1", "10.0.0.0/16", 100]],
            );
            for (const rule of rec.ofType(T.naclRule)) assert.strictEqual(dependencyOf(rule, "networkAclId"), acl.urn);
            const associated = rec.ofType(T.naclAssociation).map((a) => dependencyOf(a, "subnetId")).sort();
            const isolated = rec.ofType(T.subnet).filter((s) => tierOf(s) === "isolated").map((s) => s.urn).sort();
            assert.deepStrictEqual(associated, isolated);
            assert.strictEqual(isolated.length, args.azCount);
        }
    });

    it("manages the default security group with no rules at all", () => {
        for (const { rec } of recordings) {
            const defaultGroup = unwrap(rec.one(T.defaultSecurityGroup).inputs);
            assert.strictEqual(defaultGroup.ingress, undefined);
            assert.strictEqual(defaultGroup.egress, undefined);
            assert.strictEqual(dependencyOf(rec.one(T.defaultSecurityGroup), "vpcId"), rec.one(T.vpc).urn);
        }
    });

    it("the VPC resolves names (DNS support and hostnames) so private DNS endpoints work", () => {
        for (const { rec } of recordings) {
            const vpc = unwrap(rec.one(T.vpc).inputs);
            assert.strictEqual(vpc.enableDnsSupport, true);
            assert.strictEqual(vpc.enableDnsHostnames, true);
        }
    });

    it("S3 and DynamoDB gateway endpoints sit on every private route table and nowhere else (the isolated tier's ACL would drop their traffic)", () => {
        for (const { rec } of recordings) {
            const expected = routeTables(rec).filter((v) => v.tier === "private").map((v) => v.table.urn).sort();
            const gateways = rec.ofType(T.endpoint).filter((e) => unwrap(e.inputs.vpcEndpointType) === "Gateway");
            assert.deepStrictEqual(gateways.map((e) => unwrap(e.inputs.serviceName)), ["com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"]);
            for (const endpoint of gateways) {
                assert.deepStrictEqual([...endpoint.propertyDependencies.routeTableIds].sort(), expected);
                assert.strictEqual(unwrap<string[]>(endpoint.inputs.routeTableIds).length, expected.length);
            }
        }
    });

    it("interface endpoints sit in the private subnets with private DNS, behind a group admitting 443 from the private subnets only", async () => {
        const rec = await build({ natStrategy: "single", azCount: 3, interfaceEndpoints: ["secretsmanager", "kms", "logs", "ecr.api"] });
        const privateSubnets = rec.ofType(T.subnet).filter((s) => tierOf(s) === "private");
        const group = rec.one(T.securityGroup, "net-endpoints-sg");
        const interfaces = rec.ofType(T.endpoint).filter((e) => unwrap(e.inputs.vpcEndpointType) === "Interface");
        assert.deepStrictEqual(interfaces.map((e) => e.name), ["net-secretsmanager-endpoint", "net-kms-endpoint", "net-logs-endpoint", "net-ecr-api-endpoint"]);
        for (const endpoint of interfaces) {
            const inputs = unwrap(endpoint.inputs);
            assert.strictEqual(inputs.privateDnsEnabled, true);
            assert.strictEqual(inputs.serviceName, `com.amazonaws.us-east-1.${endpoint.name.slice(4, -9).replace("-", ".")}`);
            assert.deepStrictEqual([...endpoint.propertyDependencies.subnetIds].sort(), privateSubnets.map((s) => s.urn).sort());
            assert.deepStrictEqual(endpoint.propertyDependencies.securityGroupIds, [group.urn]);
        }
        const ingress = rec.ofType(T.ingress).filter((r) => dependencyOf(r, "securityGroupId") === group.urn).map((r) => unwrap(r.inputs));
        assert.deepStrictEqual(
            ingress.map((r) => [r.ipProtocol, r.fromPort, r.toPort, r.cidrIpv4]),
            privateSubnets.map((s) => ["tcp", 443, 443, unwrap(s.inputs.cidrBlock)]),
        );
        assert.strictEqual(rec.ofType(T.egress).length, 0, "the endpoint group needs no egress rule");
    });
});
