import { resourceRule } from "../../lib/rule";
import { asStringList, get, UNKNOWN } from "../../lib/values";

const NEEDED = ["api", "audit", "authenticator"];

export const enableControlPlaneLogging = resourceRule({
    name: "eks-cluster-enable-control-plane-logging",
    category: "logging",
    description: "EKS clusters should send API, audit and authenticator logs to CloudWatch.",
    what: `Clusters whose enabledClusterLogTypes lack any of ${NEEDED.join(", ")} (none are enabled by default).`,
    why: "The audit log is the only record of who read secrets, exec'd into pods or changed RBAC; the authenticator log ties Kubernetes users to IAM principals. Without them a cluster compromise cannot be investigated.",
    fix: 'Set enabledClusterLogTypes: ["api", "audit", "authenticator"] (add "controllerManager" and "scheduler" when debugging), with retention on the /aws/eks/<name>/cluster log group.',
    frameworks: { cis: ["2.1.1"], fsbp: ["EKS.8"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    types: ["aws:eks/cluster:Cluster"],
    validate(resource, report) {
        const enabled = asStringList(get(resource.props, "enabledClusterLogTypes"));
        if (enabled === UNKNOWN) return;
        const missing = NEEDED.filter((type) => !(enabled ?? []).includes(type));
        if (missing.length > 0) report(`Add ${missing.map((m) => `"${m}"`).join(", ")} to enabledClusterLogTypes so the control plane's calls are recorded.`);
    },
});
