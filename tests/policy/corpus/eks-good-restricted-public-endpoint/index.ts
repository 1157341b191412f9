import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("k8s", { cidrBlock: "10.130.0.0/16" });
const subnets = ["a", "b"].map((zone, i) => new aws.ec2.Subnet(`k8s-private-${zone}`, { vpcId: vpc.id, cidrBlock: `10.130.${i + 1}.0/24`, availabilityZone: `us-east-1${zone}` }));

const role = new aws.iam.Role("k8s-cluster", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "eks.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("k8s-cluster-policy", { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonEKSClusterPolicy });

const key = new aws.kms.Key("k8s-secrets", { enableKeyRotation: true, description: "EKS secrets envelope key" });

const cluster = new aws.eks.Cluster("k8s", {
    roleArn: role.arn,
    version: "1.31",
    vpcConfig: {
        subnetIds: subnets.map((s) => s.id),
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: ["203.0.113.0/24"],
    },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    accessConfig: { authenticationMode: "API" },
});

export const clusterName = cluster.name;
