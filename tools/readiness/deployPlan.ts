/**
 * The order a deploy creates resources in, from what each resource waits for (its dependencies and
 * its parent), grouped into waves that can run in parallel; the resources known to take minutes;
 * and the longest chain of slow resources, which bounds how long `pulumi up` of a new stack takes.
 */
import type { RecordedResource } from "../engine/recorder";

/** Typical create times in minutes (AWS documentation and experience), for the resources worth waiting for. */
export const SLOW_RESOURCES: Record<string, { typicalMinutes: [number, number]; why: string }> = {
    "aws:cloudfront/distribution:Distribution": { typicalMinutes: [5, 15], why: "propagates to every edge location" },
    "aws:elasticache/replicationGroup:ReplicationGroup": { typicalMinutes: [10, 20], why: "provisions and syncs cache nodes" },
    "aws:elasticache/serverlessCache:ServerlessCache": { typicalMinutes: [3, 10], why: "provisions the serverless cache endpoint" },
    "aws:elasticache/cluster:Cluster": { typicalMinutes: [5, 15], why: "provisions a cache node" },
    "aws:ec2/natGateway:NatGateway": { typicalMinutes: [2, 5], why: "waits for the gateway to become available" },
    "aws:ec2/instance:Instance": { typicalMinutes: [1, 3], why: "boots an instance" },
    "aws:ec2/vpcEndpoint:VpcEndpoint": { typicalMinutes: [1, 3], why: "creates endpoint network interfaces" },
    "aws:acm/certificateValidation:CertificateValidation": { typicalMinutes: [1, 30], why: "waits for DNS validation" },
    "aws:rds/instance:Instance": { typicalMinutes: [10, 30], why: "provisions a database" },
};

export interface SlowResource {
    urn: string;
    type: string;
    typicalMinutes: [number, number];
}

export interface DeployPlan {
    /** Waves of URNs: every resource of a wave waits only for resources of earlier waves. */
    waves: string[][];
    slow: SlowResource[];
    /** The chain of slow resources that one after another take the longest, and its typical total. */
    criticalPath: { urns: string[]; typicalMinutes: [number, number] };
    /** Groups of resources that wait for each other: the engine cannot order them. */
    cycles: string[][];
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** What a resource waits for: its dependencies and its parent (the stack root excluded), within the recording. */
export function waitsFor(resource: RecordedResource, known: Set<string>, rootUrns: Set<string>): string[] {
    const edges = new Set(resource.dependencies);
    if (resource.parent && !rootUrns.has(resource.parent)) edges.add(resource.parent);
    return [...edges].filter((urn) => known.has(urn) && urn !== resource.urn);
}

export function deployPlan(resources: RecordedResource[]): DeployPlan {
    const rootUrns = new Set(resources.filter((r) => r.type === STACK_TYPE).map((r) => r.urn));
    const nodes = resources.filter((r) => !rootUrns.has(r.urn));
    const known = new Set(nodes.map((r) => r.urn));
    const edges = new Map(nodes.map((r) => [r.urn, waitsFor(r, known, rootUrns)]));

    const level = new Map<string, number>();
    const waves: string[][] = [];
    let remaining = nodes.map((r) => r.urn);
    while (remaining.length > 0) {
        const ready = remaining.filter((urn) => edges.get(urn)!.every((dep) => level.has(dep)));
        if (ready.length === 0) break;
        ready.forEach((urn) => level.set(urn, waves.length));
        waves.push(ready);
        remaining = remaining.filter((urn) => !level.has(urn));
    }
    const cycles = findCycles(remaining, edges);

    const byUrn = new Map(nodes.map((r) => [r.urn, r]));
    const slow = nodes
        .filter((r) => SLOW_RESOURCES[r.type])
        .map((r) => ({ urn: r.urn, type: r.type, typicalMinutes: SLOW_RESOURCES[r.type].typicalMinutes }));

    // Longest chain by the slow resources' upper bound, over the ordered part of the graph.
    const best = new Map<string, { max: number; min: number; previous?: string }>();
    for (const wave of waves) {
        for (const urn of wave) {
            const own = SLOW_RESOURCES[byUrn.get(urn)!.type]?.typicalMinutes ?? [0, 0];
            let chosen: { max: number; min: number; previous?: string } = { max: 0, min: 0 };
            for (const dep of edges.get(urn)!) {
                const candidate = best.get(dep);
                if (candidate && candidate.max > chosen.max) chosen = { ...candidate, previous: dep };
            }
            best.set(urn, { max: chosen.max + own[1], min: chosen.min + own[0], previous: chosen.max > 0 ? chosen.previous : undefined });
        }
    }
    let end: string | undefined;
    for (const [urn, value] of best) if (!end || value.max > best.get(end)!.max) end = urn;
    const chain: string[] = [];
    for (let urn = end; urn; urn = best.get(urn)!.previous) {
        if (SLOW_RESOURCES[byUrn.get(urn)!.type]) chain.unshift(urn);
    }
    const total = end ? best.get(end)! : { min: 0, max: 0 };
    return { waves, slow, criticalPath: { urns: chain, typicalMinutes: [total.min, total.max] }, cycles };
}

/** Strongly connected groups among the resources that could not be ordered (Tarjan), each as a list of URNs. */
function findCycles(urns: string[], edges: Map<string, string[]>): string[][] {
    const inSet = new Set(urns);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const groups: string[][] = [];
    let counter = 0;
    const visit = (urn: string) => {
        index.set(urn, counter);
        low.set(urn, counter++);
        stack.push(urn);
        onStack.add(urn);
        for (const dep of edges.get(urn) ?? []) {
            if (!inSet.has(dep)) continue;
            if (!index.has(dep)) {
                visit(dep);
                low.set(urn, Math.min(low.get(urn)!, low.get(dep)!));
            } else if (onStack.has(dep)) low.set(urn, Math.min(low.get(urn)!, index.get(dep)!));
        }
        if (low.get(urn) === index.get(urn)) {
            const group: string[] = [];
            let member: string;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                group.push(member);
            } while (member !== urn);
            if (group.length > 1 || (edges.get(urn) ?? []).includes(urn)) groups.push(group.reverse());
        }
    };
    for (const urn of urns) if (!index.has(urn)) visit(urn);
    return groups;
}
