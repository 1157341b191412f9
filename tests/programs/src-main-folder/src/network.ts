import * as aws from "@pulumi/aws";

export function privateSubnets(vpcId: aws.ec2.Vpc["id"], cidrs: string[]) {
    const zones = aws.getAvailabilityZonesOutput({ state: "available" });
    return cidrs.map((cidrBlock, i) => new aws.ec2.Subnet(`private-${i}`, {
        vpcId,
        cidrBlock,
        availabilityZone: zones.names[i],
    }));
}
