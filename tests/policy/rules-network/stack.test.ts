import * as aws from "@pulumi/aws";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

/** A VPC with its default group adopted and emptied, and an interface endpoint whose group admits 443 from the app. */
function network() {
    const vpc = new aws.ec2.Vpc("net", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
    new aws.ec2.DefaultSecurityGroup("net-default", { vpcId: vpc.id });
    const subnet = new aws.ec2.Subnet("net-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const app = new aws.ec2.SecurityGroup("net-app", { vpcId: vpc.id, description: "app" });
    const endpoints = new aws.ec2.SecurityGroup("net-endpoints", { vpcId: vpc.id, description: "endpoints" });
    new aws.vpc.SecurityGroupIngressRule("net-endpoints-https", { securityGroupId: endpoints.id, referencedSecurityGroupId: app.id, ipProtocol: "tcp", fromPort: 443, toPort: 443 });
    new aws.ec2.VpcEndpoint("net-secrets", {
        vpcId: vpc.id,
        serviceName: "com.amazonaws.eu-west-1.secretsmanager",
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [subnet.id],
        securityGroupIds: [endpoints.id],
    });
    new aws.ec2.VpcEndpoint("net-s3", { vpcId: vpc.id, serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway" });
}

describeStackPolicyOnFixture("ec2-vpc-configure-default-security-group", network, "the VPC's default group is adopted", [
    {
        name: "the default group left to AWS",
        change: (v) => v.remove("net-default"),
        messages: [/^Add an aws\.ec2\.DefaultSecurityGroup with vpcId set to VPC "net" and no rules: its default group still admits all traffic between its members\.$/],
        on: "net",
    },
    { name: "preview: the join holds through propertyDependencies", change: (v) => v.remove("net-default"), messages: [/VPC "net"/], preview: true },
], [
    { name: "preview: a default group whose VPC is not known yet might be this one's", change: (v) => v.edit("net-default", (p) => (p.vpcId = UNKNOWN)).dependOn("net-default", "vpcId"), preview: true },
]);

describeStackPolicyOnFixture("ec2-vpc-endpoint-require-https-ingress", network, "the endpoint's group admits 443 from the app", [
    {
        name: "the endpoint group admits nothing",
        change: (v) => v.remove("net-endpoints-https"),
        messages: [/^Admit tcp 443 from the callers in a security group of endpoint "net-secrets" \(com\.amazonaws\.eu-west-1\.secretsmanager\): none of "net-endpoints" does/],
        on: "net-secrets",
    },
    {
        name: "the group admits only another port",
        change: (v) => v.edit("net-endpoints-https", (p) => ((p.fromPort = 80), (p.toPort = 80))),
        messages: [/none of "net-endpoints" does/],
    },
    {
        name: "no security group: AWS attaches the default group",
        change: (v) => v.edit("net-secrets", (p) => delete p.securityGroupIds).dependOn("net-secrets", "securityGroupIds"),
        messages: [/^Give endpoint "net-secrets" \(com\.amazonaws\.eu-west-1\.secretsmanager\) a security group that admits tcp 443/],
    },
    { name: "preview: judged through propertyDependencies", change: (v) => v.remove("net-endpoints-https"), messages: [/none of "net-endpoints" does/], preview: true },
], [
    { name: "inline all-traffic ingress from the VPC", change: (v) => v.remove("net-endpoints-https").edit("net-endpoints", (p) => (p.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }])) },
    { name: "a group declared outside the stack is not judged", change: (v) => v.edit("net-secrets", (p) => (p.securityGroupIds = ["sg-0123456789abcdef0"])).dependOn("net-secrets", "securityGroupIds") },
    { name: "preview: an ingress rule whose group is not known yet might be the one", change: (v) => v.edit("net-endpoints-https", (p) => ((p.fromPort = 80), (p.securityGroupId = UNKNOWN))).dependOn("net-endpoints-https", "securityGroupId"), preview: true },
]);
