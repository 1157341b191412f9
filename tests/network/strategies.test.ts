import * as assert from "assert";
import { Network, NetworkArgs } from "../../components/network";
import { record, Recording, unwrap } from "../helpers/offline";
import { defaultRoute, dependencyOf, LOGS_KEY_ARN, natAzOfRoute, routeTables, T } from "./topology";

/** Children every created VPC has whatever its NAT strategy (flow logs with a passed key). */
function commonChildren(azCount: number): Record<string, number> {
    return {
        [T.vpc]: 1,
        [T.defaultSecurityGroup]: 1,
        [T.nacl]: 1,
        [T.naclRule]: 2,
        [T.naclAssociation]: azCount,
        [T.logGroup]: 1,
        [T.role]: 1,
        [T.rolePolicy]: 1,
        [T.flowLog]: 1,
    };
}

async function build(args: NetworkArgs): Promise<Recording> {
    return record(() => new Network("net", { logsKeyArn: LOGS_KEY_ARN, ...args }));
}

function privateTables(rec: Recording) {
    return routeTables(rec).filter((v) => v.tier === "private");
}

describe("Network NAT strategies", () => {
    it("perAz: a NAT gateway and an Elastic IP per AZ, each private route table routing to its own AZ's gateway", async () => {
        const rec = await build({ azCount: 3, natStrategy: "perAz" });
        rec.assertChildren(rec.one(T.network).urn, {
            ...commonChildren(3),
            [T.igw]: 1,
            [T.subnet]: 9,
            [T.routeTable]: 7,
            [T.association]: 9,
            [T.route]: 4,
            [T.eip]: 3,
            [T.natGateway]: 3,
            [T.endpoint]: 2,
        });
        const tables = privateTables(rec);
        assert.strictEqual(tables.length, 3);
        const gatewaysUsed = new Set<string>();
        for (const view of tables) {
            assert.strictEqual(view.azs.length, 1, `${view.table.name} serves one AZ`);
            const target = natAzOfRoute(rec, defaultRoute(view)!);
            assert.strictEqual(target.kind, "gateway");
            assert.strictEqual(target.az, view.azs[0], `${view.table.name} in ${view.azs[0]} routes to a gateway in ${target.az}`);
            gatewaysUsed.add(target.nat.urn);
        }
        assert.deepStrictEqual([...gatewaysUsed].sort(), rec.ofType(T.natGateway).map((n) => n.urn).sort());
        // The recorded ids agree with the URN links: each route names the id of the gateway it depends on.
        for (const route of rec.ofType(T.route).filter((r) => r.propertyDependencies.natGatewayId?.length)) {
            assert.strictEqual(unwrap(route.inputs.natGatewayId), rec.byUrn(dependencyOf(route, "natGatewayId")).id);
        }
        // Each gateway's Elastic IP is its own.
        const allocations = rec.ofType(T.natGateway).map((n) => dependencyOf(n, "allocationId"));
        assert.strictEqual(new Set(allocations).size, 3);
    });

    it("single: one NAT gateway in the first AZ serves every private route table", async () => {
        const rec = await build({ azCount: 3, natStrategy: "single" });
        rec.assertChildren(rec.one(T.network).urn, {
            ...commonChildren(3),
            [T.igw]: 1,
            [T.subnet]: 9,
            [T.routeTable]: 7,
            [T.association]: 9,
            [T.route]: 4,
            [T.eip]: 1,
            [T.natGateway]: 1,
            [T.endpoint]: 2,
        });
        const gateway = rec.one(T.natGateway);
        const targets = privateTables(rec).map((view) => natAzOfRoute(rec, defaultRoute(view)!));
        assert.deepStrictEqual(targets.map((t) => t.nat.urn), [gateway.urn, gateway.urn, gateway.urn]);
        assert.deepStrictEqual(targets.map((t) => t.az), ["us-east-1a", "us-east-1a", "us-east-1a"]);
    });

    it("instance, one: a single NAT instance behind its own interface and Elastic IP serves both AZs", async () => {
        const rec = await build({ azCount: 2, natStrategy: "instance", natInstanceCount: "one" });
        rec.assertChildren(rec.one(T.network).urn, {
            ...commonChildren(2),
            [T.igw]: 1,
            [T.subnet]: 6,
            [T.routeTable]: 5,
            [T.association]: 6,
            [T.route]: 3,
            [T.securityGroup]: 1,
            [T.ingress]: 2,
            [T.egress]: 1,
            [T.eni]: 1,
            [T.eip]: 1,
            [T.instance]: 1,
            [T.endpoint]: 2,
        });
        const eni = rec.one(T.eni);
        const targets = privateTables(rec).map((view) => natAzOfRoute(rec, defaultRoute(view)!));
        assert.deepStrictEqual(targets.map((t) => [t.kind, t.nat.urn]), [["instance", eni.urn], ["instance", eni.urn]]);
        assert.strictEqual(dependencyOf(rec.one(T.eip), "networkInterface"), eni.urn);
        assert.strictEqual(dependencyOf(rec.one(T.instance), "primaryNetworkInterface"), eni.urn);
    });

    it("instance, perAz: one NAT instance per AZ, each private route table routing to its own AZ's instance", async () => {
        const rec = await build({ azCount: 3, natStrategy: "instance", natInstanceCount: "perAz" });
        rec.assertChildren(rec.one(T.network).urn, {
            ...commonChildren(3),
            [T.igw]: 1,
            [T.subnet]: 9,
            [T.routeTable]: 7,
            [T.association]: 9,
            [T.route]: 4,
            [T.securityGroup]: 1,
            [T.ingress]: 3,
            [T.egress]: 1,
            [T.eni]: 3,
            [T.eip]: 3,
            [T.instance]: 3,
            [T.endpoint]: 2,
        });
        for (const view of privateTables(rec)) {
            const target = natAzOfRoute(rec, defaultRoute(view)!);
            assert.strictEqual(target.kind, "instance");
            assert.strictEqual(target.az, view.azs[0]);
        }
        const az = (urn: string) => unwrap(rec.byUrn(urn).inputs.availabilityZone);
        assert.deepStrictEqual(rec.ofType(T.eni).map((e) => az(dependencyOf(e, "subnetId"))), ["us-east-1a", "us-east-1b", "us-east-1c"]);
    });

    it("none: no internet gateway, no public tier, no NAT and no default route anywhere; the endpoints carry AWS calls", async () => {
        const rec = await build({ azCount: 2, natStrategy: "none", interfaceEndpoints: ["secretsmanager", "kms"] });
        rec.assertChildren(rec.one(T.network).urn, {
            ...commonChildren(2),
            [T.subnet]: 4,
            [T.routeTable]: 4,
            [T.association]: 4,
            [T.securityGroup]: 1,
            [T.ingress]: 2,
            [T.endpoint]: 4,
        });
        assert.deepStrictEqual(rec.ofType(T.subnet).map((s) => unwrap(s.inputs.tags)["bulwark:tier"]), ["private", "private", "isolated", "isolated"]);
        assert.strictEqual(rec.ofType(T.route).length, 0);
    });

    it("egress output describes the NAT built: strategy, AZ slots holding a NAT, interface endpoints", async () => {
        const cases: [NetworkArgs, unknown][] = [
            [{ azCount: 3, natStrategy: "perAz" }, { strategy: "perAz", natAzs: ["az1", "az2", "az3"], interfaceEndpoints: [] }],
            [{ azCount: 3, natStrategy: "single" }, { strategy: "single", natAzs: ["az1"], interfaceEndpoints: [] }],
            [{ azCount: 2, natStrategy: "instance", natInstanceCount: "one", interfaceEndpoints: ["logs"] }, { strategy: "instance", natAzs: ["az1"], interfaceEndpoints: ["logs"] }],
            [{ azCount: 2, natStrategy: "instance", natInstanceCount: "perAz" }, { strategy: "instance", natAzs: ["az1", "az2"], interfaceEndpoints: [] }],
            [{ azCount: 2, natStrategy: "none", interfaceEndpoints: ["secretsmanager"] }, { strategy: "none", natAzs: [], interfaceEndpoints: ["secretsmanager"] }],
        ];
        for (const [args, expected] of cases) {
            let network: Network | undefined;
            const rec = await record(() => {
                network = new Network("net", { logsKeyArn: LOGS_KEY_ARN, ...args });
            });
            assert.deepStrictEqual(network!.egress, expected);
            assert.deepStrictEqual(unwrap(rec.one(T.network).outputs.egress), expected);
            assert.strictEqual(rec.ofType(T.natGateway).length + rec.ofType(T.instance).length, (expected as { natAzs: string[] }).natAzs.length);
        }
    });

    it("outputs list subnets and route tables in AZ order, matching the children built", async () => {
        const rec = await build({ azCount: 3, natStrategy: "single", cidr: "10.20.0.0/16", interfaceEndpoints: ["sts"] });
        const outputs = unwrap(rec.one(T.network).outputs);
        const idsOf = (type: string, prefix: string) => rec.ofType(type).filter((r) => r.name.startsWith(prefix)).map((r) => r.id);
        assert.strictEqual(outputs.vpcId, rec.one(T.vpc).id);
        assert.strictEqual(outputs.vpcCidr, "10.20.0.0/16");
        assert.deepStrictEqual(outputs.publicSubnetIds, idsOf(T.subnet, "net-public-"));
        assert.deepStrictEqual(outputs.privateSubnetIds, idsOf(T.subnet, "net-private-"));
        assert.deepStrictEqual(outputs.isolatedSubnetIds, idsOf(T.subnet, "net-isolated-"));
        assert.deepStrictEqual(outputs.privateRouteTableIds, idsOf(T.routeTable, "net-private-rt-"));
        assert.deepStrictEqual(outputs.isolatedRouteTableIds, idsOf(T.routeTable, "net-isolated-rt-"));
        assert.strictEqual(outputs.endpointSecurityGroupId, rec.one(T.securityGroup, "net-endpoints-sg").id);
        assert.strictEqual(outputs.privateSubnetIds.length, 3);
        const cidrs = rec.ofType(T.subnet).map((s) => unwrap(s.inputs.cidrBlock));
        assert.deepStrictEqual(cidrs, [
            "10.20.0.0/21", "10.20.8.0/21", "10.20.16.0/21",
            "10.20.64.0/21", "10.20.72.0/21", "10.20.80.0/21",
            "10.20.128.0/21", "10.20.136.0/21", "10.20.144.0/21",
        ]);
    });

    it("leaves endpointSecurityGroupId undefined when there are no interface endpoints", async () => {
        let network: Network | undefined;
        const rec = await record(() => {
            network = new Network("net", { logsKeyArn: LOGS_KEY_ARN, natStrategy: "single" });
        });
        assert.strictEqual(network!.endpointSecurityGroupId, undefined);
        assert.strictEqual(rec.ofType(T.securityGroup).length, 0);
    });
});
