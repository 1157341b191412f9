/**
 * The architecture as a component-level graph, derived from what the program recorded: each
 * top-level component (or custom resource registered directly under the stack) is a node, and A
 * points at B when something inside A depends on something inside B — through `dependsOn`
 * (`dependencies`) or an input computed from B (`propertyDependencies`). NAT, VPC endpoints, the
 * internet and the CDN's viewers are drawn as labelled external nodes. Nothing here knows Bulwark's
 * components, so any program gets a diagram.
 */
import { RecordedResource, UNKNOWN } from "../engine/recorder";

export interface ArchitectureNode {
    id: string;
    label: string;
    external: boolean;
}

export interface ArchitectureEdge {
    from: string;
    to: string;
    /** The kinds of resource depended on, e.g. "FunctionUrl, Alias". */
    label: string;
}

export interface Architecture {
    nodes: ArchitectureNode[];
    edges: ArchitectureEdge[];
}

const STACK = "pulumi:pulumi:Stack";
const MAX_LABEL_KINDS = 3;

/** `aws:lambda/functionUrl:FunctionUrl` -> `FunctionUrl`; `bulwark:edge:Cdn` -> `Cdn`. */
function kindOf(type: string): string {
    return type.split(":").pop() ?? type;
}

/** Mermaid ids: letters, digits and "_", prefixed so that no name collides with a keyword ("end"). */
function nodeId(prefix: string, name: string): string {
    return `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

function stringInput(resource: RecordedResource, key: string): string | undefined {
    const value = resource.inputs[key];
    return typeof value === "string" && value !== UNKNOWN ? value : undefined;
}

export function architectureOf(resources: RecordedResource[]): Architecture {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const isRoot = (r: RecordedResource | undefined) => r === undefined || r.type === STACK;

    // The top-level resource each resource belongs to (itself, if it is top-level).
    const ownerCache = new Map<string, RecordedResource | undefined>();
    const ownerOf = (resource: RecordedResource): RecordedResource | undefined => {
        if (ownerCache.has(resource.urn)) return ownerCache.get(resource.urn);
        let owner: RecordedResource | undefined;
        if (resource.type === STACK || resource.type.startsWith("pulumi:providers:")) owner = undefined;
        else if (isRoot(resource.parent ? byUrn.get(resource.parent) : undefined)) owner = resource;
        else owner = ownerOf(byUrn.get(resource.parent!)!);
        ownerCache.set(resource.urn, owner);
        return owner;
    };

    const nodes = new Map<string, ArchitectureNode>();
    const ids = new Map<string, string>();
    for (const resource of resources) {
        const owner = ownerOf(resource);
        if (!owner || ids.has(owner.urn)) continue;
        const id = nodeId("c", owner.name);
        ids.set(owner.urn, id);
        nodes.set(id, { id, label: `${owner.name} (${kindOf(owner.type)})`, external: false });
    }

    const edgeKinds = new Map<string, Set<string>>();
    const addEdge = (from: string, to: string, kind: string) => {
        const key = `${from}\u0000${to}`;
        edgeKinds.set(key, (edgeKinds.get(key) ?? new Set()).add(kind));
    };
    for (const resource of resources) {
        const owner = ownerOf(resource);
        if (!owner) continue;
        const targets = new Set([...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()]);
        for (const urn of targets) {
            const target = byUrn.get(urn);
            const targetOwner = target && ownerOf(target);
            if (!targetOwner || targetOwner.urn === owner.urn) continue;
            addEdge(ids.get(owner.urn)!, ids.get(targetOwner.urn)!, kindOf(target.type));
        }
    }

    const external = (id: string, label: string) => nodes.set(id, { id, label, external: true });
    const ownerId = (resource: RecordedResource) => {
        const owner = ownerOf(resource);
        return owner ? ids.get(owner.urn) : undefined;
    };

    // Egress: NAT gateways and NAT instances (EC2 instances that forward: sourceDestCheck false on the
    // instance, or on the network interface it boots with, where the provider wants it then).
    const gateways = resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway");
    const forwardingInterfaces = new Set(
        resources.filter((r) => r.type === "aws:ec2/networkInterface:NetworkInterface" && r.inputs.sourceDestCheck === false).map((r) => r.id ?? r.urn),
    );
    const bootsForwarding = (instance: RecordedResource) => {
        const primary = (instance.inputs.primaryNetworkInterface as { networkInterfaceId?: string } | undefined)?.networkInterfaceId;
        if (primary !== undefined && forwardingInterfaces.has(primary)) return true;
        // In preview the interface id is unknown: the property dependency still names the interface.
        return (instance.propertyDependencies.primaryNetworkInterface ?? []).some((urn) => forwardingInterfaces.has(urn) || resources.some((r) => r.urn === urn && forwardingInterfaces.has(r.id ?? r.urn)));
    };
    const natInstances = resources.filter((r) => r.type === "aws:ec2/instance:Instance" && (r.inputs.sourceDestCheck === false || bootsForwarding(r)));
    if (gateways.length + natInstances.length > 0) {
        external("x_internet", "Internet");
        const natGroups: [string, RecordedResource[], string][] = [
            ["x_nat_gateway", gateways, `NAT gateway ×${gateways.length}`],
            ["x_nat_instance", natInstances, `NAT instance ×${natInstances.length}${typeOf(natInstances)}`],
        ];
        for (const [id, group, label] of natGroups) {
            if (group.length === 0) continue;
            external(id, label);
            for (const nat of group) {
                const from = ownerId(nat);
                if (from) addEdge(from, id, kindOf(nat.type));
            }
            addEdge(id, "x_internet", "egress");
        }
    }

    // VPC endpoints, one node per service.
    for (const endpoint of resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")) {
        const service = (stringInput(endpoint, "serviceName") ?? endpoint.name).split(".").pop()!;
        const kind = (stringInput(endpoint, "vpcEndpointType") ?? "Gateway").toLowerCase();
        const subnets = Array.isArray(endpoint.inputs.subnetIds) ? endpoint.inputs.subnetIds.length : 0;
        const id = nodeId("x_endpoint", service);
        external(id, `${service} endpoint (${kind}${kind === "interface" && subnets > 0 ? `, ${subnets} AZs` : ""})`);
        const from = ownerId(endpoint);
        if (from) addEdge(from, id, "VpcEndpoint");
    }

    // Viewers reach whatever owns a CloudFront distribution.
    for (const distribution of resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution")) {
        external("x_viewers", "Viewers");
        const to = ownerId(distribution);
        if (to) addEdge("x_viewers", to, "HTTPS");
    }

    const edges = [...edgeKinds.entries()].map(([key, kinds]) => {
        const [from, to] = key.split("\u0000");
        const sorted = [...kinds].sort();
        const label = sorted.length > MAX_LABEL_KINDS ? `${sorted.slice(0, MAX_LABEL_KINDS).join(", ")}, …` : sorted.join(", ");
        return { from, to, label };
    });
    return { nodes: [...nodes.values()], edges };
}

function typeOf(instances: RecordedResource[]): string {
    const types = [...new Set(instances.map((i) => stringInput(i, "instanceType")).filter((t): t is string => !!t))];
    return types.length > 0 ? ` (${types.join(", ")})` : "";
}

/** Text inside a quoted Mermaid label: quotes and markup characters as entity codes. */
function escapeLabel(text: string): string {
    return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** A Mermaid flowchart (GitHub renders these in Markdown), components as boxes, externals as stadiums. */
export function toMermaid(architecture: Architecture): string {
    const lines = ["flowchart LR"];
    for (const node of architecture.nodes) {
        const label = `"${escapeLabel(node.label)}"`;
        lines.push(node.external ? `    ${node.id}([${label}])` : `    ${node.id}[${label}]`);
    }
    for (const edge of architecture.edges) {
        lines.push(edge.label ? `    ${edge.from} -->|"${escapeLabel(edge.label)}"| ${edge.to}` : `    ${edge.from} --> ${edge.to}`);
    }
    const externals = architecture.nodes.filter((n) => n.external).map((n) => n.id);
    if (externals.length > 0) {
        lines.push("    classDef external stroke-dasharray: 5 5");
        lines.push(`    class ${externals.join(",")} external`);
    }
    return lines.join("\n");
}
