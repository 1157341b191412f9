import * as assert from "assert";
import * as fc from "fast-check";
import { IPv4CidrRange } from "ip-num";
import { carveSubnets, cidrProblem } from "../../stacks/subnets";

function assertCarving(cidr: string, azCount: number): void {
    const carved = carveSubnets(cidr, azCount);
    const vpc = IPv4CidrRange.fromCidr(cidr);
    const vpcPrefix = Number(vpc.getPrefix().getValue());
    const all = [...carved.public, ...carved.private, ...carved.isolated];
    assert.deepStrictEqual([carved.public.length, carved.private.length, carved.isolated.length], [azCount, azCount, azCount]);
    const ranges = all.map((subnet) => IPv4CidrRange.fromCidr(subnet));
    for (const [i, range] of ranges.entries()) {
        assert.ok(range.inside(vpc), `${all[i]} is outside ${cidr}`);
        assert.strictEqual(Number(range.getPrefix().getValue()), vpcPrefix + 5, all[i]);
        assert.ok(Number(range.getPrefix().getValue()) <= 28, `${all[i]} is smaller than AWS allows`);
        for (const [j, other] of ranges.entries()) {
            if (i !== j) {
                assert.ok(!range.isOverlapping(other), `${all[i]} overlaps ${all[j]}`);
            }
        }
    }
}

describe("stacks: carveSubnets", () => {
    it("carves a /16 into /21s: a quarter per tier, AZ i in slot i", () => {
        assert.deepStrictEqual(carveSubnets("10.0.0.0/16", 3), {
            public: ["10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21"],
            private: ["10.0.64.0/21", "10.0.72.0/21", "10.0.80.0/21"],
            isolated: ["10.0.128.0/21", "10.0.136.0/21", "10.0.144.0/21"],
        });
    });

    for (const cidr of ["10.0.0.0/16", "172.16.0.0/20", "192.168.4.0/22", "10.255.254.0/23"]) {
        for (let azCount = 1; azCount <= 6; azCount++) {
            it(`gives ${azCount} non-overlapping subnets per tier inside ${cidr}`, () => assertCarving(cidr, azCount));
        }
    }

    it("holds for any valid range and AZ count, and adding an AZ never moves an existing subnet", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 23 }), fc.integer({ min: 1, max: 5 }), (address, prefix, azCount) => {
                const network = (address >>> (32 - prefix)) << (32 - prefix) >>> 0;
                const cidr = `${[24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join(".")}/${prefix}`;
                assertCarving(cidr, azCount);
                const fewer = carveSubnets(cidr, azCount);
                const more = carveSubnets(cidr, azCount + 1);
                for (const tier of ["public", "private", "isolated"] as const) {
                    assert.deepStrictEqual(more[tier].slice(0, azCount), fewer[tier]);
                }
            }),
        );
    });

    it("rejects ranges without room for /28 subnets and AZ counts outside 1 to 6", () => {
        assert.throws(() => carveSubnets("10.0.0.0/24", 1), /it must be a \/23 or larger range/);
        assert.throws(() => carveSubnets("10.0.0.0/28", 1), /\/23 or larger/);
        assert.throws(() => carveSubnets("10.0.0.0/16", 0), /azCount between 1 and 6/);
        assert.throws(() => carveSubnets("10.0.0.0/16", 7), /azCount between 1 and 6/);
        assert.throws(() => carveSubnets("10.0.0.0/16", 2.5), /azCount between 1 and 6/);
    });

    it("rejects malformed and misaligned CIDRs, suggesting the aligned one", () => {
        assert.match(cidrProblem("10.0.0.0/33", 1) ?? "", /IPv4 CIDR/);
        assert.match(cidrProblem("10.0.0.256/16", 1) ?? "", /IPv4 CIDR/);
        assert.match(cidrProblem(" 10.0.0.0/16", 1) ?? "", /IPv4 CIDR/);
        assert.strictEqual(cidrProblem("10.0.1.0/16", 1), "a CIDR whose address is the start of its range, such as 10.0.0.0/16");
        assert.strictEqual(cidrProblem("10.0.0.0/16", 6), undefined);
    });
});
