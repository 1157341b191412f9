/**
 * The ingress a security group ends up with: its inline rules and the SecurityGroupRule /
 * vpc.SecurityGroupIngressRule resources that point at it, each with the groups it admits.
 */
import type { PolicyResource } from "@pulumi/policy";
import { propsOf } from "../../lib/stack";
import { Ingress, ingressOf, INGRESS_RULE, SECURITY_GROUP, SECURITY_GROUP_RULE } from "../exposure/ingress";
import { identifiersOf, linksFrom, linksOf } from "../reachability/links";

export interface GroupIngress {
    /** The resource that declares the rule: the group itself (inline) or a rule resource. */
    holder: PolicyResource;
    ingress: Ingress;
    /** Source security groups of the stack the rule admits. */
    sources: PolicyResource[];
}

export function ingressTo(resources: PolicyResource[], group: PolicyResource): GroupIngress[] {
    const holders: { holder: PolicyResource; sourceProperty: string }[] = [{ holder: group, sourceProperty: "ingress" }];
    for (const rule of ruleLinks(resources).referrers.get(group.urn) ?? []) {
        holders.push({ holder: rule, sourceProperty: rule.type === INGRESS_RULE ? "referencedSecurityGroupId" : "sourceSecurityGroupId" });
    }
    return holders.flatMap(({ holder, sourceProperty }) => {
        const rules = ingressOf(holder.type, propsOf(holder));
        const linked = linksOf(resources, holder, sourceProperty, [SECURITY_GROUP]).targets;
        return rules.map((ingress) => {
            // Dependencies of inline `ingress` are shared by all its rules: with several, match each rule by known ids.
            const sources = rules.length === 1 ? linked : linked.filter((g) => identifiersOf(g).some((id) => ingress.sourceGroups.includes(id)));
            return { holder, ingress, sources };
        });
    });
}

/** Rule resources whose target group is not known yet (preview): any group might be getting more ingress. */
export function hasUnplacedIngressRules(resources: PolicyResource[]): boolean {
    return ruleLinks(resources).unresolved;
}

function ruleLinks(resources: PolicyResource[]) {
    return linksFrom(resources, [SECURITY_GROUP_RULE, INGRESS_RULE], "securityGroupId", [SECURITY_GROUP]);
}
