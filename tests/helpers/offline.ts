import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { runProgram, ProgramRun, RunOptions } from "../../tools/engine/run";
import { RecordedResource, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../../tools/engine/recorder";

export { UNKNOWN };

/** Runs a program (usually a closure that builds one component) offline as project "bulwark". */
export function record(
    program: () => unknown,
    options: Partial<Omit<RunOptions, "program">> & { region?: string } = {},
): Promise<Recording> {
    const config = { "aws:region": options.region ?? "us-east-1", ...(options.config ?? {}) };
    // A component returned by a test's closure is not a stack output: exporting it would register its
    // whole object graph as outputs, which no real program does.
    const run = () => {
        const result = program();
        return result instanceof pulumi.Resource ? undefined : result;
    };
    return runProgram({ project: "bulwark", stack: "dev", ...options, config, program: run }).then((r) => new Recording(r));
}

export function isSecret(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** Strips the engine's secret wrappers, leaving plain values (unknowns stay the sentinel). */
export function unwrap<T = any>(value: unknown): T {
    if (isSecret(value)) return unwrap((value as { value: unknown }).value);
    if (Array.isArray(value)) return value.map(unwrap) as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)])) as T;
    }
    return value as T;
}

/** Deep search for a string anywhere in a value (e.g. a secret leaking into plain inputs). */
export function containsString(value: unknown, needle: string): boolean {
    if (typeof value === "string") return value.includes(needle);
    if (Array.isArray(value)) return value.some((v) => containsString(v, needle));
    if (typeof value === "object" && value !== null) return Object.values(value).some((v) => containsString(v, needle));
    return false;
}

export class Recording {
    constructor(readonly run: ProgramRun) {}

    get resources(): RecordedResource[] {
        return this.run.resources;
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource of a type (and name, when given); fails the test when there are none or several. */
    one(type: string, name?: string): RecordedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        assert.strictEqual(found.length, 1, `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
        return found[0];
    }

    byUrn(urn: string): RecordedResource {
        const found = this.resources.find((r) => r.urn === urn);
        assert.ok(found, `no resource ${urn}`);
        return found;
    }

    /** Plain inputs (secrets unwrapped) of the one resource of a type/name. */
    inputs<T = any>(type: string, name?: string): T {
        return unwrap<T>(this.one(type, name).inputs);
    }

    childrenOf(urn: string): RecordedResource[] {
        return this.resources.filter((r) => r.parent === urn);
    }

    /** Asserts the exact multiset of child types under a component, e.g. {"aws:ec2/subnet:Subnet": 6}. */
    assertChildren(urn: string, expected: Record<string, number>): void {
        const actual: Record<string, number> = {};
        for (const child of this.childrenOf(urn)) actual[child.type] = (actual[child.type] ?? 0) + 1;
        assert.deepStrictEqual(sortKeys(actual), sortKeys(expected));
    }
}

function sortKeys(o: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Asserts that a promise rejects with an error whose message matches every pattern. */
export async function assertRejects(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        const message = (error as Error).message + "\n" + ((error as any).causes ?? []).map((c: Error) => c?.message).join("\n");
        for (const pattern of patterns) assert.match(message, pattern);
        return error as Error;
    }
    assert.fail(`expected a rejection matching ${patterns.join(", ")}`);
}
