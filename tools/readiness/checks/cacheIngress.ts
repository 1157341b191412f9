import { cachesUsedBy, ReadinessCheck, rulesAllow, securityGroupRules, subnetCidrs, vpcFunctions } from "../lib";
import type { Finding } from "../lib";

export const cacheIngress: ReadinessCheck = {
    name: "cache-ingress",
    category: "connectivity",
    severity: "warning",
    what: "A cache a VPC function uses (through its environment) has a security group with an ingress rule on the cache port from the function's security group, or from CIDRs covering all of the function's subnets.",
    rule: "ElastiCache nodes accept connections only as their security groups allow; without an ingress rule the client's connection attempts time out.",
    run(stack) {
        const findings: Finding[] = [];
        for (const vf of vpcFunctions(stack)) {
            if (vf.unresolved) continue;
            const peer = { groups: vf.groups, cidrs: subnetCidrs(stack, vf.subnets) };
            for (const use of cachesUsedBy(stack, vf.fn)) {
                // A cache without groups in the stack uses the VPC default or groups made elsewhere: nothing to judge.
                if (use.groups.length === 0) continue;
                const rules = use.groups.flatMap((group) => securityGroupRules(stack, group)).filter((r) => r.direction === "ingress");
                if (rulesAllow(rules, use.port, peer)) continue;
                findings.push(
                    stack.finding(this, use.cache, "warning",
                        `Cache "${use.cache.name}" admits no traffic on port ${use.port} from function "${vf.fn.name}" (security group${use.groups.length > 1 ? "s" : ""} ${use.groups.map((g) => `"${g.name}"`).join(", ")}): its connections will time out.`,
                        "EC2 security groups: inbound traffic is denied unless an ingress rule allows it.",
                        `Add an ingress rule on ${use.groups[0].name} for TCP ${use.port} from the function's security group (Cache.allowClient(...)).`),
                );
            }
        }
        return findings;
    },
};
