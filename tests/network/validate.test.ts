import * as assert from "assert";
import { Network, NetworkArgs, validateNetworkArgs } from "../../components/network";
import { ConfigError } from "../../stacks/errors";
import { assertRejects, record } from "../helpers/offline";
import { LOGS_KEY_ARN } from "./topology";

function rejection(args: NetworkArgs): ConfigError {
    try {
        validateNetworkArgs("net", args);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
        return error;
    }
    assert.fail(`expected ${JSON.stringify(args)} to be rejected`);
}

const BYO = {
    existingVpcId: "vpc-0123456789abcdef0",
    existingPrivateSubnetIds: ["subnet-00000000000000001", "subnet-00000000000000002"],
    existingIsolatedSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000004"],
};

describe("validateNetworkArgs", () => {
    it("applies the documented defaults", () => {
        const resolved = validateNetworkArgs("net", {});
        assert.deepStrictEqual(
            {
                cidr: resolved.cidr,
                azCount: resolved.azCount,
                natStrategy: resolved.natStrategy,
                natInstanceCount: resolved.natInstanceCount,
                natInstanceType: resolved.natInstanceType,
                natInstanceAmi: resolved.natInstanceAmi,
                interfaceEndpoints: resolved.interfaceEndpoints,
                flowLogRetentionDays: resolved.flowLogRetentionDays,
                existing: resolved.existing,
                protect: resolved.protect,
            },
            {
                cidr: "10.0.0.0/16", azCount: 2, natStrategy: "instance", natInstanceCount: "one", natInstanceType: "t4g.nano",
                natInstanceAmi: undefined, interfaceEndpoints: [], flowLogRetentionDays: 365, existing: undefined, protect: false,
            },
        );
        assert.deepStrictEqual(resolved.subnetCidrs.private, ["10.0.64.0/21", "10.0.72.0/21"]);
    });

    const cases: [string, NetworkArgs, string, RegExp][] = [
        ["a CIDR that is not one", { cidr: "10.0.0.0/33" }, "cidr", /an IPv4 CIDR/],
        ["a CIDR that is not a network address", { cidr: "10.0.0.1/16" }, "cidr", /start of its range, such as 10\.0\.0\.0\/16/],
        ["a CIDR with no room for the tiers", { cidr: "10.0.0.0/24" }, "cidr", /\/23 or larger/],
        ["a CIDR larger than a VPC can be", { cidr: "10.0.0.0/8" }, "cidr", /AWS VPCs are at most \/16/],
        ["a public CIDR", { cidr: "8.8.0.0/16" }, "cidr", /RFC 1918/],
        ["too many AZs", { azCount: 7 }, "azCount", /from 1 to 6/],
        ["no AZs", { azCount: 0 }, "azCount", /from 1 to 6/],
        ["a fractional AZ count", { azCount: 2.5 }, "azCount", /an integer/],
        ["an unknown NAT strategy", { natStrategy: "gateway" as never }, "natStrategy", /"none", "instance", "single", "perAz"/],
        ["no NAT and no endpoints", { natStrategy: "none" }, "natStrategy", /unless "interfaceEndpoints" includes "secretsmanager"/],
        ["no NAT and the wrong endpoints", { natStrategy: "none", interfaceEndpoints: ["kms", "logs"] }, "natStrategy", /includes "secretsmanager"/],
        ["an unknown NAT instance count", { natInstanceCount: "two" as never }, "natInstanceCount", /"one", "perAz"/],
        ["an unknown NAT instance type", { natInstanceType: "m5.24xlarge" as never }, "natInstanceType", /"t4g\.nano"/],
        ["an image that is not an AMI id", { natInstanceAmi: "ubuntu-latest" }, "natInstanceAmi", /ami-0123456789abcdef0/],
        ["an unknown endpoint service", { interfaceEndpoints: ["kms", "s3" as never] }, "interfaceEndpoints[1]", /"secretsmanager", "kms"/],
        ["a repeated endpoint service", { interfaceEndpoints: ["kms", "kms"] }, "interfaceEndpoints[1]", /listed once/],
        ["a retention CloudWatch does not offer", { flowLogRetentionDays: 10 }, "flowLogRetentionDays", /1, 3, 5, 7, 14/],
        ["a key alias instead of a key ARN", { logsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/logs" }, "logsKeyArn", /takes no alias/],
        ["a reserved tag key", { tags: { "aws:owner": "me" } }, "tags.aws:owner", /AWS reserves that prefix/],
        ["subnets without a VPC", { existingPrivateSubnetIds: BYO.existingPrivateSubnetIds }, "existingPrivateSubnetIds", /together with "existingVpcId"/],
        ["a VPC id that is not one", { ...BYO, existingVpcId: "my-vpc" }, "existingVpcId", /vpc-0123456789abcdef0/],
        ["an existing VPC with one private subnet", { ...BYO, existingPrivateSubnetIds: ["subnet-00000000000000001"] }, "existingPrivateSubnetIds", /at least 2 subnet ids/],
        ["an existing VPC without isolated subnets", { ...BYO, existingIsolatedSubnetIds: undefined }, "existingIsolatedSubnetIds", /at least 2 subnet ids/],
        ["a malformed subnet id", { ...BYO, existingIsolatedSubnetIds: ["subnet-00000000000000003", "sn-4"] }, "existingIsolatedSubnetIds[1]", /subnet id/],
        [
            "a subnet in both tiers",
            { ...BYO, existingIsolatedSubnetIds: ["subnet-00000000000000003", "subnet-00000000000000002"] },
            "existingIsolatedSubnetIds[1]",
            /no route out/,
        ],
    ];
    for (const [what, args, field, allowed] of cases) {
        it(`rejects ${what}, naming "${field}"`, () => {
            const error = rejection(args);
            assert.ok(error.message.startsWith(`In "net" Network, "${field}" is `), error.message);
            assert.match(error.message, allowed);
            assert.strictEqual(error.key, `"net" Network.${field}`);
        });
    }

    it("accepts no NAT when the endpoints the function needs are there", () => {
        const resolved = validateNetworkArgs("net", { natStrategy: "none", interfaceEndpoints: ["secretsmanager", "kms"] });
        assert.strictEqual(resolved.natStrategy, "none");
    });

    it("accepts an existing VPC whatever the NAT strategy, since its egress is not built here", () => {
        const resolved = validateNetworkArgs("net", { ...BYO, natStrategy: "none" });
        assert.deepStrictEqual(resolved.existing, {
            vpcId: BYO.existingVpcId,
            privateSubnetIds: BYO.existingPrivateSubnetIds,
            isolatedSubnetIds: BYO.existingIsolatedSubnetIds,
        });
        assert.deepStrictEqual(resolved.subnetCidrs, { public: [], private: [], isolated: [] });
    });
});

describe("Network with bad args registers nothing", () => {
    const bad: [string, NetworkArgs, RegExp][] = [
        ["bad CIDR", { cidr: "10.0.0.0/33" }, /"cidr" is "10\.0\.0\.0\/33"/],
        ["too many AZs", { azCount: 7 }, /"azCount" is 7/],
        ["none without endpoints", { natStrategy: "none" }, /"natStrategy" is "none"/],
    ];
    for (const [what, args, message] of bad) {
        it(`${what}: the constructor throws before registering even the component`, async () => {
            let caught: unknown;
            const rec = await record(() => {
                try {
                    new Network("net", { logsKeyArn: LOGS_KEY_ARN, ...args });
                } catch (error) {
                    caught = error;
                }
            });
            assert.ok(caught instanceof ConfigError);
            assert.match(caught.message, message);
            assert.deepStrictEqual(rec.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
        });

        it(`${what}: uncaught, the program fails with the ConfigError's message`, async () => {
            const error = await assertRejects(record(() => new Network("net", { logsKeyArn: LOGS_KEY_ARN, ...args })), message);
            assert.strictEqual(error.name, "ProgramError");
            assert.match(error.message, /^In "net" Network, /);
        });
    }
});
