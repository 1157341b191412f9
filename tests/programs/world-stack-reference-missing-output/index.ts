import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const cluster = new pulumi.StackReference(`acme/eks-cluster/${pulumi.getStack()}`);
const clusterName = cluster.requireOutput("clusterName");
const oidcProviderArn = cluster.requireOutput("oidcProviderArn");

new aws.iam.Role("external-dns", {
    assumeRolePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Federated: oidcProviderArn }, Action: "sts:AssumeRoleWithWebIdentity" }],
    }),
    tags: { cluster: clusterName },
});
