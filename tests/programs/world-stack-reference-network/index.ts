import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.10.0.0/16", enableDnsHostnames: true, tags: { Name: "main" } });

const zones = ["us-west-2a", "us-west-2b"];
const privateSubnets = zones.map(
    (zone, i) => new aws.ec2.Subnet(`private-${i + 1}`, { vpcId: vpc.id, availabilityZone: zone, cidrBlock: `10.10.${i + 1}.0/24`, tags: { Tier: "private" } }),
);

const dbPassword = new random.RandomPassword("db", { length: 32, special: false });

// Read by the app stack: new pulumi.StackReference("acme/network/dev").
export const vpcId = vpc.id;
export const privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
export const dbPassword = dbPassword.result;
