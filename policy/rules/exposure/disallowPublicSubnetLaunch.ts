import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { dependenciesOf, propsOf, resourcesOfType } from "../../lib/stack";
import { asArray, asString, get, isUnknown } from "../../lib/values";
import { linksOf } from "../reachability/links";

const INSTANCE = "aws:ec2/instance:Instance";
const SUBNET = "aws:ec2/subnet:Subnet";
const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
const GROUP = "aws:autoscaling/group:Group";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

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

/** A template whose network interfaces are not known yet. */
const UNKNOWN_SETTING = Symbol("unknown setting");

/**
 * What an Auto Scaling group's launch template or configuration says about public IPs: "subnet" when
 * it leaves them to the subnet, "decided" when it sets them (false, or true: ec2-disallow-launch-public-ip's
 * finding), "unknown" when the template is not a resource of the stack or not known yet.
 */
function groupAddressing(resources: PolicyResource[], group: PolicyResource): "subnet" | "decided" | "unknown" {
    const templates = [
        ...linksOf(resources, group, "launchTemplate", [LAUNCH_TEMPLATE]).targets,
        ...linksOf(resources, group, "mixedInstancesPolicy", [LAUNCH_TEMPLATE]).targets,
    ];
    const configurations = linksOf(resources, group, "launchConfiguration", [LAUNCH_CONFIGURATION]).targets;
    if (templates.length + configurations.length === 0) return "unknown";
    const settings = [
        ...templates.map((template) => {
            const interfaces = get(propsOf(template), "networkInterfaces");
            if (isUnknown(interfaces)) return UNKNOWN_SETTING;
            return (asArray(interfaces) ?? []).map((i) => get(i, "associatePublicIpAddress")).find((value) => value !== undefined);
        }),
        ...configurations.map((configuration) => get(propsOf(configuration), "associatePublicIpAddress")),
    ];
    if (settings.some((value) => value === UNKNOWN_SETTING || isUnknown(value))) return "unknown";
    return settings.every((value) => value === undefined) ? "subnet" : "decided";
}

export const disallowPublicSubnetLaunch = stackRule({
    name: "ec2-instance-disallow-public-subnet-launch",
    category: "exposure",
    description: "EC2 instances must not launch into a subnet that gives them a public IP address.",
    what: "Instances (and Auto Scaling groups whose launch template or configuration of the stack leaves the address to the subnet) that leave associatePublicIpAddress unset while their subnetId is a Subnet of the stack with mapPublicIpOnLaunch true or a DefaultSubnet (AWS's default subnets map public IPs), or while they have no subnetId (groups: no vpcZoneIdentifiers) at all: AWS then launches them into a default subnet of the default VPC, which gives them a public IP. Instances with associatePublicIpAddress false, an attached network interface or a launch template, and subnets looked up outside the stack (getSubnet), are not judged; associatePublicIpAddress true is ec2-disallow-instance-public-ip's finding.",
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
        for (const group of resourcesOfType(resources, GROUP)) {
            if (groupAddressing(resources, group) !== "subnet") continue;
            const zones = get(propsOf(group), "vpcZoneIdentifiers");
            if (isUnknown(zones)) continue;
            const hasSubnets = (asArray(zones) ?? []).length > 0 || dependenciesOf(group, "vpcZoneIdentifiers").length > 0;
            if (!hasSubnets) {
                report(group, `Give Auto Scaling group "${group.name}" vpcZoneIdentifiers in private subnets (or set associatePublicIpAddress to false in its launch template): with none, its instances launch into the default VPC's public subnets.`);
                continue;
            }
            const publicSubnets = linksOf(resources, group, "vpcZoneIdentifiers", [SUBNET, DEFAULT_SUBNET]).targets.filter((subnet) => mapsPublicIp(subnet) === true);
            if (publicSubnets.length > 0) {
                report(group, `Launch Auto Scaling group "${group.name}" into private subnets, or set associatePublicIpAddress to false in its launch template: ${publicSubnets.map((s) => `"${s.name}"`).join(", ")} give its instances public IPs.`);
            }
        }
    },
});
