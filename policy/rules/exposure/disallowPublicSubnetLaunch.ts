import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { dependenciesOf, propsOf, resourcesOfType } from "../../lib/stack";
import { asArray, asString, get, isUnknown } from "../../lib/values";
import { linksOf } from "../reachability/links";

const INSTANCE = "aws:ec2/instance:Instance";
const SUBNET = "aws:ec2/subnet:Subnet";
const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";

/** Whether instances launched into the subnet get a public IPv4 address. */
function mapsPublicIp(subnet: PolicyResource): boolean | "unknown" {
    const value = get(propsOf(subnet), "mapPublicIpOnLaunch");
    if (isUnknown(value)) return "unknown";
    // A DefaultSubnet adopts AWS's default subnet, which maps public IPs unless the program turns it off.
    return subnet.type === DEFAULT_SUBNET ? value !== false : value === true;
}

/** Where the instance's primary interface comes from, when the instance itself does not decide. */
function launchedElsewhere(props: unknown): boolean {
    const interfaces = asArray(get(props, "networkInterfaces")) ?? [];
    return interfaces.length > 0 || get(props, "primaryNetworkInterface") !== undefined || get(props, "launchTemplate") !== undefined;
}

export const disallowPublicSubnetLaunch = stackRule({
    name: "ec2-instance-disallow-public-subnet-launch",
    category: "exposure",
    description: "EC2 instances must not launch into a subnet that gives them a public IP address.",
    what: "Instances that leave associatePublicIpAddress unset while their subnetId is a Subnet of the stack with mapPublicIpOnLaunch true or a DefaultSubnet (AWS's default subnets map public IPs), or while they have no subnetId at all: AWS then launches them into a default subnet of the default VPC, which gives them a public IP. Instances with associatePublicIpAddress false, an attached network interface or a launch template, and subnets looked up outside the stack (getSubnet), are not judged; associatePublicIpAddress true is ec2-disallow-instance-public-ip's finding.",
    why: "Every default VPC subnet is public (a route to the internet gateway and public IPs on launch), so an instance declared without a subnet is internet-routable the moment a security group allows it; the example programs that omit subnetId do exactly this.",
    fix: "Give the instance a subnetId in a private subnet of your own VPC, or set associatePublicIpAddress: false; set mapPublicIpOnLaunch: false on subnets that hold no internet-facing instances.",
    frameworks: { fsbp: ["EC2.9", "EC2.15"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    awsDefault: "Every account created since 4 December 2013 has a default VPC in each region whose default subnets map public IPv4 addresses on launch; an instance launched without a subnet goes there.",
    validate({ resources }, report) {
        for (const instance of resourcesOfType(resources, INSTANCE)) {
            const props = propsOf(instance);
            if (get(props, "associatePublicIpAddress") !== undefined || launchedElsewhere(props)) continue;
            const subnetId = get(props, "subnetId");
            const hasSubnet = (asString(subnetId) ?? "") !== "" || isUnknown(subnetId) || dependenciesOf(instance, "subnetId").length > 0;
            if (!hasSubnet) {
                report(instance, `Give instance "${instance.name}" a subnetId in a private subnet (or set associatePublicIpAddress: false): with none, AWS launches it into a default subnet of the default VPC, which gives it a public IP.`);
                continue;
            }
            for (const subnet of linksOf(resources, instance, "subnetId", [SUBNET, DEFAULT_SUBNET]).targets) {
                if (mapsPublicIp(subnet) !== true) continue;
                const why = subnet.type === DEFAULT_SUBNET ? "a default subnet, which maps public IPs on launch" : "mapPublicIpOnLaunch is true there";
                report(instance, `Launch instance "${instance.name}" into a private subnet or set associatePublicIpAddress: false: subnet "${subnet.name}" gives it a public IP (${why}).`);
            }
        }
    },
});
