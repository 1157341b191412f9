/**
 * Security group ingress in its three Pulumi shapes (inline `ingress` blocks of a SecurityGroup, the
 * legacy SecurityGroupRule, and vpc.SecurityGroupIngressRule) as one normalised list, so network rules
 * judge rules, not resource shapes.
 */
import { asArray, asNumber, asString, get, isUnknown, Read } from "../../lib/values";
import { stringsIn } from "../reachability/links";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const INGRESS_TYPES = [SECURITY_GROUP, SECURITY_GROUP_RULE, INGRESS_RULE];

export interface Ingress {
    /** `ingress rule 2` or `ingress rule`, for messages. */
    label: string;
    protocol: string;
    /** Inclusive port range; 0-65535 for all traffic. Undefined when unknown. */
    fromPort: number | undefined;
    toPort: number | undefined;
    /** Known CIDR sources (IPv4 and IPv6). */
    cidrs: string[];
    /** Known source security group ids. */
    sourceGroups: string[];
    self: boolean;
    prefixLists: string[];
    /** Some source is not known yet. */
    unknownSource: boolean;
}

function isAllTraffic(protocol: string): boolean {
    return protocol === "-1" || protocol.toLowerCase() === "all";
}

function normalise(label: string, protocolValue: Read, from: Read, to: Read, sources: { cidrs: Read[]; groups: Read[]; prefixLists: Read[]; self: Read }): Ingress {
    const protocol = asString(protocolValue) ?? (isUnknown(protocolValue) ? "?" : "-1");
    const all = isAllTraffic(protocol);
    const collect = (values: Read[]) => values.map(stringsIn);
    const cidrs = collect(sources.cidrs);
    const groups = collect(sources.groups);
    const prefixLists = collect(sources.prefixLists);
    return {
        label,
        protocol: all ? "all" : protocol,
        fromPort: all ? 0 : asNumber(from),
        toPort: all ? 65535 : asNumber(to),
        cidrs: cidrs.flatMap((c) => c.strings),
        sourceGroups: groups.flatMap((g) => g.strings),
        prefixLists: prefixLists.flatMap((p) => p.strings),
        self: sources.self === true,
        unknownSource: [...cidrs, ...groups, ...prefixLists].some((c) => c.unknown) || isUnknown(sources.self),
    };
}

/** The ingress rules a resource declares (none for egress-only resources). */
export function ingressOf(type: string, props: unknown): Ingress[] {
    switch (type) {
        case SECURITY_GROUP: {
            const rules = asArray(get(props, "ingress")) ?? [];
            return rules.map((rule, i) =>
                normalise(rules.length > 1 ? `ingress rule ${i + 1}` : "ingress rule", get(rule, "protocol"), get(rule, "fromPort"), get(rule, "toPort"), {
                    cidrs: [get(rule, "cidrBlocks"), get(rule, "ipv6CidrBlocks")],
                    groups: [get(rule, "securityGroups")],
                    prefixLists: [get(rule, "prefixListIds")],
                    self: get(rule, "self"),
                }),
            );
        }
        case SECURITY_GROUP_RULE:
            if (asString(get(props, "type")) !== "ingress") return [];
            return [
                normalise("ingress rule", get(props, "protocol"), get(props, "fromPort"), get(props, "toPort"), {
                    cidrs: [get(props, "cidrBlocks"), get(props, "ipv6CidrBlocks")],
                    groups: [get(props, "sourceSecurityGroupId")],
                    prefixLists: [get(props, "prefixListIds")],
                    self: get(props, "self"),
                }),
            ];
        case INGRESS_RULE:
            return [
                normalise("ingress rule", get(props, "ipProtocol"), get(props, "fromPort"), get(props, "toPort"), {
                    cidrs: [get(props, "cidrIpv4"), get(props, "cidrIpv6")],
                    groups: [get(props, "referencedSecurityGroupId")],
                    prefixLists: [get(props, "prefixListId")],
                    self: false,
                }),
            ];
        default:
            return [];
    }
}

/** `tcp 0-65535`, `all traffic`, `tcp 443`. */
export function describePorts(ingress: Ingress): string {
    if (ingress.protocol === "all") return "all traffic";
    if (ingress.fromPort === undefined || ingress.toPort === undefined) return `${ingress.protocol} (ports unknown)`;
    const range = ingress.fromPort === ingress.toPort ? `${ingress.fromPort}` : `${ingress.fromPort}-${ingress.toPort}`;
    return `${ingress.protocol} ${range}`;
}

/** Every port of the rule is one of `allowed` (ICMP and other port-less protocols never are). */
export function onlyPorts(ingress: Ingress, allowed: number[]): boolean {
    if (ingress.fromPort === undefined || ingress.toPort === undefined) return false;
    if (!["tcp", "udp", "6", "17"].includes(ingress.protocol.toLowerCase())) return false;
    for (let port = ingress.fromPort; port <= ingress.toPort; port++) if (!allowed.includes(port)) return false;
    return true;
}
