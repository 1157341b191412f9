/**
 * Finding resources in a stack policy: by URN, by type, and through `propertyDependencies` (which
 * resources an input was computed from), the only link between resources that survives a preview,
 * where ids and ARNs are still unknown.
 */
import type { PolicyResource } from "@pulumi/policy";
import { raw } from "./values";

export function resourcesOfType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
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
