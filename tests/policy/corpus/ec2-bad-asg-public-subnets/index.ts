import * as aws from "@pulumi/aws";

// A common VPC tutorial shape: "public" subnets that hand out addresses, and the workers put there.
const vpc = new aws.ec2.Vpc("app", { cidrBlock: "10.80.0.0/16", enableDnsHostnames: true });
const gateway = new aws.ec2.InternetGateway("app", { vpcId: vpc.id });
const routes = new aws.ec2.RouteTable("app-public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }] });

const subnets = ["a", "b"].map((zone, i) => {
    const subnet = new aws.ec2.Subnet(`app-public-${zone}`, { vpcId: vpc.id, cidrBlock: `10.80.${i}.0/24`, availabilityZone: `us-east-1${zone}`, mapPublicIpOnLaunch: true });
    new aws.ec2.RouteTableAssociation(`app-public-${zone}`, { subnetId: subnet.id, routeTableId: routes.id });
    return subnet;
});

const group = new aws.ec2.SecurityGroup("workers", {
    vpcId: vpc.id,
    description: "queue workers, egress only",
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});

const template = new aws.ec2.LaunchTemplate("workers", {
    imageId: "ami-0c7217cdde317cfec",
    instanceType: "t3.micro",
    vpcSecurityGroupIds: [group.id],
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true" } }],
});

new aws.autoscaling.Group("workers", {
    vpcZoneIdentifiers: subnets.map((subnet) => subnet.id),
    minSize: 1,
    maxSize: 4,
    launchTemplate: { id: template.id, version: "$Latest" },
});
