import { resourceRule } from "../../lib/rule";
import { asArray, get } from "../../lib/values";

export const disallowInstancePublicIp = resourceRule({
    name: "ec2-disallow-instance-public-ip",
    category: "exposure",
    description: "EC2 instances must not get a public IP address at launch.",
    what: "Instances with associatePublicIpAddress true, on the instance or on one of its networkInterfaces blocks.",
    why: "A public address makes the instance reachable from the internet as soon as any security group rule allows it, and it changes on every stop/start so it cannot be allow-listed.",
    fix: "Launch in a private subnet behind a NAT; an instance that must be reachable (a NAT instance) gets an Elastic IP on its network interface instead.",
    frameworks: { fsbp: ["EC2.9"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:ec2/instance:Instance"],
    validate(resource, report) {
        const interfaces = asArray(get(resource.props, "networkInterfaces")) ?? [];
        const flagged = get(resource.props, "associatePublicIpAddress") === true || interfaces.some((i) => get(i, "associatePublicIpAddress") === true);
        if (flagged) report("Set associatePublicIpAddress to false: put the instance in a private subnet, or give a NAT instance an Elastic IP.");
    },
});
