/**
 * CIDR arithmetic for network rules (IPv4 and IPv6), on BigInt ranges so both families share one
 * code path: is a block the whole internet, does one block contain or overlap another.
 */

export interface CidrRange {
    family: 4 | 6;
    first: bigint;
    last: bigint;
    prefix: number;
}

function parseIpv4(address: string): bigint | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(address: string): bigint | undefined {
    const halves = address.split("::");
    if (halves.length > 2) return undefined;
    const groups = (half: string) => (half === "" ? [] : half.split(":"));
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
    const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses `10.0.0.0/16` or `2001:db8::/32`; a bare address is a /32 or /128. Undefined when malformed. */
export function parseCidr(cidr: string): CidrRange | undefined {
    const [address, prefixText, extra] = cidr.trim().split("/");
    if (extra !== undefined) return undefined;
    const family: 4 | 6 = address.includes(":") ? 6 : 4;
    const bits = family === 4 ? 32 : 128;
    const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
    const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (value === undefined || !(prefix >= 0 && prefix <= bits)) return undefined;
    const hostBits = BigInt(bits - prefix);
    const first = (value >> hostBits) << hostBits;
    return { family, first, last: first + (1n << hostBits) - 1n, prefix };
}

/** `0.0.0.0/0` or `::/0` (any prefix-0 block): every address. */
export function isAnyAddress(cidr: string): boolean {
    return parseCidr(cidr)?.prefix === 0;
}

export function cidrContains(outer: string, inner: string): boolean {
    const a = parseCidr(outer);
    const b = parseCidr(inner);
    return !!a && !!b && a.family === b.family && a.first <= b.first && b.last <= a.last;
}

export function cidrOverlaps(left: string, right: string): boolean {
    const a = parseCidr(left);
    const b = parseCidr(right);
    return !!a && !!b && a.family === b.family && a.first <= b.last && b.first <= a.last;
}

const PRIVATE_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];

/** Inside RFC 1918, carrier-grade NAT or IPv6 unique-local space: not reachable from the internet. */
export function isPrivateCidr(cidr: string): boolean {
    return PRIVATE_BLOCKS.some((block) => cidrContains(block, cidr));
}

/** Number of addresses in the block. */
export function cidrSize(cidr: string): bigint | undefined {
    const range = parseCidr(cidr);
    return range ? range.last - range.first + 1n : undefined;
}
