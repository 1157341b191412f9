import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

const vpc = new aws.ec2.Vpc("cache", { cidrBlock: "10.120.0.0/16" });
const subnets = ["a", "b"].map((zone, i) => new aws.ec2.Subnet(`cache-${zone}`, { vpcId: vpc.id, cidrBlock: `10.120.${i + 1}.0/24`, availabilityZone: `us-east-1${zone}` }));
const subnetGroup = new aws.elasticache.SubnetGroup("cache", { subnetIds: subnets.map((s) => s.id) });

const clients = new aws.ec2.SecurityGroup("cache-clients", { vpcId: vpc.id, description: "cache clients" });
const cacheGroup = new aws.ec2.SecurityGroup("cache", { vpcId: vpc.id, description: "redis" });
new aws.vpc.SecurityGroupIngressRule("cache-from-clients", {
    securityGroupId: cacheGroup.id,
    referencedSecurityGroupId: clients.id,
    ipProtocol: "tcp",
    fromPort: 6379,
    toPort: 6379,
});

// The workers that use the cache.
new aws.ec2.LaunchTemplate("workers", {
    imageId: "ami-0c7217cdde317cfec",
    instanceType: "t3.small",
    vpcSecurityGroupIds: [clients.id],
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
});

const key = new aws.kms.Key("cache", { enableKeyRotation: true });
const token = new random.RandomPassword("cache-auth", { length: 32, special: false });

const cache = new aws.elasticache.ReplicationGroup("sessions", {
    description: "session cache",
    engine: "redis",
    engineVersion: "7.1",
    nodeType: "cache.t4g.small",
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    port: 6379,
    subnetGroupName: subnetGroup.name,
    securityGroupIds: [cacheGroup.id],
    atRestEncryptionEnabled: true,
    kmsKeyId: key.arn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    authToken: token.result,
    snapshotRetentionLimit: 3,
});

export const endpoint = cache.primaryEndpointAddress;
