import { quoteList } from "../../lib/iam";
import { stackRule } from "../../lib/rule";
import { cachesOf, cacheSubnets } from "./caches";
import { describe } from "./links";
import { hasUnplacedRoutes, isDefaultRoute, routesOf, routeTablesOfSubnet } from "./network";

export const disallowPublicSubnets = stackRule({
    name: "elasticache-disallow-public-subnets",
    category: "exposure",
    description: "Caches must live in subnets with no route to an internet gateway, never in the default subnet group.",
    what: "For each ReplicationGroup, ServerlessCache and standalone Cluster, the subnets of its subnet group (or its subnetIds) are followed to their route tables; a default route (0.0.0.0/0 or ::/0) to an internet gateway makes the subnet public. A cache with no subnetGroupName (or \"default\") uses the default VPC's public subnets.",
    why: "A cache in a public subnet is one security group rule away from the internet, and Redis is scanned constantly; isolated subnets with no internet route keep a mistake in a security group from becoming a breach.",
    fix: "Create an aws.elasticache.SubnetGroup over isolated (or private) subnets whose route tables have no internet gateway route, and set subnetGroupName.",
    frameworks: { fsbp: ["ElastiCache.7"], soc2: ["CC6.6"], gdpr: ["32(1)(b)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "ElastiCache nodes never get public IP addresses, so a cache in a subnet with an internet gateway route is reachable only through its security group: defence in depth.",
    validate({ resources }, report) {
        const unplacedRoutes = hasUnplacedRoutes(resources);
        for (const cache of cachesOf(resources)) {
            const { subnets, defaultGroup } = cacheSubnets(resources, cache);
            if (defaultGroup) {
                report(cache, `Set subnetGroupName on ${describe(cache)} to a subnet group of isolated subnets: the default group uses the default VPC's public subnets.`);
                continue;
            }
            if (unplacedRoutes) continue;
            const publicSubnets = subnets.filter((subnet) => {
                const lookup = routeTablesOfSubnet(resources, subnet);
                return lookup.tables.flatMap((t) => routesOf(resources, t)).some((r) => isDefaultRoute(r) && r.target === "internet-gateway");
            });
            if (publicSubnets.length > 0) {
                report(cache, `Move ${describe(cache)} out of subnet(s) ${quoteList(publicSubnets.map((s) => s.name))}: their route table sends 0.0.0.0/0 to an internet gateway.`);
            }
        }
    },
});
