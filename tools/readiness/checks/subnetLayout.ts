import { cidrContains, cidrOverlaps, parseCidr } from "../../../policy/lib/cidr";
import { asString, get, ReadinessCheck, TYPES } from "../lib";
import type { Finding } from "../lib";
import type { RecordedResource } from "../../engine/recorder";

export const SUBNET_PREFIX = { largest: 16, smallest: 28 };

export const subnetLayout: ReadinessCheck = {
    name: "subnet-layout",
    category: "aws-api",
    severity: "error",
    what: "Every subnet's IPv4 block is a /16 to /28 inside its VPC's primary or secondary CIDR, and no two subnets of a VPC overlap.",
    rule: "EC2 CreateSubnet: the block must be within the VPC's CIDR blocks (InvalidSubnet.Range), between /16 and /28, and must not overlap another subnet (InvalidSubnet.Conflict).",
    run(stack) {
        const findings: Finding[] = [];
        const byVpc = new Map<string, { vpc: RecordedResource; subnets: { subnet: RecordedResource; cidr: string }[] }>();
        for (const subnet of stack.ofType(TYPES.subnet)) {
            const cidr = asString(get(stack.props(subnet), "cidrBlock"));
            if (!cidr) continue;
            const range = parseCidr(cidr);
            if (!range || range.family !== 4) continue;
            if (range.prefix < SUBNET_PREFIX.largest || range.prefix > SUBNET_PREFIX.smallest) {
                findings.push(
                    stack.finding(this, subnet, "error",
                        `Subnet "${subnet.name}" is a /${range.prefix} (${cidr}): AWS subnets are /${SUBNET_PREFIX.largest} to /${SUBNET_PREFIX.smallest}.`,
                        "EC2: a subnet's IPv4 block is between /16 and /28.",
                        `Give "${subnet.name}" a block between /${SUBNET_PREFIX.largest} and /${SUBNET_PREFIX.smallest}.`),
                );
            }
            const vpc = stack.refs(subnet, "vpcId", TYPES.vpc)[0];
            if (!vpc) continue;
            const vpcCidrs = [asString(get(stack.props(vpc), "cidrBlock"))];
            for (const association of stack.referrers(vpc, "vpcId", TYPES.vpcCidr)) vpcCidrs.push(asString(get(stack.props(association), "cidrBlock")));
            const known = vpcCidrs.filter((c): c is string => c !== undefined);
            // A VPC block from IPAM or a secondary block not known yet: nothing to compare against.
            if (known.length === vpcCidrs.length && known.length > 0 && !known.some((block) => cidrContains(block, cidr))) {
                findings.push(
                    stack.finding(this, subnet, "error",
                        `Subnet "${subnet.name}" (${cidr}) is outside VPC "${vpc.name}" (${known.join(", ")}).`,
                        "EC2 CreateSubnet: the subnet's block must lie within one of the VPC's CIDR blocks (InvalidSubnet.Range).",
                        `Carve "${subnet.name}" out of ${known[0]}, or add a secondary CIDR block to the VPC first.`),
                );
            }
            const entry = byVpc.get(vpc.urn) ?? { vpc, subnets: [] };
            entry.subnets.push({ subnet, cidr });
            byVpc.set(vpc.urn, entry);
        }
        for (const { subnets } of byVpc.values()) {
            subnets.forEach((a, i) => {
                for (const b of subnets.slice(i + 1)) {
                    if (!cidrOverlaps(a.cidr, b.cidr)) continue;
                    findings.push(
                        stack.finding(this, b.subnet, "error",
                            `Subnet "${b.subnet.name}" (${b.cidr}) overlaps subnet "${a.subnet.name}" (${a.cidr}) in the same VPC.`,
                            "EC2 CreateSubnet: subnets of a VPC may not overlap (InvalidSubnet.Conflict).",
                            "Give each subnet its own block (e.g. carve them with stacks/subnets.ts carveSubnets)."),
                    );
                }
            });
        }
        return findings;
    },
};
