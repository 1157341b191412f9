import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("app", { cidrBlock: "10.40.0.0/16" });
const subnet = new aws.ec2.Subnet("app-private-a", { vpcId: vpc.id, cidrBlock: "10.40.1.0/24", availabilityZone: "us-east-1a" });
const group = new aws.ec2.SecurityGroup("app", {
    vpcId: vpc.id,
    description: "app servers, egress only",
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});
const role = new aws.iam.Role("app", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ec2.amazonaws.com" }) });
new aws.iam.RolePolicyAttachment("app-ssm", { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore });
const profile = new aws.iam.InstanceProfile("app", { role: role.name });

const template = new aws.ec2.LaunchTemplate("web", {
    imageId: "ami-0c7217cdde317cfec",
    instanceType: "t3.micro",
    iamInstanceProfile: { name: profile.name },
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
    networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true", securityGroups: [group.id] }],
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true" } }],
    userData: Buffer.from("#!/bin/bash\ndnf install -y nginx\nsystemctl enable --now nginx\n").toString("base64"),
});

new aws.autoscaling.Group("web", {
    vpcZoneIdentifiers: [subnet.id],
    minSize: 1,
    maxSize: 3,
    launchTemplate: { id: template.id, version: "$Latest" },
});
