/**
 * Following references between resources in a stack policy. A property names another resource either
 * through `propertyDependencies` (known even in a preview, when ids and ARNs are not) or through a
 * literal id, ARN or name (a resource declared elsewhere, or one this stack matches by value). Rules ask
 * "which resources of these types does this property point at", and learn when the answer is not
 * knowable yet, so that they skip rather than guess.
 */
import type { PolicyResource } from "@pulumi/policy";
import { dependenciesOf, propsOf } from "../../lib/stack";
import { asString, get, isUnknown, raw } from "../../lib/values";

export interface Link {
    /** Resources of the wanted types the property points at. */
    targets: PolicyResource[];
    /** Known strings in the property that match no resource of the stack (declared elsewhere). */
    external: string[];
    /** Part of the value is unknown and no dependency explains it: the answer may be incomplete. */
    unresolved: boolean;
}

/** The known strings inside a value (deeply), and whether any part of it is unknown. */
export function stringsIn(value: unknown): { strings: string[]; unknown: boolean } {
    const strings: string[] = [];
    let unknown = false;
    const visit = (item: unknown) => {
        const plain = raw(item);
        if (isUnknown(plain)) unknown = true;
        else if (typeof plain === "string") strings.push(plain);
        else if (Array.isArray(plain)) plain.forEach(visit);
        else if (typeof plain === "object" && plain !== null) Object.values(plain).forEach(visit);
    };
    visit(value);
    return { strings, unknown };
}

// A VPC also answers to its main route table's id: routes aimed there belong to the table AWS made with it.
const IDENTIFYING_PROPERTIES = ["id", "arn", "name", "bucket", "url", "functionName", "replicationGroupId", "mainRouteTableId"];

/** The known ids, ARNs and names a resource can be referred to by. */
export function identifiersOf(resource: PolicyResource): string[] {
    const props = propsOf(resource);
    return IDENTIFYING_PROPERTIES.map((key) => asString(get(props, key))).filter((v): v is string => v !== undefined && v !== "");
}

/**
 * The resources of `types` that `from`'s top-level `property` points at. `path` narrows the value read
 * for literal matching (e.g. ["vpcConfig", "subnetIds"]); dependencies are per top-level property.
 */
export function linksOf(resources: PolicyResource[], from: PolicyResource, property: string, types: string[], path: (string | number)[] = [property]): Link {
    const targets = new Map<string, PolicyResource>();
    for (const dependency of dependenciesOf(from, property)) {
        if (types.includes(dependency.type)) targets.set(dependency.urn, dependency);
    }
    const { strings, unknown } = stringsIn(get(propsOf(from), ...path));
    const candidates = resources.filter((r) => types.includes(r.type));
    const external: string[] = [];
    for (const value of strings) {
        const matches = candidates.filter((c) => identifiersOf(c).includes(value));
        matches.forEach((m) => targets.set(m.urn, m));
        if (matches.length === 0) external.push(value);
    }
    return { targets: [...targets.values()], external, unresolved: unknown && targets.size === 0 };
}

/** Resources of `types` whose `property` points at `target`. */
export function referrersOf(resources: PolicyResource[], target: PolicyResource, types: string[], property: string, path?: (string | number)[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type) && linksOf(resources, r, property, [target.type], path).targets.some((t) => t.urn === target.urn));
}

/** `aws:ec2/vpc:Vpc` -> `Vpc`, for messages. */
export function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

/** How messages name a resource: `Bucket "assets"`. */
export function describe(resource: PolicyResource): string {
    return `${shortType(resource.type)} "${resource.name}"`;
}
