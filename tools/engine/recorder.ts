import * as pulumi from "@pulumi/pulumi";
import { autoNamedProperty } from "../offline/aws";

/**
 * What the engine knows of one registered resource: the information `pulumi preview` hands a
 * policy pack. Values keep the engine's wire encoding (secrets wrapped, unknowns as the sentinel
 * string) so that the policy harness can give policies exactly what the analyzer would.
 */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    /** Custom resources are managed by a provider; components are not. */
    custom: boolean;
    /** A multi-language component (awsx, aws-apigateway): its provider builds the children, which mocks never see. */
    remote?: boolean;
    parent: string | null;
    /** The provider reference (`<provider urn>::<id>`) when one was given explicitly. */
    provider: string | null;
    id: string | null;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    options: RecordedOptions;
    /** Every resource this one waits for: input dependencies and `dependsOn`. */
    dependencies: string[];
    /** Which resources each input property was computed from. */
    propertyDependencies: Record<string, string[]>;
}

export interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    /** URNs named by `dependsOn` (the engine folds them into `dependencies`; the recorder keeps them apart). */
    dependsOn: string[];
    aliases: string[];
    deleteBeforeReplace: boolean | undefined;
    customTimeouts: { create?: string; update?: string; delete?: string } | undefined;
    additionalSecretOutputs: string[];
    replaceOnChanges: string[];
    deletedWith: string | null;
    version: string | null;
}

/** The options of a resource registered with none: what a resource built outside a program run carries. */
export function defaultOptions(overrides: Partial<RecordedOptions> = {}): RecordedOptions {
    return {
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        dependsOn: [],
        aliases: [],
        deleteBeforeReplace: undefined,
        customTimeouts: undefined,
        additionalSecretOutputs: [],
        replaceOnChanges: [],
        deletedWith: null,
        version: null,
        ...overrides,
    };
}

/** The engine's sentinel for a value not known until the resource exists. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The SDK's signature for a resource passed as a value (`role: role`, `topic: topic`): `{urn, id?, packageVersion?}`. */
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The type part of a URN: the qualified type chain of parents and this resource's own type. */
export function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2] ?? "";
}

/**
 * The engine's URN: children carry their parent's whole qualified type chain, except that the root
 * stack's type is left out (the mock monitor keeps only the parent's last type, which differs).
 */
export function engineUrn(stack: string, project: string, parent: string | undefined, type: string, name: string): string {
    const parentType = parent ? qualifiedTypeOf(parent) : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function isResourceReference(value: object): value is { urn: string; id?: unknown } {
    return (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === RESOURCE_REFERENCE_SIG;
}

/**
 * A resource reference as the engine hands it to providers and analyzers: it marshals without
 * KeepResources (sdk/go/common/resource/plugin/analyzer_plugin.go, rpc.go MarshalPropertyValue), so a
 * custom resource becomes its id (unknown while the id is) and a component, which has no id, its URN.
 * The AWS provider's Check reads references the same way (the bridge turns them into ids).
 */
export function referenceValue(reference: { urn: string; id?: unknown }): unknown {
    if (!("id" in reference)) return reference.urn;
    return typeof reference.id === "string" && reference.id !== "" ? reference.id : UNKNOWN;
}

/** `value` with every resource reference replaced by what the engine sends for it; untouched parts are shared, not copied. */
export function withoutResourceReferences<T>(value: T): T {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        value.forEach((item, i) => {
            const replaced = withoutResourceReferences(item);
            if (replaced !== item) (copy ??= [...value])[i] = replaced;
        });
        return (copy ?? value) as T;
    }
    if (isResourceReference(value)) return referenceValue(value) as T;
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        const replaced = withoutResourceReferences(item);
        if (replaced !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = replaced;
    }
    return (copy ?? value) as T;
}

const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

function structToJson(struct: any): Record<string, unknown> {
    return struct ? (struct.toJavaScript() as Record<string, unknown>) : {};
}

function timeoutsOf(req: any): RecordedOptions["customTimeouts"] {
    const timeouts = req.getCustomtimeouts?.();
    if (!timeouts) return undefined;
    const result: { create?: string; update?: string; delete?: string } = {};
    if (timeouts.getCreate()) result.create = timeouts.getCreate();
    if (timeouts.getUpdate()) result.update = timeouts.getUpdate();
    if (timeouts.getDelete()) result.delete = timeouts.getDelete();
    return Object.keys(result).length ? result : undefined;
}

/**
 * Captures what `MockResourceArgs` leaves out (pulumi/pulumi#14421): parent, options and
 * dependencies, by wrapping the mock monitor's `registerResource`, which receives the full request.
 */
export class Recorder {
    private readonly byUrn = new Map<string, RecordedResource>();
    private readonly order: string[] = [];
    private readonly pendingDependsOn: { resource: pulumi.Resource; dependsOn: Promise<string[]> }[] = [];

    constructor(
        private readonly stack: string,
        private readonly project: string,
    ) {}

    get resources(): RecordedResource[] {
        return this.order.map((urn) => this.byUrn.get(urn)!);
    }

    get(urn: string): RecordedResource | undefined {
        return this.byUrn.get(urn);
    }

    /** Installs the recorder on the mock monitor that `setMocks` created. */
    attach(monitor: any): void {
        monitor.newUrn = (parent: string, type: string, name: string) => engineUrn(this.stack, this.project, parent, type, name);
        const registerResource = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
            // The provider (here the offline AWS) sees references as the engine passes them on.
            const object = structToJson(req.getObject());
            const inputs = withoutResourceReferences(object);
            if (inputs !== object) req.setObject(Struct.fromJavaScript(inputs));
            registerResource(req, (err: any, resp: any) => {
                if (!err && resp) this.record(req, resp, inputs);
                callback(err, resp);
            });
        };
        const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req: any, callback: (err: any, resp: any) => void) => {
            const resource = this.byUrn.get(req.getUrn());
            if (resource) resource.outputs = withoutResourceReferences(structToJson(req.getOutputs()));
            registerResourceOutputs(req, callback);
        };
    }

    /**
     * Sees each resource's options in-process as the SDK registers it (run.ts hooks the runtime's
     * registerResource); the request only carries `dependsOn` folded into `dependencies`, so it is
     * kept from here. Nothing is installed on the resources themselves: a stack transformation would
     * sit in every resource's `__transformations`, where Pulumi's closure serializer finds it when a
     * callback captures a resource.
     */
    observe(resource: pulumi.Resource, opts: pulumi.ResourceOptions): void {
        if (opts.dependsOn) this.pendingDependsOn.push({ resource, dependsOn: resolveDependsOn(opts.dependsOn) });
    }

    /** Waits for the `dependsOn` URNs gathered in-process and files them on the recorded resources. */
    async settle(): Promise<void> {
        for (const { resource, dependsOn } of this.pendingDependsOn) {
            const urn: string = await (resource.urn as any).promise();
            const recorded = this.byUrn.get(urn);
            if (recorded) recorded.options.dependsOn = await dependsOn;
        }
    }

    private record(req: any, resp: any, inputs: Record<string, unknown>): void {
        const urn: string = resp.getUrn();
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const outputs = withoutResourceReferences(structToJson(resp.getObject()));
        // The engine analyzes inputs after the provider's Check, which fills in auto-names.
        const autoNamed = autoNamedProperty(req.getType());
        if (autoNamed && inputs[autoNamed] === undefined && outputs[autoNamed] !== undefined) inputs[autoNamed] = outputs[autoNamed];
        const resource: RecordedResource = {
            urn,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            remote: req.getRemote?.() === true,
            parent: req.getParent() || null,
            provider: req.getProvider() || null,
            id: resp.getId() || null,
            inputs,
            outputs,
            options: {
                protect: req.getProtect() ?? false,
                retainOnDelete: req.getRetainondelete() ?? false,
                ignoreChanges: req.getIgnorechangesList(),
                dependsOn: [],
                aliases: this.aliasesOf(req, urn),
                deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
                customTimeouts: timeoutsOf(req),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                replaceOnChanges: req.getReplaceonchangesList(),
                deletedWith: req.getDeletedwith() || null,
                version: req.getVersion() || null,
            },
            dependencies: req.getDependenciesList(),
            propertyDependencies,
        };
        if (!this.byUrn.has(urn)) this.order.push(urn);
        this.byUrn.set(urn, resource);
    }

    /** Resolves alias specs to URNs, as the engine does before handing them to analyzers. */
    private aliasesOf(req: any, urn: string): string[] {
        const urns: string[] = [...req.getAliasurnsList()];
        for (const alias of req.getAliasesList()) {
            if (alias.getUrn()) {
                urns.push(alias.getUrn());
                continue;
            }
            const spec = alias.getSpec();
            if (!spec) continue;
            const parent = spec.getNoparent() ? undefined : spec.getParenturn() || req.getParent() || undefined;
            urns.push(
                engineUrn(
                    spec.getStack() || this.stack,
                    spec.getProject() || this.project,
                    parent,
                    spec.getType() || req.getType(),
                    spec.getName() || req.getName(),
                ),
            );
        }
        return urns.filter((alias) => alias !== urn);
    }
}

async function resolveDependsOn(dependsOn: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>): Promise<string[]> {
    const resolved = await (pulumi.output(dependsOn as any) as any).promise();
    const list = (Array.isArray(resolved) ? resolved : [resolved]).filter(Boolean) as pulumi.Resource[];
    return Promise.all(list.map((resource) => (resource.urn as any).promise() as Promise<string>));
}
