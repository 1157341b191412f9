import { resourceRule } from "../../lib/rule";
import { asArray, get } from "../../lib/values";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

/** Launch templates take the flag as the string "true"; launch configurations as a boolean. */
const isTrue = (value: unknown) => value === true || value === "true";

export const disallowLaunchPublicIp = resourceRule({
    name: "ec2-disallow-launch-public-ip",
    category: "exposure",
    description: "Launch templates and launch configurations must not give instances a public IP address.",
    what: 'LaunchTemplates with a networkInterfaces entry whose associatePublicIpAddress is "true", and LaunchConfigurations with associatePublicIpAddress true. Left unset, the subnet decides (see ec2-instance-disallow-public-subnet-launch for instances).',
    why: "Every instance an Auto Scaling group, a fleet or a RunInstances call starts from the template gets an internet-routable address; one permissive security group rule then exposes the whole group, and the addresses change on every replacement so they cannot be allow-listed.",
    fix: 'Set associatePublicIpAddress: "false" on the template\'s network interface (false on a launch configuration) and launch into private subnets behind a NAT or a load balancer.',
    frameworks: { fsbp: ["EC2.25", "AutoScaling.5"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    awsDefault: "With associatePublicIpAddress unset, the subnet's mapPublicIpOnLaunch decides; default VPC subnets map public IPs (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    types: [LAUNCH_TEMPLATE, "aws:ec2/launchConfiguration:LaunchConfiguration"],
    validate(resource, report) {
        if (resource.type === LAUNCH_TEMPLATE) {
            (asArray(get(resource.props, "networkInterfaces")) ?? []).forEach((networkInterface, i) => {
                if (isTrue(get(networkInterface, "associatePublicIpAddress"))) {
                    report(`Set networkInterfaces[${i}].associatePublicIpAddress to "false": every instance launched from this template gets a public IP address.`);
                }
            });
        } else if (isTrue(get(resource.props, "associatePublicIpAddress"))) {
            report("Set associatePublicIpAddress to false: every instance of the Auto Scaling group gets a public IP address.");
        }
    },
});
