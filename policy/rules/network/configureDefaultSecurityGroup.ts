import { stackRule } from "../../lib/rule";
import { resourcesOfType } from "../../lib/stack";
import { linksOf } from "../reachability/links";

const VPC = "aws:ec2/vpc:Vpc";

export const configureDefaultSecurityGroup = stackRule({
    name: "ec2-vpc-configure-default-security-group",
    category: "hygiene",
    description: "Every VPC should take over its default security group and empty it.",
    what: "Each Vpc should be the vpcId of a DefaultSecurityGroup (whose rules ec2-disallow-default-security-group-rules then judges). A VPC whose default group is left alone keeps AWS's rules: all traffic from members of the group, all egress.",
    why: "Anything created without an explicit security group (an endpoint, an instance, a Lambda ENI) lands in the default group and can then talk to everything else that did; Security Hub (EC2.2) fails every VPC whose default group still has those rules.",
    fix: "Add aws.ec2.DefaultSecurityGroup({ vpcId: vpc.id }) with no ingress and no egress blocks: Pulumi then removes AWS's rules.",
    frameworks: { cis: ["5.4"], fsbp: ["EC2.2"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    validate({ resources }, report) {
        const adopted = resourcesOfType(resources, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").map((g) => linksOf(resources, g, "vpcId", [VPC]));
        if (adopted.some((link) => link.unresolved)) return;
        const covered = new Set(adopted.flatMap((link) => link.targets.map((t) => t.urn)));
        for (const vpc of resourcesOfType(resources, VPC)) {
            if (!covered.has(vpc.urn)) {
                report(vpc, `Add an aws.ec2.DefaultSecurityGroup with vpcId set to VPC "${vpc.name}" and no rules: its default group still admits all traffic between its members.`);
            }
        }
    },
});
