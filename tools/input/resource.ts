import { RecordedResource } from "../engine/recorder";
import { InputFileError, PathStep, formatPath } from "./json-file";
import { engineProperties, ValueContext } from "./values";

/**
 * One stored resource (apitype.ResourceV3, pulumi/pulumi sdk/go/common/apitype/core.go) as the plan's
 * RecordedResource: the shape the policy engines, readiness checks and cost estimate read. The same
 * shape is a preview step's `oldState` and `newState` (pkg/display PreviewStep).
 */

export interface StoredResource {
    urn: string;
    type: string;
    /** Marked for deletion (an old copy of a replaced resource): not part of the stack the engine judges. */
    delete: boolean;
    /** Read with `.get()` / ReadResource: its lifecycle is not this stack's. */
    external: boolean;
    resource: RecordedResource;
}

/** The stack, project, qualified type and name of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; name: string } | undefined {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) return undefined;
    return { stack: parts[0].slice("urn:pulumi:".length), project: parts[1], qualifiedType: parts[2], name: parts.slice(3).join("::") };
}

function fail(ctx: ValueContext, path: PathStep[], problem: string): never {
    throw new InputFileError(ctx.file, formatPath(path), problem);
}

function optionalString(raw: Record<string, unknown>, key: string, path: PathStep[], ctx: ValueContext): string | null {
    const value = raw[key];
    if (value === undefined || value === null || value === "") return null;
    if (typeof value !== "string") fail(ctx, [...path, key], `must be a string, not ${JSON.stringify(value)}.`);
    return value;
}

function stringList(raw: Record<string, unknown>, key: string, path: PathStep[], ctx: ValueContext): string[] {
    const value = raw[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) fail(ctx, [...path, key], "must be a list of strings.");
    value.forEach((item, i) => {
        if (typeof item !== "string") fail(ctx, [...path, key, i], `must be a string, not ${JSON.stringify(item)}.`);
    });
    return value as string[];
}

function flag(raw: Record<string, unknown>, key: string, path: PathStep[], ctx: ValueContext): boolean {
    const value = raw[key];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") fail(ctx, [...path, key], `must be true or false, not ${JSON.stringify(value)}.`);
    return value;
}

/** Stored custom timeouts are seconds (resource.CustomTimeouts); the plan keeps Go duration strings. */
function timeouts(raw: Record<string, unknown>, path: PathStep[], ctx: ValueContext): RecordedResource["options"]["customTimeouts"] {
    const value = raw.customTimeouts;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) fail(ctx, [...path, "customTimeouts"], "must be an object of create, update and delete seconds.");
    const result: { create?: string; update?: string; delete?: string } = {};
    for (const op of ["create", "update", "delete"] as const) {
        const seconds = (value as Record<string, unknown>)[op];
        if (seconds === undefined || seconds === null || seconds === 0) continue;
        if (typeof seconds !== "number" || seconds < 0) fail(ctx, [...path, "customTimeouts", op], `must be a number of seconds, not ${JSON.stringify(seconds)}.`);
        result[op] = `${seconds}s`;
    }
    return Object.keys(result).length > 0 ? result : undefined;
}

function propertyDependencies(raw: Record<string, unknown>, path: PathStep[], ctx: ValueContext): Record<string, string[]> {
    const value = raw.propertyDependencies;
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) fail(ctx, [...path, "propertyDependencies"], "must map each input property to the URNs it depends on.");
    const map = value as Record<string, unknown>;
    for (const property in map) stringList(map, property, [...path, "propertyDependencies"], ctx);
    return map as Record<string, string[]>;
}

/** Reads one ResourceV3 at `path`, converting its properties in place (see values.ts). */
export function storedResource(raw: unknown, path: PathStep[], ctx: ValueContext): StoredResource {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(ctx, path, "a resource must be an object (apitype.ResourceV3).");
    const record = raw as Record<string, unknown>;
    if (typeof record.urn !== "string" || record.urn === "") fail(ctx, [...path, "urn"], "the resource has no urn.");
    const urn = record.urn;
    const parsed = parseUrn(urn);
    if (!parsed) fail(ctx, [...path, "urn"], `"${urn}" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>).`);
    if (record.type === undefined || record.type === null || record.type === "") fail(ctx, [...path, "type"], `the resource ${urn} has no type.`);
    if (typeof record.type !== "string") fail(ctx, [...path, "type"], `must be a type token such as "aws:s3/bucketV2:BucketV2", not ${JSON.stringify(record.type)}.`);
    const type = record.type;
    const custom = flag(record, "custom", path, ctx);
    const resource: RecordedResource = {
        urn,
        type,
        name: parsed.name,
        custom,
        parent: optionalString(record, "parent", path, ctx),
        provider: optionalString(record, "provider", path, ctx),
        id: optionalString(record, "id", path, ctx),
        inputs: engineProperties(record.inputs, [...path, "inputs"], ctx),
        outputs: engineProperties(record.outputs, [...path, "outputs"], ctx),
        options: {
            protect: flag(record, "protect", path, ctx),
            retainOnDelete: flag(record, "retainOnDelete", path, ctx),
            ignoreChanges: stringList(record, "ignoreChanges", path, ctx),
            // The engine stores dependsOn folded into dependencies; the options keep none apart.
            dependsOn: [],
            aliases: stringList(record, "aliases", path, ctx),
            deleteBeforeReplace: undefined,
            customTimeouts: timeouts(record, path, ctx),
            additionalSecretOutputs: stringList(record, "additionalSecretOutputs", path, ctx),
            replaceOnChanges: stringList(record, "replaceOnChanges", path, ctx),
            deletedWith: optionalString(record, "deletedWith", path, ctx),
            version: null,
        },
        dependencies: stringList(record, "dependencies", path, ctx),
        propertyDependencies: propertyDependencies(record, path, ctx),
    };
    return { urn, type, delete: flag(record, "delete", path, ctx), external: flag(record, "external", path, ctx), resource };
}

const ARN_ACCOUNT = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;

/** The account most ARNs in the stack's outputs name: the one the stack was deployed to. */
export function accountFromArns(resources: RecordedResource[]): string | undefined {
    const counts = new Map<string, number>();
    for (const resource of resources) {
        const arn = resource.outputs.arn;
        const match = typeof arn === "string" ? ARN_ACCOUNT.exec(arn) : null;
        if (match) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
    }
    let best: string | undefined;
    for (const [account, count] of counts) if (best === undefined || count > counts.get(best)!) best = account;
    return best;
}

const AWS_PROVIDER = "pulumi:providers:aws";

/**
 * The stack's region: the default AWS provider's (what resources without an explicit provider use),
 * else the stack config's `aws:region`, else the region most ARNs name.
 */
export function regionOf(resources: RecordedResource[], configRegion: string | undefined): string | undefined {
    const defaults = resources.filter((r) => r.type === AWS_PROVIDER && r.name.startsWith("default"));
    for (const provider of defaults) if (typeof provider.inputs.region === "string" && provider.inputs.region !== "") return provider.inputs.region;
    if (configRegion) return configRegion;
    const counts = new Map<string, number>();
    for (const resource of resources) {
        const arn = resource.outputs.arn;
        const region = typeof arn === "string" ? arn.split(":")[3] : undefined;
        if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
