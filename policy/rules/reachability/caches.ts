/** The caches of a stack and what surrounds them: their security groups and their subnets. */
import type { PolicyResource } from "@pulumi/policy";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, get } from "../../lib/values";
import { Link, linksOf } from "./links";
import { T } from "./network";

export const CACHE_TYPES = [
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/serverlessCache:ServerlessCache",
    "aws:elasticache/cluster:Cluster",
];
export const SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";

/** Caches that own their network settings (a Cluster inside a replication group inherits the group's). */
export function cachesOf(resources: PolicyResource[]): PolicyResource[] {
    return resourcesOfType(resources, ...CACHE_TYPES).filter((c) => !(c.type.endsWith(":Cluster") && get(propsOf(c), "replicationGroupId") !== undefined));
}

export function cacheSecurityGroups(resources: PolicyResource[], cache: PolicyResource): Link {
    return linksOf(resources, cache, "securityGroupIds", [T.securityGroup]);
}

/** The subnets a cache's nodes live in: a serverless cache names them, the others go through a subnet group. */
export function cacheSubnets(resources: PolicyResource[], cache: PolicyResource): { subnets: PolicyResource[]; defaultGroup: boolean } {
    if (cache.type.endsWith(":ServerlessCache")) return { subnets: linksOf(resources, cache, "subnetIds", [T.subnet]).targets, defaultGroup: false };
    const name = get(propsOf(cache), "subnetGroupName");
    if (name === undefined || asString(name) === "default") return { subnets: [], defaultGroup: true };
    const groups = linksOf(resources, cache, "subnetGroupName", [SUBNET_GROUP]).targets;
    return { subnets: groups.flatMap((g) => linksOf(resources, g, "subnetIds", [T.subnet]).targets), defaultGroup: false };
}
