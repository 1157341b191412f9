import * as assert from "assert";
import { checkExistingNetwork, ExistingLookup, Network, NetworkArgs } from "../../components/network";
import { ConfigError } from "../../stacks/errors";
import { ExistingWorld } from "../../tools/offline/aws";
import { assertRejects, record, Recording, unwrap } from "../helpers/offline";
import { dependencyOf, T } from "./topology";

const VPC = "vpc-0aaaaaaaaaaaaaaa1";
const OTHER_VPC = "vpc-0bbbbbbbbbbbbbbb2";

const subnet = (n: number, vpcId: string, az: string, cidrBlock: string) => ({
    id: `subnet-0000000000000000${n}`,
    vpcId,
    availabilityZone: `us-east-1${az}`,
    cidrBlock,
});

const WORLD: ExistingWorld = {
    vpcs: [
        { id: VPC, cidrBlock: "172.20.0.0/16" },
        { id: OTHER_VPC, cidrBlock: "172.30.0.0/16" },
    ],
    subnets: [
        subnet(1, VPC, "a", "172.20.1.0/24"),
        subnet(2, VPC, "b", "172.20.2.0/24"),
        subnet(3, VPC, "a", "172.20.3.0/24"),
        subnet(4, VPC, "a", "172.20.11.0/24"),
        subnet(5, VPC, "b", "172.20.12.0/24"),
        subnet(6, OTHER_VPC, "c", "172.30.1.0/24"),
        subnet(7, VPC, "a", "172.20.13.0/24"),
    ],
};
const id = (n: number) => `subnet-0000000000000000${n}`;

function build(args: Partial<NetworkArgs>): Promise<Recording> {
    return record(
        () =>
            new Network("net", {
                existingVpcId: VPC,
                existingPrivateSubnetIds: [id(1), id(2)],
                existingIsolatedSubnetIds: [id(4), id(5)],
                natStrategy: "perAz",
                ...args,
            }),
        { existing: WORLD },
    );
}

describe("Network in an existing VPC", () => {
    it("creates no VPC, subnets, routes, NAT or flow logs: only the interface endpoints and their group", async () => {
        const rec = await build({ interfaceEndpoints: ["secretsmanager", "kms"] });
        rec.assertChildren(rec.one(T.network).urn, { [T.securityGroup]: 1, [T.ingress]: 2, [T.endpoint]: 2 });
        const outputs = unwrap(rec.one(T.network).outputs);
        assert.strictEqual(outputs.vpcId, VPC);
        assert.strictEqual(outputs.vpcCidr, "172.20.0.0/16");
        assert.deepStrictEqual(outputs.privateSubnetIds, [id(1), id(2)]);
        assert.deepStrictEqual(outputs.isolatedSubnetIds, [id(4), id(5)]);
        assert.deepStrictEqual(outputs.publicSubnetIds, []);
        assert.deepStrictEqual(outputs.privateRouteTableIds, []);
        assert.deepStrictEqual(outputs.egress, { strategy: "none", natAzs: [], interfaceEndpoints: ["secretsmanager", "kms"] });
        for (const endpoint of rec.ofType(T.endpoint)) {
            assert.strictEqual(unwrap(endpoint.inputs.vpcId), VPC);
            assert.deepStrictEqual(unwrap(endpoint.inputs.subnetIds), [id(1), id(2)]);
        }
        const group = rec.one(T.securityGroup);
        assert.strictEqual(unwrap(group.inputs.vpcId), VPC);
        const ingress = rec.ofType(T.ingress).map((r) => unwrap(r.inputs));
        assert.deepStrictEqual(ingress.map((r) => [r.fromPort, r.cidrIpv4]), [[443, "172.20.1.0/24"], [443, "172.20.2.0/24"]]);
        for (const rule of rec.ofType(T.ingress)) assert.strictEqual(dependencyOf(rule, "securityGroupId"), group.urn);
    });

    it("creates nothing at all without interface endpoints", async () => {
        const rec = await build({});
        rec.assertChildren(rec.one(T.network).urn, {});
        assert.strictEqual(unwrap(rec.one(T.network).outputs.vpcId), VPC);
    });

    it("puts each interface endpoint in one subnet per AZ, as AWS requires", async () => {
        const rec = await build({ existingPrivateSubnetIds: [id(1), id(3), id(2)], interfaceEndpoints: ["secretsmanager"] });
        assert.deepStrictEqual(unwrap(rec.one(T.endpoint).inputs.subnetIds), [id(1), id(2)]);
        assert.strictEqual(rec.ofType(T.ingress).length, 3, "every private subnet may still reach the endpoint");
    });

    for (const interfaceEndpoints of [[], ["secretsmanager" as const]]) {
        it(`fails the program naming the subnet that belongs to another VPC (${interfaceEndpoints.length} endpoints)`, async () => {
            await assertRejects(
                build({ existingPrivateSubnetIds: [id(1), id(6)], interfaceEndpoints }),
                /In "net" Network, "existingPrivateSubnetIds\[1\]" is "subnet-00000000000000006": it must be a subnet of vpc-0aaaaaaaaaaaaaaa1/,
                /belongs to vpc-0bbbbbbbbbbbbbbb2/,
            );
        });
    }

    it("fails the program when one tier's subnets are all in one AZ", async () => {
        await assertRejects(
            build({ existingIsolatedSubnetIds: [id(4), id(7)] }),
            /"existingIsolatedSubnetIds" is \["subnet-00000000000000004","subnet-00000000000000007"\]: it must be subnets in at least 2 Availability Zones, but all are in us-east-1a/,
        );
    });

    it("fails the program when a subnet does not exist", async () => {
        await assertRejects(build({ existingIsolatedSubnetIds: [id(4), id(9)] }), /subnet-00000000000000009/);
    });

    it("requires DNS support and hostnames when interface endpoints use private DNS", () => {
        const lookup: ExistingLookup = {
            vpc: { id: VPC, cidrBlock: "172.20.0.0/16", enableDnsSupport: true, enableDnsHostnames: false },
            privateSubnets: [WORLD.subnets![0], WORLD.subnets![1]],
            isolatedSubnets: [WORLD.subnets![3], WORLD.subnets![4]],
        };
        assert.throws(() => checkExistingNetwork("net", ["secretsmanager"], lookup), (e: Error) => e instanceof ConfigError && /"existingVpcId" is "vpc-0aaaaaaaaaaaaaaa1": it must be a VPC with DNS support and DNS hostnames/.test(e.message));
        assert.doesNotThrow(() => checkExistingNetwork("net", [], lookup));
    });
});
