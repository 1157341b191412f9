import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableInstanceMultiAz = resourceRule({
    name: "rds-enable-instance-multi-az",
    category: "resilience",
    description: "RDS instances should keep a standby in a second availability zone.",
    what: "RDS Instances (read replicas excepted) without multiAz: true. Set `requireMultiAz: false` in the policy config of stacks that accept a single instance (dev). Aurora clusters get their redundancy from ClusterInstances and are not judged here.",
    why: "A single-AZ instance is down for every AZ outage, host failure and most maintenance; with a standby, RDS fails over in a minute or two without losing committed data.",
    fix: "Set multiAz: true (the subnet group must span two AZs).",
    frameworks: { fsbp: ["RDS.5"], soc2: ["A1.2"], gdpr: ["32(1)(b)", "32(1)(c)"] },
    config: {
        requireMultiAz: { type: "boolean", default: true, description: "Whether this stack's databases need a standby; pass false for dev." },
    },
    types: ["aws:rds/instance:Instance"],
    validate(resource, report) {
        if (resource.config.requireMultiAz === false || get(resource.props, "replicateSourceDb") !== undefined) return;
        const value = get(resource.props, "multiAz");
        if (value !== true && !isUnknown(value)) report("Set multiAz to true so the database fails over to a standby in another AZ.");
    },
});
