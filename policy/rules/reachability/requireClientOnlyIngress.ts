import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { describePorts, SECURITY_GROUP } from "../exposure/ingress";
import { ingressTo } from "../network/groups";
import { cacheSecurityGroups, cachesOf } from "./caches";
import { describe, linksFrom } from "./links";
import { T } from "./network";

/** Where compute attaches security groups: whatever holds one of these is a client that can connect. */
const ATTACHMENTS: { type: string; property: string }[] = [
    { type: T.function, property: "vpcConfig" },
    { type: T.instance, property: "vpcSecurityGroupIds" },
    { type: T.instance, property: "securityGroups" },
    { type: T.networkInterface, property: "securityGroups" },
    { type: "aws:ec2/launchTemplate:LaunchTemplate", property: "vpcSecurityGroupIds" },
    { type: "aws:ec2/launchTemplate:LaunchTemplate", property: "networkInterfaces" },
    { type: "aws:ecs/service:Service", property: "networkConfiguration" },
];

function isAttachedToCompute(resources: PolicyResource[], group: PolicyResource): boolean {
    return ATTACHMENTS.some(({ type, property }) => linksFrom(resources, [type], property, [SECURITY_GROUP]).referrers.has(group.urn));
}

export const requireClientOnlyIngress = stackRule({
    name: "elasticache-require-client-only-ingress",
    category: "exposure",
    description: "A cache's security groups must admit only the security groups of its clients.",
    what: "For each cache (ReplicationGroup, ServerlessCache, standalone Cluster), every ingress rule on its securityGroupIds (inline, SecurityGroupRule, vpc.SecurityGroupIngressRule) is judged: a CIDR or prefix-list source (any range, 0.0.0.0/0 above all) is reported, and so is a source security group that no Lambda function, instance, network interface, launch template or ECS service uses.",
    why: "A CIDR admits every host that ever gets an address in it (a NAT instance, a VPN, a peered VPC); a group nobody uses is a standing hole someone can join. Only the clients' own groups say exactly who may connect.",
    fix: "Replace CIDR sources with referencedSecurityGroupId of the client's group (Bulwark's Cache.allowClient does this), and delete rules for groups no client uses.",
    frameworks: { cis: ["5.2"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    validate({ resources }, report) {
        for (const cache of cachesOf(resources)) {
            for (const group of cacheSecurityGroups(resources, cache).targets) {
                for (const { holder, ingress, sources } of ingressTo(resources, group)) {
                    const where = holder.urn === group.urn ? `${ingress.label} of ${describe(group)}` : describe(holder);
                    const ranges = [...ingress.cidrs, ...ingress.prefixLists];
                    if (ranges.length > 0) {
                        report(holder, `Replace source ${ranges.join(", ")} of ${where} (${describePorts(ingress)}) with the security group of ${describe(cache)}'s clients.`);
                    }
                    for (const source of sources) {
                        if (source.urn === group.urn || isAttachedToCompute(resources, source)) continue;
                        report(holder, `Remove ${where}: it admits ${describe(source)} to ${describe(cache)}, and no function or instance uses that group.`);
                    }
                }
            }
        }
    },
});
