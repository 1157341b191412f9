import { isAnyAddress } from "../../lib/cidr";
import { resourceRule } from "../../lib/rule";
import { asStringList, get, isUnknown, UNKNOWN } from "../../lib/values";

export const disallowPublicEndpoint = resourceRule({
    name: "eks-cluster-disallow-public-endpoint",
    category: "exposure",
    description: "EKS cluster API endpoints must not be open to the whole internet.",
    what: "Clusters whose vpcConfig.endpointPublicAccess is true or left out (the default is a public endpoint) while publicAccessCidrs is left out (EKS then allows 0.0.0.0/0) or contains 0.0.0.0/0 or ::/0.",
    why: "The Kubernetes API is the cluster's control plane: open to the internet, any leaked kubeconfig token, IAM credential or API server vulnerability is exploitable from anywhere.",
    fix: "Set vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false } and reach the API from inside the VPC (or a VPN), or at least restrict publicAccessCidrs to your office or CI ranges.",
    frameworks: { cis: ["5.4.2"], fsbp: ["EKS.1"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:eks/cluster:Cluster"],
    validate(resource, report) {
        const publicAccess = get(resource.props, "vpcConfig", "endpointPublicAccess");
        if (publicAccess === false || isUnknown(publicAccess)) return;
        const cidrs = asStringList(get(resource.props, "vpcConfig", "publicAccessCidrs"));
        if (cidrs === UNKNOWN) return;
        const open = cidrs === undefined || cidrs.length === 0 ? ["0.0.0.0/0 (the default)"] : cidrs.filter(isAnyAddress);
        if (open.length > 0) report(`Set vpcConfig.endpointPublicAccess to false (with endpointPrivateAccess true), or restrict publicAccessCidrs: the cluster API is open to ${open.join(", ")}.`);
    },
});
