/**
 * The same NAT instance and queue, written the way the provider accepts them: the source/destination
 * check lives on the network interface only, and the instance ignores the value it reads back from
 * it (otherwise the second `pulumi up` turns the check back on); the queue uses its KMS key alone.
 */
import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
const publicSubnet = new aws.ec2.Subnet("public", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a" });
const privateSubnet = new aws.ec2.Subnet("private", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a" });

const publicRt = new aws.ec2.RouteTable("public-rt", { vpcId: vpc.id });
new aws.ec2.Route("public-default", { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
new aws.ec2.RouteTableAssociation("public-assoc", { subnetId: publicSubnet.id, routeTableId: publicRt.id });

const natSg = new aws.ec2.SecurityGroup("nat-sg", {
    vpcId: vpc.id,
    ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.1.0/24"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});
const natEni = new aws.ec2.NetworkInterface("nat-eni", { subnetId: publicSubnet.id, securityGroups: [natSg.id], sourceDestCheck: false });
new aws.ec2.Eip("nat-eip", { domain: "vpc", networkInterface: natEni.id });

const ami = aws.ec2.getAmiOutput({
    mostRecent: true,
    owners: ["568608671756"],
    filters: [{ name: "name", values: ["fck-nat-al2023-*-arm64-ebs"] }],
});
new aws.ec2.Instance("nat", {
    ami: ami.id,
    instanceType: "t4g.nano",
    primaryNetworkInterface: { networkInterfaceId: natEni.id },
    metadataOptions: { httpTokens: "required" },
    rootBlockDevice: { encrypted: true },
    tags: { Name: "nat" },
}, { ignoreChanges: ["sourceDestCheck"] });

const privateRt = new aws.ec2.RouteTable("private-rt", { vpcId: vpc.id });
new aws.ec2.Route("private-default", { routeTableId: privateRt.id, destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: natEni.id });
new aws.ec2.RouteTableAssociation("private-assoc", { subnetId: privateSubnet.id, routeTableId: privateRt.id });

const queueKey = new aws.kms.Key("jobs-key", { enableKeyRotation: true, deletionWindowInDays: 7 });
const jobs = new aws.sqs.Queue("jobs", { kmsMasterKeyId: queueKey.arn, messageRetentionSeconds: 86400 });
new aws.sqs.QueuePolicy("jobs-tls-only", {
    queueUrl: jobs.url,
    policy: jobs.arn.apply((arn) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: arn, Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    })),
});
