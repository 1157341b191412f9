import { describeResourcePolicy } from "../rules-support/resourceCases";

const CLUSTER = "aws:eks/cluster:Cluster";
const subnets = ["subnet-a", "subnet-b"];

describeResourcePolicy({
    policy: "eks-cluster-disallow-public-endpoint",
    type: CLUSTER,
    compliant: { roleArn: "arn:role", vpcConfig: { subnetIds: subnets, endpointPrivateAccess: true, endpointPublicAccess: false } },
    alsoCompliant: [{ name: "a public endpoint restricted to the office range", props: { vpcConfig: { subnetIds: subnets, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } } }],
    failures: [
        { name: "the default public endpoint (no vpcConfig flags)", props: () => ({ vpcConfig: { subnetIds: subnets } }), messages: [/^Set vpcConfig\.endpointPublicAccess to false .*: the cluster API is open to 0\.0\.0\.0\/0 \(the default\)\.$/] },
        { name: "publicAccessCidrs listing 0.0.0.0/0", props: () => ({ vpcConfig: { subnetIds: subnets, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } }), messages: [/open to 0\.0\.0\.0\/0\.$/] },
    ],
    unknowable: ["vpcConfig"],
});

describeResourcePolicy({
    policy: "eks-cluster-enable-secrets-encryption",
    type: CLUSTER,
    compliant: { roleArn: "arn:role", encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:123456789012:key/1" } } },
    failures: [
        { name: "no encryptionConfig", props: ({ encryptionConfig, ...p }) => p, messages: [/^Set encryptionConfig to \{ resources: \["secrets"\], provider: \{ keyArn \} \}/] },
        { name: "an encryptionConfig without secrets", props: (p) => ({ ...p, encryptionConfig: { resources: [], provider: { keyArn: "k" } } }), messages: [/^Set encryptionConfig/] },
    ],
    unknowable: ["encryptionConfig"],
});

describeResourcePolicy({
    policy: "eks-cluster-enable-control-plane-logging",
    type: CLUSTER,
    compliant: { roleArn: "arn:role", enabledClusterLogTypes: ["api", "audit", "authenticator", "scheduler"] },
    failures: [
        { name: "no control plane logs (the default)", props: () => ({ roleArn: "arn:role" }), messages: [/^Add "api", "audit", "authenticator" to enabledClusterLogTypes/] },
        { name: "the audit log left out", props: (p) => ({ ...p, enabledClusterLogTypes: ["api", "authenticator"] }), messages: [/^Add "audit" to enabledClusterLogTypes/] },
    ],
    unknowable: ["enabledClusterLogTypes"],
});
