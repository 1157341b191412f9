/**
 * Looks fine, deploys badly: a VPC function whose role lacks the network-interface permissions (AWS
 * rejects it), with an internet upstream and no NAT (the seeds' failure: every call times out), a
 * cache it cannot reach, and a replication group with Multi-AZ but one node.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
const subnets = ["10.0.1.0/24", "10.0.2.0/24"].map((cidrBlock, i) => new aws.ec2.Subnet(`private-${i}`, { vpcId: vpc.id, cidrBlock }));
const functionSg = new aws.ec2.SecurityGroup("fn-sg", { vpcId: vpc.id, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
const cacheSg = new aws.ec2.SecurityGroup("cache-sg", { vpcId: vpc.id });

const cacheSubnets = new aws.elasticache.SubnetGroup("cache-subnets", { subnetIds: subnets.map((s) => s.id) });
const cache = new aws.elasticache.ReplicationGroup("cache", {
    description: "cache",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 1,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    transitEncryptionEnabled: true,
    subnetGroupName: cacheSubnets.name,
    securityGroupIds: [cacheSg.id],
});

const role = new aws.iam.Role("fn-role", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
});
new aws.lambda.Function("api", {
    role: role.arn,
    runtime: "nodejs20.x",
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });") }),
    vpcConfig: { subnetIds: subnets.map((s) => s.id), securityGroupIds: [functionSg.id] },
    environment: { variables: { UPSTREAM_URL: "https://api.example.com", REDIS_HOST: cache.primaryEndpointAddress } },
});
