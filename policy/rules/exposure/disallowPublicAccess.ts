import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const disallowPublicAccess = resourceRule({
    name: "rds-disallow-public-access",
    category: "exposure",
    description: "RDS databases must not be publicly accessible.",
    what: "RDS Instances and Aurora ClusterInstances with publiclyAccessible: true.",
    why: "A publicly accessible database gets an internet-resolvable endpoint; one permissive security group rule or leaked password later, the data is reachable by anyone, and database ports are scanned constantly.",
    fix: "Set publiclyAccessible: false, place the database in private subnets, and reach it from inside the VPC (or through a bastion or Session Manager port forwarding).",
    frameworks: { cis: ["2.3.3"], fsbp: ["RDS.2"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
    validate(resource, report) {
        if (get(resource.props, "publiclyAccessible") === true) {
            report("Set publiclyAccessible to false and keep the database in private subnets: a public endpoint is one security group rule away from the internet.");
        }
    },
});
