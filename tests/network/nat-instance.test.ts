import * as assert from "assert";
import { Network, NetworkArgs } from "../../components/network";
import { amazonLinuxAmiParameter, natInstanceArchitecture, natInstanceUserData } from "../../components/network-nat";
import { record, Recording, unwrap } from "../helpers/offline";
import { RecordedResource } from "../../tools/engine/recorder";
import { dependencyOf, LOGS_KEY_ARN, T, tierOf } from "./topology";

async function build(args: NetworkArgs): Promise<Recording> {
    return record(() => new Network("net", { logsKeyArn: LOGS_KEY_ARN, natStrategy: "instance", azCount: 2, ...args }));
}

/**
 * What the next `pulumi up` plans for the instance's sourceDestCheck, from the recorded inputs and options.
 * terraform-provider-aws: the argument defaults to true, and reading the instance copies the primary
 * interface's value into state (false here). Pulumi: an input listed in ignoreChanges keeps its old value
 * and the provider drops its diff. Without that, the update sets the check back to true (issue #44768).
 */
function nextUpdateSourceDestCheck(instance: RecordedResource, interfaceValue: boolean): { from: boolean; to: boolean } | "unchanged" {
    if (instance.options.ignoreChanges.includes("sourceDestCheck")) return "unchanged";
    const desired = (unwrap(instance.inputs.sourceDestCheck) as boolean | undefined) ?? true;
    return desired === interfaceValue ? "unchanged" : { from: interfaceValue, to: desired };
}

describe("Network NAT instance", () => {
    it("requires IMDSv2, encrypts its root volume, forwards (source/dest check off) and bills no unlimited credits", async () => {
        const rec = await build({});
        const instance = unwrap(rec.one(T.instance).inputs);
        assert.deepStrictEqual(instance.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
        assert.strictEqual(instance.rootBlockDevice.encrypted, true);
        assert.strictEqual(unwrap(rec.one(T.eni).inputs.sourceDestCheck), false, "the interface forwards");
        assert.strictEqual(instance.instanceType, "t4g.nano");
        assert.deepStrictEqual(instance.creditSpecification, { cpuCredits: "standard" });
        assert.strictEqual(instance.associatePublicIpAddress, undefined, "its only public address is the Elastic IP");
    });

    it("leaves sourceDestCheck to its interface: the provider rejects it beside primaryNetworkInterface", async () => {
        for (const rec of [await build({}), await build({ natInstanceAmi: "ami-0123456789abcdef0", azCount: 3, natInstanceCount: "perAz" })]) {
            for (const instance of rec.ofType(T.instance)) {
                const inputs = unwrap(instance.inputs);
                assert.ok(inputs.primaryNetworkInterface?.networkInterfaceId, `${instance.name} boots on its own interface`);
                assert.ok(!("sourceDestCheck" in inputs), `${instance.name} sets no sourceDestCheck (ConflictsWith primary_network_interface)`);
            }
        }
    });

    it("keeps forwarding through the second update: the instance ignores the sourceDestCheck it reads from its interface", async () => {
        for (const rec of [await build({}), await build({ natInstanceAmi: "ami-0123456789abcdef0" })]) {
            const instance = rec.one(T.instance);
            const interfaceValue = unwrap<boolean>(rec.one(T.eni).inputs.sourceDestCheck);
            assert.ok(instance.options.ignoreChanges.includes("sourceDestCheck"), instance.options.ignoreChanges.join(", "));
            assert.strictEqual(nextUpdateSourceDestCheck(instance, interfaceValue), "unchanged");
            // The same instance without the option is the bug the issue describes: the update turns the check back on.
            const unguarded = { ...instance, options: { ...instance.options, ignoreChanges: instance.options.ignoreChanges.filter((p) => p !== "sourceDestCheck") } };
            assert.deepStrictEqual(nextUpdateSourceDestCheck(unguarded, interfaceValue), { from: false, to: true });
        }
    });

    it("sits in the first public subnet and is replaced delete-first, since its interface fits one instance at a time", async () => {
        const rec = await build({});
        const eni = rec.one(T.eni);
        const subnet = rec.byUrn(dependencyOf(eni, "subnetId"));
        assert.strictEqual(tierOf(subnet), "public");
        assert.strictEqual(unwrap(subnet.inputs.availabilityZone), "us-east-1a");
        const instance = rec.one(T.instance);
        assert.strictEqual(instance.options.deleteBeforeReplace, true);
        assert.deepStrictEqual(instance.options.dependsOn, [rec.one(T.eip).urn], "the address is in place before the boot script needs the internet");
    });

    it("looks up Amazon Linux 2023 for its architecture and never lets a newer image replace it silently", async () => {
        const rec = await build({});
        const instance = rec.one(T.instance);
        assert.deepStrictEqual(instance.options.ignoreChanges, ["ami", "sourceDestCheck"]);
        assert.match(unwrap(instance.inputs.ami), /^ami-[0-9a-f]{17}$/);
        assert.strictEqual(amazonLinuxAmiParameter("t4g.nano"), "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
        assert.strictEqual(amazonLinuxAmiParameter("t3.micro"), "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    });

    it("uses a pinned image as given and lets a change of it replace the instance", async () => {
        const rec = await build({ natInstanceAmi: "ami-0123456789abcdef0", natInstanceType: "t4g.micro" });
        const instance = rec.one(T.instance);
        assert.strictEqual(unwrap(instance.inputs.ami), "ami-0123456789abcdef0");
        assert.strictEqual(unwrap(instance.inputs.instanceType), "t4g.micro");
        assert.deepStrictEqual(instance.options.ignoreChanges, ["sourceDestCheck"], "a pinned image may replace the instance");
    });

    it("admits traffic only from the private subnets and masquerades only their ranges", async () => {
        const rec = await build({ azCount: 3, natInstanceCount: "perAz" });
        const group = rec.one(T.securityGroup, "net-nat-sg");
        const privateCidrs = rec.ofType(T.subnet).filter((s) => tierOf(s) === "private").map((s) => unwrap<string>(s.inputs.cidrBlock));
        const ingress = rec.ofType(T.ingress).filter((r) => dependencyOf(r, "securityGroupId") === group.urn).map((r) => unwrap(r.inputs));
        assert.deepStrictEqual(ingress.map((r) => [r.ipProtocol, r.cidrIpv4]), privateCidrs.map((c) => ["-1", c]));
        for (const eni of rec.ofType(T.eni)) assert.deepStrictEqual(eni.propertyDependencies.securityGroups, [group.urn]);
        for (const instance of rec.ofType(T.instance)) {
            const userData = unwrap<string>(instance.inputs.userData);
            const masqueraded = [...userData.matchAll(/-s (\S+) -j MASQUERADE/g)].map((m) => m[1]);
            assert.deepStrictEqual(masqueraded, privateCidrs);
        }
    });

    it("boot script turns on forwarding, flushes the REJECT-all forward chain and saves the rules", () => {
        const script = natInstanceUserData(["10.0.64.0/21"]);
        assert.ok(script.startsWith("#!/bin/bash\nset -euo pipefail\n"));
        assert.match(script, /net\.ipv4\.ip_forward = 1/);
        assert.match(script, /sysctl --system/);
        const order = ["systemctl enable --now iptables", "iptables -F FORWARD", "-s 10.0.64.0/21 -j MASQUERADE", "service iptables save"].map((s) => script.indexOf(s));
        assert.ok(order.every((position) => position >= 0), `missing step: ${order}`);
        assert.deepStrictEqual([...order].sort((a, b) => a - b), order, "steps in order: load service rules, then change, then save");
    });

    it("tells Graviton instance types from x86 ones", () => {
        assert.deepStrictEqual(
            ["t4g.nano", "t4g.small", "m7gd.large", "c6gn.medium", "t3.nano", "t3a.micro", "g4dn.xlarge", "m5zn.large"].map(natInstanceArchitecture),
            ["arm64", "arm64", "arm64", "arm64", "x86_64", "x86_64", "x86_64", "x86_64"],
        );
    });
});
