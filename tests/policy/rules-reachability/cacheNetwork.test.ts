import { ProgramRun } from "../../../tools/engine/run";
import { assertFails, assertNoNotes, assertPasses } from "../helpers";
import { recordedPlatform } from "../rules-support/platform";
import { evaluateOnly, UNKNOWN, Variant } from "../rules-support/variants";

const INGRESS = "elasticache-require-client-only-ingress";
const SUBNETS = "elasticache-disallow-public-subnets";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe(INGRESS, () => {
    let base: ProgramRun;
    let preview: ProgramRun;
    before(async () => {
        base = await recordedPlatform();
        preview = await recordedPlatform(true);
    });
    const check = (run: ProgramRun) => evaluateOnly(run, INGRESS);
    const rule = (v: Variant, name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}) =>
        v.add(INGRESS_RULE, name, { securityGroupId: v.value("cache-sg"), ipProtocol: "tcp", fromPort: 6379, toPort: 6379, ...props }, { securityGroupId: ["cache-sg"], ...deps });

    it("Compliance: the cache's group admits only the function's group", async () => {
        assertPasses(await check(base), INGRESS);
    });

    it("Noncompliance 1: a CIDR source, even a private one", async () => {
        assertFails(await check(rule(new Variant(base), "cache-from-vpc", { cidrIpv4: "10.0.0.0/16" }).run), INGRESS, /^Replace source 10\.0\.0\.0\/16 of SecurityGroupIngressRule "cache-from-vpc" \(tcp 6379\) with the security group of ReplicationGroup "cache"'s clients\.$/);
    });

    it("Noncompliance 2: an inline 0.0.0.0/0 rule on the cache's group", async () => {
        const v = new Variant(base).edit("cache-sg", (p) => (p.ingress = [{ protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/0"] }]));
        assertFails(await check(v.run), INGRESS, /^Replace source 0\.0\.0\.0\/0 of ingress rule of SecurityGroup "cache-sg"/);
    });

    it("Noncompliance 3: a source group that no function or instance uses", async () => {
        const v = new Variant(base).add("aws:ec2/securityGroup:SecurityGroup", "stray-sg", { vpcId: "vpc" }, { vpcId: ["vpc"] });
        rule(v, "cache-from-stray", { referencedSecurityGroupId: "stray-sg-id" }, { referencedSecurityGroupId: ["stray-sg"] });
        assertFails(await check(v.run), INGRESS, /^Remove SecurityGroupIngressRule "cache-from-stray": it admits SecurityGroup "stray-sg" to ReplicationGroup "cache", and no function or instance uses that group\.$/);
    });

    it("preview: passes with no note; a source group that is unknown and undeclared is not judged", async () => {
        const evaluation = await check(preview);
        assertPasses(evaluation, INGRESS);
        assertNoNotes(evaluation);
        assertPasses(await check(rule(new Variant(preview), "cache-from-somewhere", { referencedSecurityGroupId: UNKNOWN }).run), INGRESS);
    });
});

describe(SUBNETS, () => {
    let base: ProgramRun;
    let preview: ProgramRun;
    before(async () => {
        base = await recordedPlatform();
        preview = await recordedPlatform(true);
    });
    const check = (run: ProgramRun) => evaluateOnly(run, SUBNETS);

    it("Compliance: the subnet group holds isolated subnets (no internet gateway route)", async () => {
        assertPasses(await check(base), SUBNETS);
    });

    it("Noncompliance 1: the subnet group holds the public subnets", async () => {
        const v = new Variant(base);
        v.edit("cache-subnets", (p) => (p.subnetIds = [v.value("public-a"), v.value("public-b")])).dependOn("cache-subnets", "subnetIds", "public-a", "public-b");
        assertFails(await check(v.run), SUBNETS, /^Move ReplicationGroup "cache" out of subnet\(s\) "public-a" and "public-b": their route table sends 0\.0\.0\.0\/0 to an internet gateway\.$/);
    });

    it("Noncompliance 2: no subnet group, so the default VPC's public subnets", async () => {
        const v = new Variant(base).edit("cache", (p) => delete p.subnetGroupName);
        assertFails(await check(v.run), SUBNETS, /^Set subnetGroupName on ReplicationGroup "cache" to a subnet group of isolated subnets/);
    });

    it("preview: passes with no note; public subnets are still proved through propertyDependencies", async () => {
        assertPasses(await check(preview), SUBNETS);
        assertNoNotes(await check(preview));
        const v = new Variant(preview).dependOn("cache-subnets", "subnetIds", "public-a");
        assertFails(await check(v.run), SUBNETS, /"public-a"/);
    });
});
