import { asBoolean, asString, endpointService, functionNeeds, get, ReadinessCheck, rulesAllow, securityGroupRules, subnetCidrs, TYPES, UNKNOWN, vpcFunctions, vpcOf } from "../lib";
import type { Finding, VpcFunction } from "../lib";

export const interfaceEndpoints: ReadinessCheck = {
    name: "interface-endpoint-access",
    category: "connectivity",
    severity: "warning",
    what: "An interface VPC endpoint has private DNS enabled, and its security groups admit HTTPS (443) from the VPC functions that call its service (their security group, or CIDRs covering their subnets).",
    rule: "Without private DNS, SDKs resolve the service's public name and bypass the endpoint; an endpoint's security group must allow 443 from its clients (endpoints without groups get the VPC default group, which admits only its own members).",
    async run(stack) {
        const findings: Finding[] = [];
        const functions = vpcFunctions(stack).filter((vf) => !vf.unresolved);
        const needs = new Map(await Promise.all(functions.map(async (vf) => [vf.fn.urn, await functionNeeds(stack, vf.fn)] as const)));
        // The functions of each VPC, in order, so an endpoint's callers are a lookup, not a scan of every function.
        const functionsIn = new Map<string | undefined, VpcFunction[]>();
        for (const vf of functions) {
            const urn = vpcOf(stack, vf)?.urn;
            const list = functionsIn.get(urn);
            if (list) list.push(vf);
            else functionsIn.set(urn, [vf]);
        }
        for (const endpoint of stack.ofType(TYPES.vpcEndpoint)) {
            const props = stack.props(endpoint);
            if (asString(get(props, "vpcEndpointType")) !== "Interface") continue;
            const service = endpointService(stack, endpoint) ?? "its service";
            const privateDns = get(props, "privateDnsEnabled");
            // The provider's default is false; an unknown value (preview) is not judged.
            if (privateDns !== UNKNOWN && asBoolean(privateDns) !== true) {
                findings.push(
                    stack.finding(this, endpoint, "warning",
                        `Interface endpoint "${endpoint.name}" (${service}) has private DNS off: SDKs call the public ${service} name, which does not go through it.`,
                        "VPC interface endpoints: PrivateDnsEnabled makes the service's default DNS name resolve to the endpoint.",
                        "Set privateDnsEnabled: true (the VPC needs enableDnsSupport and enableDnsHostnames)."),
                );
            }
            const vpc = stack.refs(endpoint, "vpcId", TYPES.vpc)[0];
            const callers = (vpc ? (functionsIn.get(vpc.urn) ?? []) : functions).filter((vf) => needs.get(vf.fn.urn)!.services.has(service));
            if (callers.length === 0) continue;
            const groups = stack.refs(endpoint, "securityGroupIds", TYPES.securityGroup);
            if (get(props, "securityGroupIds") === undefined) {
                findings.push(
                    stack.finding(this, endpoint, "warning",
                        `Interface endpoint "${endpoint.name}" (${service}) has no security group, so it gets the VPC's default group, which does not admit function${callers.length > 1 ? "s" : ""} ${callers.map((c) => `"${c.fn.name}"`).join(", ")}.`,
                        "VPC interface endpoints: without SecurityGroupIds the VPC default security group applies.",
                        "Give the endpoint a security group that allows TCP 443 from the functions' security group."),
                );
                continue;
            }
            if (groups.length === 0) continue;
            const rules = groups.flatMap((g) => securityGroupRules(stack, g)).filter((r) => r.direction === "ingress");
            for (const caller of callers) {
                const peer = { groups: caller.groups, cidrs: subnetCidrs(stack, caller.subnets) };
                if (rulesAllow(rules, 443, peer)) continue;
                findings.push(
                    stack.finding(this, endpoint, "warning",
                        `Interface endpoint "${endpoint.name}" (${service}) does not admit HTTPS from function "${caller.fn.name}": its ${service} calls will time out.`,
                        "EC2 security groups: the endpoint's groups must allow inbound TCP 443 from its clients.",
                        `Add an ingress rule for TCP 443 from the function's security group (or its subnets' CIDRs) to ${groups.map((g) => `"${g.name}"`).join(", ")}.`),
                );
            }
        }
        return findings;
    },
};
