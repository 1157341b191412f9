/**
 * Following references between resources in a stack policy. A property names another resource either
 * through `propertyDependencies` (known even in a preview, when ids and ARNs are not) or through a
 * literal id, ARN or name (a resource declared elsewhere, or one this stack matches by value). Rules ask
 * "which resources of these types does this property point at", and learn when the answer is not
 * knowable yet, so that they skip rather than guess.
 */
import type { PolicyResource } from "@pulumi/policy";
import { dependenciesOf, inStackOrder, memoized, propsOf, resourcesOfType } from "../../lib/stack";
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
export const IDENTIFYING_PROPERTIES = ["id", "arn", "name", "bucket", "url", "functionName", "replicationGroupId", "mainRouteTableId"];

/** The known ids, ARNs and names a resource can be referred to by. */
export function identifiersOf(resource: PolicyResource): string[] {
    const props = propsOf(resource);
    return IDENTIFYING_PROPERTIES.map((key) => asString(get(props, key))).filter((v): v is string => v !== undefined && v !== "");
}

/** Identifier -> the resources of `type` known by it, in stack order; built once per stack. */
function identifierIndex(resources: PolicyResource[], type: string): Map<string, PolicyResource[]> {
    return memoized(resources, `identifiers ${type}`, () => {
        const index = new Map<string, PolicyResource[]>();
        for (const resource of resourcesOfType(resources, type)) {
            for (const id of new Set(identifiersOf(resource))) {
                const known = index.get(id);
                if (known) known.push(resource);
                else index.set(id, [resource]);
            }
        }
        return index;
    });
}

/** The resources of `types` that answer to `value`, in stack order. */
function resourcesNamed(resources: PolicyResource[], types: string[], value: string): PolicyResource[] {
    const distinct = [...new Set(types)];
    if (distinct.length === 1) return identifierIndex(resources, distinct[0]).get(value) ?? [];
    return inStackOrder(resources, distinct.flatMap((type) => identifierIndex(resources, type).get(value) ?? []));
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
    const external: string[] = [];
    for (const value of strings) {
        const matches = resourcesNamed(resources, types, value);
        matches.forEach((m) => targets.set(m.urn, m));
        if (matches.length === 0) external.push(value);
    }
    return { targets: [...targets.values()], external, unresolved: unknown && targets.size === 0 };
}

/** Every link of one kind in the stack, and the same links read backwards. */
export interface LinksFrom {
    /** Each resource of the source types -> its link, in stack order. */
    links: Map<PolicyResource, Link>;
    /** Target URN -> the resources whose link reaches it, in stack order. */
    referrers: Map<string, PolicyResource[]>;
    /** Some resource's link is unresolved: it might point at any resource of the target types. */
    unresolved: boolean;
}

/**
 * `linksOf(resources, r, property, targetTypes, path)` for every resource `r` of `types`, computed once
 * per stack, so "who points at X" is a lookup rather than a scan of the stack for each X. Read-only.
 */
export function linksFrom(resources: PolicyResource[], types: string[], property: string, targetTypes: string[], path: (string | number)[] = [property]): LinksFrom {
    return memoized(resources, `links ${JSON.stringify([types, property, targetTypes, path])}`, () => {
        const result: LinksFrom = { links: new Map(), referrers: new Map(), unresolved: false };
        for (const from of resourcesOfType(resources, ...types)) {
            const link = linksOf(resources, from, property, targetTypes, path);
            result.links.set(from, link);
            result.unresolved ||= link.unresolved;
            for (const target of link.targets) {
                const referrers = result.referrers.get(target.urn);
                if (referrers) referrers.push(from);
                else result.referrers.set(target.urn, [from]);
            }
        }
        return result;
    });
}

/** Resources of `types` whose `property` points at `target`. */
export function referrersOf(resources: PolicyResource[], target: PolicyResource, types: string[], property: string, path?: (string | number)[]): PolicyResource[] {
    return [...(linksFrom(resources, types, property, [target.type], path).referrers.get(target.urn) ?? [])];
}

/** Resources of `types` whose `property` (read as links to `targetTypes`) points at one of `targets`, in stack order. */
export function referrersOfAny(resources: PolicyResource[], targets: PolicyResource[], types: string[], property: string, targetTypes: string[], path?: (string | number)[]): PolicyResource[] {
    const index = linksFrom(resources, types, property, targetTypes, path);
    const found = new Set(targets.flatMap((t) => index.referrers.get(t.urn) ?? []));
    // Matched by URN above; kept only when the very objects match, as a scan comparing them would.
    return inStackOrder(resources, [...found]).filter((r) => index.links.get(r)!.targets.some((t) => targets.includes(t)));
}

/** `aws:ec2/vpc:Vpc` -> `Vpc`, for messages. */
export function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

/** How messages name a resource: `Bucket "assets"`. */
export function describe(resource: PolicyResource): string {
    return `${shortType(resource.type)} "${resource.name}"`;
}
