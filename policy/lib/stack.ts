/**
 * Finding resources in a stack policy: by URN, by type, and through `propertyDependencies` (which
 * resources an input was computed from), the only link between resources that survives a preview,
 * where ids and ARNs are still unknown.
 */
import type { PolicyResource } from "@pulumi/policy";
import { raw } from "./values";

interface StackIndex {
    /** The array's length when indexed: a longer or shorter array is indexed again. */
    length: number;
    position: Map<PolicyResource, number>;
    byType: Map<string, PolicyResource[]>;
    /** Derived lookups (identifiers, reverse links) built on first use; see `memoized`. */
    memo: Map<string, unknown>;
}

/**
 * CrossGuard hands every validateStack call an array of its own, so an index kept per array is built
 * once per evaluation of a policy and can never describe another stack. Without it, a rule that looks
 * something up for each resource scans the whole stack each time and grows quadratically.
 */
const indexes = new WeakMap<PolicyResource[], StackIndex>();

function stackIndex(resources: PolicyResource[]): StackIndex {
    const existing = indexes.get(resources);
    if (existing && existing.length === resources.length) return existing;
    const index: StackIndex = { length: resources.length, position: new Map(), byType: new Map(), memo: new Map() };
    resources.forEach((resource, i) => {
        index.position.set(resource, i);
        const list = index.byType.get(resource.type);
        if (list) list.push(resource);
        else index.byType.set(resource.type, [resource]);
    });
    indexes.set(resources, index);
    return index;
}

/**
 * A value derived from the whole stack, computed once per `resources` array. `key` must name
 * everything the value depends on besides the stack; callers must not mutate what they get back.
 */
export function memoized<T>(resources: PolicyResource[], key: string, build: () => T): T {
    const { memo } = stackIndex(resources);
    if (!memo.has(key)) memo.set(key, build());
    return memo.get(key) as T;
}

/** Resources of the stack, sorted back into the order of the stack (duplicates kept). */
export function inStackOrder(resources: PolicyResource[], subset: PolicyResource[]): PolicyResource[] {
    const { position } = stackIndex(resources);
    return [...subset].sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity));
}

/** The resources of any of `types`, in stack order (a new array each call). */
export function resourcesOfType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    const { byType } = stackIndex(resources);
    const distinct = [...new Set(types)];
    if (distinct.length === 1) return [...(byType.get(distinct[0]) ?? [])];
    return inStackOrder(resources, distinct.flatMap((type) => byType.get(type) ?? []));
}

/** The resources a property of `resource` was computed from (empty for literals and config values). */
export function dependenciesOf(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies?.[property] ?? [];
}

/** The resources that reference `target` through any property, with the property names. */
export function dependentsOf(resources: PolicyResource[], target: PolicyResource): { resource: PolicyResource; property: string }[] {
    const found: { resource: PolicyResource; property: string }[] = [];
    for (const resource of resources) {
        for (const [property, deps] of Object.entries(resource.propertyDependencies ?? {})) {
            if (deps.some((d) => d.urn === target.urn)) found.push({ resource, property });
        }
    }
    return found;
}

/** The component or stack a resource was declared under, walking `parent` links. */
export function ancestorsOf(resource: PolicyResource): PolicyResource[] {
    const chain: PolicyResource[] = [];
    for (let current = resource.parent; current; current = current.parent) chain.push(current);
    return chain;
}

/** Raw props of a stack resource (see ./values: unknowns are sentinels, reading never throws). */
export function propsOf(resource: PolicyResource): unknown {
    return raw(resource.props);
}
