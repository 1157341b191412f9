import * as assert from "assert";
import { ProgramRun } from "../../../tools/engine/run";
import { assertFails, assertNoNotes, assertPasses } from "../helpers";
import { recordedPlatform } from "../rules-support/platform";
import { evaluateOnly, Variant } from "../rules-support/variants";

const POLICY = "lambda-function-require-network-egress";

describe(POLICY, () => {
    let base: ProgramRun;
    let preview: ProgramRun;
    before(async () => {
        base = await recordedPlatform();
        preview = await recordedPlatform(true);
    });
    const check = (run: ProgramRun) => evaluateOnly(run, POLICY);
    const withoutNat = (run: ProgramRun) => new Variant(run).remove("private-internet", "nat", "nat-eip");
    const secretsEndpoint = (v: Variant, privateDns: boolean) =>
        v.add(
            "aws:ec2/vpcEndpoint:VpcEndpoint",
            "secretsmanager-endpoint",
            { serviceName: "com.amazonaws.eu-west-1.secretsmanager", vpcEndpointType: "Interface", privateDnsEnabled: privateDns, vpcId: v.value("vpc") },
            { vpcId: ["vpc"] },
        );
    const internalUpstream = (v: Variant) => v.edit("api", (p) => (p.environment.variables.UPSTREAM_URL = "https://origin.internal/v1"));

    it("Compliance: private subnets route 0.0.0.0/0 to a NAT gateway", async () => {
        assertPasses(await check(base), POLICY);
    });

    it("Compliance: no NAT, but an interface endpoint with private DNS for every service the role calls, and no internet upstream", async () => {
        assertPasses(await check(internalUpstream(secretsEndpoint(withoutNat(base), true)).run), POLICY);
    });

    it("Compliance: a NAT instance (route to a network interface with source/dest check off)", async () => {
        const v = new Variant(base).remove("nat", "nat-eip").add("aws:ec2/networkInterface:NetworkInterface", "nat-eni", { sourceDestCheck: false });
        v.edit("private-internet", (p) => {
            delete p.natGatewayId;
            p.networkInterfaceId = "nat-eni-id";
        }).dependOn("private-internet", "networkInterfaceId", "nat-eni");
        assertPasses(await check(v.run), POLICY);
    });

    it("Noncompliance 1: no NAT route and no endpoints: names the subnets, the service its role calls and the internet upstream", async () => {
        const [violation] = assertFails(
            await check(withoutNat(base).run),
            POLICY,
            /^Give function "api" a way out of subnet\(s\) "private-a" and "private-b": they have no route to a NAT, and the function has no VPC endpoint for secretsmanager \(secretsmanager:GetSecretValue\), which its role allows; and environment UPSTREAM_URL points at api\.example\.com on the internet\./,
        );
        assert.strictEqual(violation.urn, new Variant(base).resource("api", "aws:lambda/function:Function").urn);
    });

    it("Noncompliance 2: the interface endpoint lacks private DNS, so the SDK's default hostname still needs a NAT", async () => {
        assertFails(await check(internalUpstream(secretsEndpoint(withoutNat(base), false)).run), POLICY, /no VPC endpoint for secretsmanager/);
    });

    it("Noncompliance 3: the private subnets route to an internet gateway, which a Lambda interface cannot use", async () => {
        const v = new Variant(base).remove("nat", "nat-eip");
        v.edit("private-internet", (p) => {
            delete p.natGatewayId;
            p.gatewayId = v.value("igw");
        }).dependOn("private-internet", "gatewayId", "igw");
        assertFails(await check(v.run), POLICY, /no route to a NAT/);
    });

    it("Noncompliance 4: the route's network interface still checks source/destination, so it is no NAT", async () => {
        const v = new Variant(base).remove("nat", "nat-eip").add("aws:ec2/networkInterface:NetworkInterface", "nat-eni", { sourceDestCheck: true });
        v.edit("private-internet", (p) => {
            delete p.natGatewayId;
            p.networkInterfaceId = "nat-eni-id";
        }).dependOn("private-internet", "networkInterfaceId", "nat-eni");
        assertFails(await check(v.run), POLICY, /no route to a NAT/);
    });

    it("preview: the compliant platform passes with no note; a missing NAT is still proved through propertyDependencies", async () => {
        const evaluation = await check(preview);
        assertPasses(evaluation, POLICY);
        assertNoNotes(evaluation);
        // The role's policy interpolates the secret's ARN, unknown in preview: only the upstream URL is proved.
        assertFails(await check(withoutNat(preview).run), POLICY, /no route to a NAT, and the function has environment UPSTREAM_URL points at api\.example\.com/);
    });

    it("preview: a route whose table is unknown could be anyone's NAT route, so nothing is reported", async () => {
        const v = withoutNat(preview).add("aws:ec2/route:Route", "mystery", { destinationCidrBlock: "0.0.0.0/0", routeTableId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", natGatewayId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assertPasses(await check(v.run), POLICY);
    });
});
