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

const userData = `#!/bin/bash
set -euo pipefail
dnf install -y docker
systemctl enable --now docker
export DB_PASSWORD='Pr0d-Passw0rd!'
docker run -d -e DB_PASSWORD="\$DB_PASSWORD" -p 8080:8080 ghcr.io/example/app:1.4.2
`;

new aws.ec2.Instance("app", {
    ami: "ami-0c7217cdde317cfec",
    instanceType: "t3.small",
    subnetId: subnet.id,
    vpcSecurityGroupIds: [group.id],
    iamInstanceProfile: profile.name,
    associatePublicIpAddress: false,
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
    rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 20 },
    userData,
});
