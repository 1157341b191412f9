import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("web", { cidrBlock: "10.70.0.0/16", enableDnsHostnames: true });
const igw = new aws.ec2.InternetGateway("web-igw", { vpcId: vpc.id });

const subnet = new aws.ec2.Subnet("web-a", {
    vpcId: vpc.id,
    cidrBlock: "10.70.1.0/24",
    availabilityZone: "us-east-1a",
    mapPublicIpOnLaunch: true,
});

const routes = new aws.ec2.RouteTable("web-public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
new aws.ec2.RouteTableAssociation("web-a", { subnetId: subnet.id, routeTableId: routes.id });

export const subnetId = subnet.id;
