import * as aws from "@pulumi/aws";

// An EKS cluster relying on EKS's default envelope encryption (Kubernetes 1.28+).
const role = new aws.iam.Role("eks", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "eks.amazonaws.com" }) });
new aws.iam.RolePolicyAttachment("eks-cluster", { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" });
new aws.eks.Cluster("apps", {
    roleArn: role.arn,
    version: "1.31",
    vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], endpointPublicAccess: false, endpointPrivateAccess: true },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
});
