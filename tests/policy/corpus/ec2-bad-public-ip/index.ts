import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("batch", { cidrBlock: "10.90.0.0/16" });
const subnet = new aws.ec2.Subnet("batch-private-a", { vpcId: vpc.id, cidrBlock: "10.90.1.0/24", availabilityZone: "us-east-1a" });
const group = new aws.ec2.SecurityGroup("batch-worker", {
    vpcId: vpc.id,
    description: "batch worker, egress only",
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});

const role = new aws.iam.Role("batch-worker", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ec2.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("batch-worker-ssm", { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore });
const profile = new aws.iam.InstanceProfile("batch-worker", { role: role.name });

const instance = new aws.ec2.Instance("batch-worker", {
    ami: "ami-0c7217cdde317cfec",
    instanceType: "t3.micro",
    subnetId: subnet.id,
    vpcSecurityGroupIds: [group.id],
    iamInstanceProfile: profile.name,
    associatePublicIpAddress: true,
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
    rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 20 },
});

export const instanceId = instance.id;
