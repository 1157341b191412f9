import { resourceRule } from "../../lib/rule";
import { asArray, get, isUnknown } from "../../lib/values";

export const disallowDefaultSecurityGroupRules = resourceRule({
    name: "ec2-disallow-default-security-group-rules",
    category: "exposure",
    description: "A VPC's default security group must have no ingress and no egress rules.",
    what: "DefaultSecurityGroup resources (which take over a VPC's default group) with any ingress or egress block.",
    why: "Anything launched without an explicit group lands in the default group; rules there silently connect unrelated workloads (AWS's own default admits every member of the group and all egress).",
    fix: "Declare aws.ec2.DefaultSecurityGroup for each VPC with no ingress and no egress, and give every workload its own group.",
    frameworks: { cis: ["5.4"], fsbp: ["EC2.2"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    validate(resource, report) {
        for (const direction of ["ingress", "egress"]) {
            const value = get(resource.props, direction);
            if (isUnknown(value)) continue;
            const rules = asArray(value) ?? [];
            if (rules.length > 0) report(`Remove the ${rules.length} ${direction} rule(s) from the default security group: it must allow nothing.`);
        }
    },
});
