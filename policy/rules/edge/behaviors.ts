/** A distribution's cache behaviours, default first, with labels for messages. */
import { asArray, get } from "../../lib/values";

export function behaviorsOf(props: unknown): { label: string; behavior: unknown }[] {
    const ordered = asArray(get(props, "orderedCacheBehaviors")) ?? [];
    const found: { label: string; behavior: unknown }[] = [];
    const defaults = get(props, "defaultCacheBehavior");
    if (defaults !== undefined) found.push({ label: "defaultCacheBehavior", behavior: defaults });
    ordered.forEach((behavior, i) => {
        const pattern = get(behavior, "pathPattern");
        found.push({ label: typeof pattern === "string" ? `behavior "${pattern}"` : `orderedCacheBehaviors[${i}]`, behavior });
    });
    return found;
}

export const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
