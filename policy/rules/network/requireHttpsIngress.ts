import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, get, isUnknown } from "../../lib/values";
import { SECURITY_GROUP } from "../exposure/ingress";
import { linksOf } from "../reachability/links";
import { hasUnplacedIngressRules, ingressTo } from "./groups";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const HTTPS = 443;

/** Whether the group (inline rules or rule resources) admits TCP 443 from some source; undefined when not knowable. */
function admitsHttps(resources: PolicyResource[], group: PolicyResource): boolean | undefined {
    if (isUnknown(get(propsOf(group), "ingress"))) return undefined;
    let unknown = false;
    for (const { ingress } of ingressTo(resources, group)) {
        if (ingress.fromPort === undefined || ingress.toPort === undefined || ingress.protocol === "?") {
            unknown = true;
            continue;
        }
        const tcp = ["all", "tcp", "6"].includes(ingress.protocol.toLowerCase());
        const hasSource = ingress.cidrs.length + ingress.sourceGroups.length + ingress.prefixLists.length > 0 || ingress.self || ingress.unknownSource;
        if (tcp && hasSource && ingress.fromPort <= HTTPS && HTTPS <= ingress.toPort) return true;
    }
    return unknown ? undefined : false;
}

export const requireHttpsIngress = stackRule({
    name: "ec2-vpc-endpoint-require-https-ingress",
    category: "resilience",
    description: "Interface VPC endpoints need a security group that admits HTTPS from their callers.",
    what: 'Interface VpcEndpoints (vpcEndpointType "Interface") whose security groups in the stack admit no TCP 443 (inline ingress, SecurityGroupRule or vpc.SecurityGroupIngressRule), or that name no security group, so AWS attaches the VPC\'s default group, which admits only its own members. Groups declared outside the stack are not judged.',
    why: "An endpoint without HTTPS ingress deploys cleanly, and with private DNS on, every SDK call to that service from the VPC resolves to it and then times out: functions fail at their first Secrets Manager or S3 call, far from the cause.",
    fix: "Give the endpoint securityGroupIds with a group that admits tcp 443 from the callers' security groups (or the VPC CIDR).",
    frameworks: { soc2: ["A1.2"], gdpr: ["32(1)(b)"] },
    validate({ resources }, report) {
        if (hasUnplacedIngressRules(resources)) return;
        for (const endpoint of resourcesOfType(resources, ENDPOINT)) {
            const props = propsOf(endpoint);
            const kind = get(props, "vpcEndpointType");
            if (isUnknown(kind) || asString(kind) !== "Interface") continue;
            const service = asString(get(props, "serviceName")) ?? "the service";
            const groupsValue = get(props, "securityGroupIds");
            if (isUnknown(groupsValue)) continue;
            const link = linksOf(resources, endpoint, "securityGroupIds", [SECURITY_GROUP]);
            if (link.unresolved || link.external.length > 0) continue;
            if (link.targets.length === 0) {
                report(endpoint, `Give endpoint "${endpoint.name}" (${service}) a security group that admits tcp 443 from its callers: without one it gets the VPC's default group, which admits only its own members.`);
                continue;
            }
            const verdicts = link.targets.map((group) => admitsHttps(resources, group));
            if (verdicts.includes(true) || verdicts.includes(undefined)) continue;
            report(endpoint, `Admit tcp 443 from the callers in a security group of endpoint "${endpoint.name}" (${service}): none of ${link.targets.map((g) => `"${g.name}"`).join(", ")} does, so every call through it times out.`);
        }
    },
});
