import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const disallowClusterPublicAccess = resourceRule({
    name: "redshift-disallow-cluster-public-access",
    category: "exposure",
    description: "Redshift clusters and serverless workgroups must not be publicly accessible.",
    what: "Redshift Clusters and Redshift Serverless Workgroups with publiclyAccessible: true. Unset is private: Redshift made PubliclyAccessible default to false for clusters created after 10 January 2025 (@pulumi/aws 7.48 documents \"Default is false\").",
    why: "A public cluster gets an internet-resolvable endpoint and, in a subnet with an internet gateway, a public IP; the database port is then one security group rule away from the internet, where Redshift endpoints are scanned and brute-forced.",
    fix: "Remove publiclyAccessible (or set it to false), put the cluster in private subnets through its clusterSubnetGroupName, and reach it through a VPN, a bastion or Redshift's Data API.",
    frameworks: { fsbp: ["Redshift.1"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    awsDefault: "Redshift creates new provisioned clusters with PubliclyAccessible false unless asked (announced 18 November 2024, for clusters created after 10 January 2025); @pulumi/aws 7.48 defaults it to false too.",
    types: ["aws:redshift/cluster:Cluster", "aws:redshiftserverless/workgroup:Workgroup"],
    validate(resource, report) {
        if (get(resource.props, "publiclyAccessible") === true) {
            const kind = resource.type === "aws:redshift/cluster:Cluster" ? "cluster" : "workgroup";
            report(`Set publiclyAccessible to false and reach the ${kind} from inside the VPC: a public endpoint puts the database one security group rule from the internet.`);
        }
    },
});
