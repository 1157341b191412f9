import { isAnyAddress } from "../../lib/cidr";
import { resourceRule } from "../../lib/rule";
import { asArray, asBoolean, asNumber, asString, get, Read } from "../../lib/values";

const ADMIN_PORTS = [22, 3389];

interface AclEntry {
    label: string;
    action: string | undefined;
    protocol: string | undefined;
    from: number | undefined;
    to: number | undefined;
    cidr: string | undefined;
}

function entry(label: string, props: unknown, keys: { action: string; cidr: string[] }): AclEntry {
    const read = (key: string): Read => get(props, key);
    const protocol = read("protocol");
    return {
        label,
        action: asString(read(keys.action))?.toLowerCase(),
        protocol: typeof protocol === "number" ? String(protocol) : asString(protocol),
        from: asNumber(read("fromPort")),
        to: asNumber(read("toPort")),
        cidr: keys.cidr.map((k) => asString(read(k))).find((c) => c !== undefined),
    };
}

function exposesAdminPort(e: AclEntry): number[] {
    if (e.action !== "allow" || !e.cidr || !isAnyAddress(e.cidr)) return [];
    if (e.protocol === "-1" || e.protocol === "all") return ADMIN_PORTS;
    if (!["tcp", "6"].includes(e.protocol ?? "")) return [];
    if (e.from === undefined || e.to === undefined) return [];
    return ADMIN_PORTS.filter((p) => e.from! <= p && p <= e.to!);
}

export const disallowPublicAdminIngress = resourceRule({
    name: "ec2-network-acl-disallow-public-admin-ingress",
    category: "exposure",
    description: "Network ACLs must not allow SSH (22) or RDP (3389) from 0.0.0.0/0 or ::/0.",
    what: "Allow entries of NetworkAcl ingress blocks and ingress NetworkAclRules whose source is every address and whose port range (or all-traffic protocol) includes 22 or 3389.",
    why: "Remote administration ports open to the internet are the most scanned and brute-forced; a NACL that allows them removes the subnet-wide backstop behind security groups.",
    fix: "Allow 22/3389 only from an administration range, or better, use SSM Session Manager and allow neither.",
    frameworks: { cis: ["5.1"], fsbp: ["EC2.21"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:ec2/networkAcl:NetworkAcl", "aws:ec2/networkAclRule:NetworkAclRule"],
    validate(resource, report) {
        const entries: AclEntry[] = [];
        if (resource.type.endsWith(":NetworkAcl")) {
            const ingress = asArray(get(resource.props, "ingress")) ?? [];
            ingress.forEach((rule, i) => entries.push(entry(`ingress entry ${i + 1}`, rule, { action: "action", cidr: ["cidrBlock", "ipv6CidrBlock"] })));
        } else if (asBoolean(get(resource.props, "egress")) !== true) {
            entries.push(entry("ingress entry", resource.props, { action: "ruleAction", cidr: ["cidrBlock", "ipv6CidrBlock"] }));
        }
        for (const e of entries) {
            const ports = exposesAdminPort(e);
            if (ports.length > 0) report(`Deny port(s) ${ports.join(" and ")} from ${e.cidr} in ${e.label}: allow remote administration only from a known range, or use Session Manager.`);
        }
    },
});
