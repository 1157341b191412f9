import { ReportResource } from "../plan";

/** `aws:ec2/subnet:Subnet` reads better as `aws:ec2:Subnet` in a tree meant for people. */
export function shortType(type: string): string {
    const [pkg, module, kind] = type.split(":");
    return kind === undefined ? type : `${pkg}:${module.split("/")[0]}:${kind}`;
}

/** The resource tree, components with their children, then the counts by type. */
export function formatTree(resources: ReportResource[], annotate: (r: ReportResource) => string = () => ""): string {
    const children = new Map<string | null, ReportResource[]>();
    const known = new Set(resources.map((r) => r.urn));
    for (const resource of resources) {
        const parent = resource.parent && known.has(resource.parent) ? resource.parent : null;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines: string[] = [];
    const walk = (parent: string | null, prefix: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((resource, index) => {
            const last = index === list.length - 1;
            const branch = parent === null ? "" : last ? "└─ " : "├─ ";
            const flags = resource.protect ? " [protected]" : "";
            lines.push(`${prefix}${branch}${shortType(resource.type)} ${resource.name}${flags}${annotate(resource)}`);
            walk(resource.urn, parent === null ? prefix : prefix + (last ? "   " : "│  "));
        });
    };
    walk(null, "");
    return lines.join("\n");
}

export function countByType(resources: ReportResource[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const resource of resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function formatCounts(resources: ReportResource[]): string {
    const counts = countByType(resources);
    const width = Math.max(...counts.map(([type]) => type.length), 4);
    return [`${resources.length} resources`, ...counts.map(([type, n]) => `  ${type.padEnd(width)}  ${n}`)].join("\n");
}
