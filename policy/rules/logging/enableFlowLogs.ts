import { stackRule } from "../../lib/rule";
import { resourcesOfType } from "../../lib/stack";
import { linksOf } from "../reachability/links";

const VPC = "aws:ec2/vpc:Vpc";

export const enableFlowLogs = stackRule({
    name: "ec2-vpc-enable-flow-logs",
    category: "logging",
    description: "Every VPC must have a flow log.",
    what: "Each Vpc must be the vpcId of a FlowLog (any traffic type and destination). Flow logs on single subnets or interfaces do not count.",
    why: "Flow logs are the only record of which addresses talked to what inside the VPC: without them an incident cannot be scoped (what did the compromised function reach?).",
    fix: 'Add aws.ec2.FlowLog({ vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: logGroup.arn, iamRoleArn }) (or an S3 destination, cheaper at volume).',
    frameworks: { cis: ["3.7"], fsbp: ["EC2.6"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    validate({ resources }, report) {
        const flowLogs = resourcesOfType(resources, "aws:ec2/flowLog:FlowLog").map((f) => linksOf(resources, f, "vpcId", [VPC]));
        if (flowLogs.some((l) => l.unresolved)) return;
        const logged = new Set(flowLogs.flatMap((l) => l.targets.map((t) => t.urn)));
        for (const vpc of resourcesOfType(resources, VPC)) {
            if (!logged.has(vpc.urn)) report(vpc, `Add a FlowLog with vpcId set to VPC "${vpc.name}".`);
        }
    },
});
