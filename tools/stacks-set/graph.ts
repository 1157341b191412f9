/**
 * The cross-stack graph of a set of stacks: who reads which output of whom, the order `pulumi up`
 * must follow, the cycles that make any order impossible, and who must be redeployed when a
 * stack's outputs change. Pure: the set plan (plan-set.ts) discovers the reads and feeds them here.
 */

/** One StackReference read: `consumer` asks `producer` for `output` (requireOutput or getOutput). */
export interface OutputRead {
    consumer: string;
    producer: string;
    output: string;
    /** requireOutput (the program fails without it) rather than getOutput (it reads undefined). */
    required: boolean;
}

/** `consumer` depends on `producer` through these outputs. */
export interface SetEdge {
    consumer: string;
    producer: string;
    outputs: string[];
}

/** Stacks that reference each other in a circle: no order deploys them, each waits for another. */
export interface SetCycle {
    stacks: string[];
    /** Every edge between the cycle's stacks, the cycle's own path first. */
    edges: SetEdge[];
}

/** A read of an output the producer does not export (never added, renamed or removed). */
export interface MissingOutput {
    consumer: string;
    producer: string;
    output: string;
    required: boolean;
    /** What the producer does export, so a renamed output shows under its new name. */
    exported: string[];
    /** The exported name closest to the one read, when one is close (a rename, a typo). */
    didYouMean?: string;
}

/** The edges among `stacks` (in set order), one per consumer and producer, outputs sorted. */
export function edgesOf(stacks: string[], reads: OutputRead[]): SetEdge[] {
    const byPair = new Map<string, SetEdge>();
    for (const read of reads) {
        if (!stacks.includes(read.consumer) || !stacks.includes(read.producer)) continue;
        const key = `${read.consumer}\n${read.producer}`;
        const edge = byPair.get(key) ?? { consumer: read.consumer, producer: read.producer, outputs: [] };
        if (!edge.outputs.includes(read.output)) edge.outputs.push(read.output);
        byPair.set(key, edge);
    }
    const rank = (name: string) => stacks.indexOf(name);
    return [...byPair.values()]
        .map((edge) => ({ ...edge, outputs: [...edge.outputs].sort() }))
        .sort((a, b) => rank(a.consumer) - rank(b.consumer) || rank(a.producer) - rank(b.producer));
}

/** Strongly connected components (Tarjan) with more than one stack, or one stack reading itself. */
export function cyclesOf(stacks: string[], edges: SetEdge[]): SetCycle[] {
    const producersOf = (stack: string) => edges.filter((e) => e.consumer === stack).map((e) => e.producer);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const path: string[] = [];
    const components: string[][] = [];
    const visit = (stack: string) => {
        index.set(stack, index.size);
        low.set(stack, index.get(stack)!);
        path.push(stack);
        onStack.add(stack);
        for (const next of producersOf(stack)) {
            if (!index.has(next)) {
                visit(next);
                low.set(stack, Math.min(low.get(stack)!, low.get(next)!));
            } else if (onStack.has(next)) {
                low.set(stack, Math.min(low.get(stack)!, index.get(next)!));
            }
        }
        if (low.get(stack) === index.get(stack)) {
            const component: string[] = [];
            let member: string;
            do {
                member = path.pop()!;
                onStack.delete(member);
                component.push(member);
            } while (member !== stack);
            components.push(component);
        }
    };
    for (const stack of stacks) if (!index.has(stack)) visit(stack);
    return components
        .filter((c) => c.length > 1 || edges.some((e) => e.consumer === c[0] && e.producer === c[0]))
        .map((component) => {
            const members = stacks.filter((s) => component.includes(s));
            const inside = edges.filter((e) => members.includes(e.consumer) && members.includes(e.producer));
            const loop = loopThrough(members[0], inside);
            return { stacks: members, edges: [...loop, ...inside.filter((e) => !loop.includes(e))] };
        });
}

/** One circular path from `start` back to it along `edges` (they form a strongly connected set). */
function loopThrough(start: string, edges: SetEdge[]): SetEdge[] {
    const walk = (at: string, seen: string[]): SetEdge[] | undefined => {
        for (const edge of edges.filter((e) => e.consumer === at)) {
            if (edge.producer === start) return [edge];
            if (seen.includes(edge.producer)) continue;
            const rest = walk(edge.producer, [...seen, edge.producer]);
            if (rest) return [edge, ...rest];
        }
        return undefined;
    };
    return walk(start, [start]) ?? [];
}

/**
 * The order `pulumi up` must follow: every producer before its consumers, ties in the set file's
 * order. Stacks in a cycle, and those that read one, cannot be placed and are left out.
 */
export function deployOrderOf(stacks: string[], edges: SetEdge[]): string[] {
    const order: string[] = [];
    let progress = true;
    while (progress) {
        progress = false;
        for (const stack of stacks) {
            if (order.includes(stack)) continue;
            const waitsFor = edges.filter((e) => e.consumer === stack).map((e) => e.producer);
            if (waitsFor.every((producer) => order.includes(producer))) {
                order.push(stack);
                progress = true;
                break;
            }
        }
    }
    return order;
}

/** For each stack, every stack that reads it directly or through others: what a change of its outputs redeploys, in deploy order. */
export function blastRadiusOf(stacks: string[], edges: SetEdge[], deployOrder: string[]): Record<string, string[]> {
    const rank = (s: string) => (deployOrder.includes(s) ? deployOrder.indexOf(s) : stacks.length + stacks.indexOf(s));
    const radius: Record<string, string[]> = {};
    for (const stack of stacks) {
        const reached = new Set<string>();
        const pending = [stack];
        while (pending.length > 0) {
            const producer = pending.pop()!;
            for (const edge of edges.filter((e) => e.producer === producer)) {
                if (edge.consumer === stack || reached.has(edge.consumer)) continue;
                reached.add(edge.consumer);
                pending.push(edge.consumer);
            }
        }
        radius[stack] = [...reached].sort((a, b) => rank(a) - rank(b));
    }
    return radius;
}

/** The reads of `producer` that its exported outputs do not answer. */
export function missingOutputsOf(producer: string, exported: string[], reads: OutputRead[]): MissingOutput[] {
    const seen = new Set<string>();
    const missing: MissingOutput[] = [];
    for (const read of reads) {
        const key = `${read.consumer}\n${read.output}`;
        if (read.producer !== producer || exported.includes(read.output) || seen.has(key)) continue;
        seen.add(key);
        const didYouMean = closestName(read.output, exported);
        missing.push({ consumer: read.consumer, producer, output: read.output, required: read.required, exported: [...exported].sort(), ...(didYouMean ? { didYouMean } : {}) });
    }
    return missing;
}

/**
 * The exported name a rename or typo most likely came from: a small edit distance (`vpcID`,
 * `vpcId`), or one name's words all inside the other's (`subnetIds` became `privateSubnetIds`).
 * Sharing one word is not enough: `queueArn` is no rename of `queueUrl`.
 */
export function closestName(wanted: string, names: string[]): string | undefined {
    const words = (name: string) => name.split(/(?=[A-Z])|[-_.]/).map((w) => w.toLowerCase()).filter((w) => w !== "");
    const within = (inner: string[], outer: string[]) => inner.length > 0 && inner.every((w) => outer.includes(w));
    let best: { name: string; distance: number } | undefined;
    for (const name of names) {
        const distance = editDistance(wanted.toLowerCase(), name.toLowerCase());
        const close = distance <= Math.max(1, Math.floor(wanted.length / 5)) || within(words(wanted), words(name)) || within(words(name), words(wanted));
        if (close && (!best || distance < best.distance)) best = { name, distance };
    }
    return best?.name;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
    }
    return previous[b.length];
}

/** A consumer's input that holds another stack's output in a shape the input cannot take. */
export interface TypeMismatch {
    consumer: string;
    /** The stacks of the set the input reads (through StackReferences). */
    producers: string[];
    resource: string;
    type: string;
    /** Where in the inputs: `vpcConfig.subnetIds[0]`. */
    property: string;
    expected: string;
    got: string;
}
