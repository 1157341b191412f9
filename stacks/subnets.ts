/**
 * How a VPC's range is carved into subnets.
 *
 * The VPC is split into 4 equal blocks: public, private, isolated, and one kept free for later
 * (another tier, or more room without renumbering). Each tier block is split into 8 equal slots and
 * the subnet for Availability Zone i is always slot i. Eight covers the 6-AZ maximum, and because the
 * slot size never depends on azCount, adding an AZ later adds subnets without replacing existing ones.
 *
 * A /16 gives /21 subnets (2,043 usable addresses each); a /23 gives /28 subnets, the smallest AWS allows.
 */
import { IPv4CidrRange, IPv4Prefix, Validator } from "ip-num";

export const MAX_AZ_COUNT = 6;
/** Tier blocks in a VPC: public, private, isolated, reserved. */
export const TIER_BLOCKS = 4;
/** Subnet slots per tier block: the next power of two at or above MAX_AZ_COUNT. */
export const SLOTS_PER_TIER = 8;
/** AWS rejects subnets smaller than /28. */
export const SMALLEST_SUBNET_PREFIX = 28;
/** Prefix bits a subnet adds to the VPC's: log2(TIER_BLOCKS * SLOTS_PER_TIER). */
export const SUBNET_PREFIX_EXTRA_BITS = Math.log2(TIER_BLOCKS * SLOTS_PER_TIER);
/** The smallest VPC (largest prefix) whose subnets are still at least /28. */
export const LARGEST_VPC_PREFIX = SMALLEST_SUBNET_PREFIX - SUBNET_PREFIX_EXTRA_BITS;

export interface SubnetCidrs {
    /** One per AZ, in AZ order: for NAT and the internet-facing edge. */
    readonly public: readonly string[];
    /** One per AZ: for the API function, with egress through NAT when there is one. */
    readonly private: readonly string[];
    /** One per AZ: for the cache, with no route out of the VPC. */
    readonly isolated: readonly string[];
}

/** Why a CIDR cannot be carved, phrased to follow "it must be"; undefined when it can. */
export function cidrProblem(cidr: string, azCount: number): string | undefined {
    if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZ_COUNT) {
        return `carved for an azCount between 1 and ${MAX_AZ_COUNT}`;
    }
    const [isCidr] = Validator.isValidIPv4CidrNotation(cidr);
    if (!isCidr) {
        return "an IPv4 CIDR such as 10.0.0.0/16";
    }
    const [isNetworkAddress] = Validator.isValidIPv4CidrRange(cidr);
    if (!isNetworkAddress) {
        const range = IPv4CidrRange.fromCidr(cidr);
        return `a CIDR whose address is the start of its range, such as ${range.getFirst().toString()}/${range.getPrefix().getValue()}`;
    }
    const prefix = Number(IPv4CidrRange.fromCidr(cidr).getPrefix().getValue());
    if (prefix + SUBNET_PREFIX_EXTRA_BITS > SMALLEST_SUBNET_PREFIX) {
        return (
            `a /${LARGEST_VPC_PREFIX} or larger range: it is split into ${TIER_BLOCKS} tiers of ` +
            `${SLOTS_PER_TIER} subnets, and AWS subnets are at least /${SMALLEST_SUBNET_PREFIX}`
        );
    }
    return undefined;
}

/**
 * Carves public, private and isolated subnet CIDRs for `azCount` AZs out of `cidr`.
 * Throws a plain Error when it cannot (callers with config context check cidrProblem first).
 *
 * @example carveSubnets("10.0.0.0/16", 2)
 * // { public: ["10.0.0.0/21", "10.0.8.0/21"], private: ["10.0.64.0/21", "10.0.72.0/21"],
 * //   isolated: ["10.0.128.0/21", "10.0.136.0/21"] }
 */
export function carveSubnets(cidr: string, azCount: number): SubnetCidrs {
    const problem = cidrProblem(cidr, azCount);
    if (problem !== undefined) {
        throw new Error(`Cannot carve subnets for ${azCount} AZs from "${cidr}": it must be ${problem}.`);
    }
    const vpc = IPv4CidrRange.fromCidr(cidr);
    const vpcPrefix = Number(vpc.getPrefix().getValue());
    const tierPrefix = IPv4Prefix.fromNumber(BigInt(vpcPrefix + Math.log2(TIER_BLOCKS)));
    const subnetPrefix = IPv4Prefix.fromNumber(BigInt(vpcPrefix + SUBNET_PREFIX_EXTRA_BITS));
    const [publicBlock, privateBlock, isolatedBlock] = vpc.splitInto(tierPrefix);
    const firstSlots = (block: IPv4CidrRange): string[] =>
        block
            .splitInto(subnetPrefix)
            .slice(0, azCount)
            .map((subnet) => subnet.toCidrString());
    return { public: firstSlots(publicBlock), private: firstSlots(privateBlock), isolated: firstSlots(isolatedBlock) };
}
