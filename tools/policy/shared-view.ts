import type { EnforcementLevel, Policies, Policy, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { RecordedResource, RESOURCE_REFERENCE_SIG, referenceValue, SPECIAL_SIG_KEY } from "../engine/recorder";

/**
 * The offline plan's default way to run a pack: CrossGuard's analyzer semantics (server.js
 * makeAnalyzeRpcFun and makeAnalyzeStackRpcFun, @pulumi/policy 1.21.0), with each resource's view
 * built once and shared by every policy instead of rebuilt for each one.
 *
 * The analyzer deserializes a resource's properties again for every policy whose function is not
 * typed to one other resource type, and the whole stack again for every stack policy: at 10,000
 * resources that is most of the evaluation time and none of the judging. What a policy sees here is
 * what it sees there: the properties go through the same protobuf round trip (sorted keys, no
 * undefined), CrossGuard's own `deserializeProperties` and `unknownCheckingProxy`, the same options,
 * provider, `isType`/`asType`, `notApplicable`, and the same diagnostics, including the "can't run
 * ... during preview" note for a policy that touches an unknown. The one difference a policy could
 * notice is sharing itself, so the shared parts are frozen where freezing cannot change what a read
 * returns (the stack's array, its resource objects, options, dependency lists) and the properties
 * behind the proxies are checked for changes on request (`checkReadOnly`).
 * The tests run both engines on every policy test, corpus program and stack and require the same findings.
 */

// CrossGuard internals without typings: its deserializer and its unknown-checking proxy.
const deserialize: { deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): Record<string, unknown> } = require("@pulumi/policy/deserialize");
const proxy: { unknownCheckingProxy<T>(value: T): T; UnknownValueError: new (...args: never[]) => Error } = require("@pulumi/policy/proxy");
const policyKinds: {
    isResourcePolicy(policy: Policy): policy is ResourceValidationPolicy;
    isStackPolicy(policy: Policy): policy is StackValidationPolicy;
    getPulumiType(value: unknown): string | undefined;
} = require("@pulumi/policy/policy");

/** A diagnostic as the analyzer's response carries it (AnalyzeDiagnostic), before the plan sorts it. */
export interface Diagnostic {
    policyName: string;
    urn: string | undefined;
    message: string;
    enforcementLevel: EnforcementLevel;
}

export interface ProviderInfo {
    type: string;
    urn: string;
    name: string;
    properties: Record<string, unknown>;
}

export interface SharedViewRequest {
    /** The resources in registration order, default providers first, as the engine sends them. */
    resources: RecordedResource[];
    providerOf: (resource: RecordedResource) => ProviderInfo | undefined;
    /** The pack's policies, already configured (levels and getConfig), as the engine's `configure` leaves them. */
    policies: Policies;
    packName: string;
    packVersion: string;
    packLevel: EnforcementLevel;
    /** Compare every shared property view with a fresh copy afterwards and fail if a policy changed one. */
    checkReadOnly?: boolean;
}

/**
 * The protobuf round trip the engine's bytes impose (google.protobuf.Struct fromJavaScript then
 * toJavaScript): a deep copy whose object keys come back sorted, and which refuses undefined. A
 * resource reference arrives as the engine marshals it for analyzers (its id, or a component's URN).
 */
function structRoundTrip(value: unknown): unknown {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
    if (Array.isArray(value)) return value.map(structRoundTrip);
    if (typeof value !== "object") throw new Error("Unexpected struct type.");
    if ((value as Record<string, unknown>)[SPECIAL_SIG_KEY] === RESOURCE_REFERENCE_SIG) return referenceValue(value as { urn: string });
    const keys: string[] = [];
    for (const key in value) keys.push(key);
    keys.sort();
    const copy: Record<string, unknown> = {};
    for (const key of keys) copy[key] = structRoundTrip((value as Record<string, unknown>)[key]);
    return copy;
}

function deserializeProperties(properties: Record<string, unknown>): Record<string, unknown> {
    return deserialize.deserializeProperties({ toJavaScript: () => structRoundTrip(properties) as Record<string, unknown> }, false);
}

/** Go duration strings ("5m", "1h30m", "90s", "500ms") in seconds, as the engine sends custom timeouts. */
export function durationSeconds(duration: string | undefined): number {
    if (!duration) return 0;
    let seconds = 0;
    for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
        seconds += Number(amount) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit as "h" | "m" | "s" | "ms"];
    }
    return seconds;
}

/** PolicyResourceOptions as server.js getResourceOptions builds them from AnalyzerResourceOptions. */
function resourceOptions(resource: RecordedResource) {
    const timeouts = resource.options.customTimeouts;
    const options: Record<string, unknown> = {
        protect: resource.options.protect,
        ignoreChanges: Object.freeze([...resource.options.ignoreChanges]),
        aliases: Object.freeze([...resource.options.aliases]),
        customTimeouts: Object.freeze({
            createSeconds: durationSeconds(timeouts?.create),
            updateSeconds: durationSeconds(timeouts?.update),
            deleteSeconds: durationSeconds(timeouts?.delete),
        }),
        additionalSecretOutputs: Object.freeze([...resource.options.additionalSecretOutputs]),
    };
    if (resource.options.deleteBeforeReplace !== undefined) options.deleteBeforeReplace = resource.options.deleteBeforeReplace;
    if (resource.parent) options.parent = resource.parent;
    return Object.freeze(options);
}

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** Stack tags are only ever set by the engine's configureStack call, which the offline plan never makes. */
const stackTags = Object.freeze({
    entries: () => new Map<string, string>().entries(),
    forEach: () => undefined,
    get: () => undefined,
    has: () => false,
    keys: () => new Map<string, string>().keys(),
    size: 0,
    values: () => new Map<string, string>().values(),
    [Symbol.iterator]: () => new Map<string, string>()[Symbol.iterator](),
});

/** server.js isTypeOf: the class's attached type token, else its isInstance. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = policyKinds.getPulumiType(resourceClass);
    if (pulumiType) return type === pulumiType;
    const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** server.js makeReportViolationFun: the string form prefixes the description, the object form overrides. */
function reporter(policy: Policy, level: EnforcementLevel, diagnostics: Diagnostic[], fallbackUrn: string | undefined) {
    return (message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const info = message as { name?: string; message?: string; description?: string; urn?: string; enforcementLevel?: EnforcementLevel };
            diagnostics.push({
                policyName: info.name || policy.name,
                urn: info.urn || fallbackUrn,
                message: info.message || info.description || policy.description,
                enforcementLevel: info.enforcementLevel || level,
            });
            return;
        }
        diagnostics.push({ policyName: policy.name, urn: urn || fallbackUrn, message: message ? `${policy.description}\n${message}` : policy.description, enforcementLevel: level });
    };
}

/** The level a policy runs at: the configured one, then the pack's; remediation reports as mandatory. */
function levelOf(policy: Policy, packLevel: EnforcementLevel): EnforcementLevel {
    const level = policy.enforcementLevel || packLevel;
    return level === "remediate" ? "mandatory" : level;
}

function failure(policy: Policy, request: SharedViewRequest, error: unknown, diagnostics: Diagnostic[], urn: string | undefined): void {
    const policyFrom = `policy '${policy.name}' from policy pack '${request.packName}@v${request.packVersion}'`;
    if (error instanceof proxy.UnknownValueError) {
        diagnostics.push({ policyName: policy.name, urn, message: `can't run ${policyFrom} during preview: ${error.message}`, enforcementLevel: "advisory" });
    } else if (!(error instanceof NotApplicableError)) {
        throw Object.assign(new Error(`Error validating resource with ${policyFrom}:\n${error instanceof Error ? error.stack : String(error)}`), { urn });
    }
}

interface View {
    resource: RecordedResource;
    /** The deserialized properties behind the proxy, kept to check that no policy changed them. */
    target: Record<string, unknown>;
    props: Record<string, unknown>;
    opts: ReturnType<typeof resourceOptions>;
    provider: PolicyResource["provider"];
    isType: (resourceClass: unknown) => boolean;
    asType: (resourceClass: unknown) => Record<string, unknown> | undefined;
}

/** Options by resource: the same for Analyze and AnalyzeStack. */
const optionsCache = new WeakMap<RecordedResource, ReturnType<typeof resourceOptions>>();

function optionsOf(resource: RecordedResource): ReturnType<typeof resourceOptions> {
    let options = optionsCache.get(resource);
    if (!options) optionsCache.set(resource, (options = resourceOptions(resource)));
    return options;
}

function viewsOf(request: SharedViewRequest, properties: (resource: RecordedResource) => Record<string, unknown>): View[] {
    const providers = new Map<string, NonNullable<PolicyResource["provider"]>>();
    return request.resources.map((resource) => {
        const target = deserializeProperties(properties(resource));
        const info = request.providerOf(resource);
        let provider = info ? providers.get(info.urn) : undefined;
        if (info && !provider) {
            provider = Object.freeze({ type: info.type, urn: info.urn, name: info.name, props: proxy.unknownCheckingProxy(deserializeProperties(info.properties)) });
            providers.set(info.urn, provider);
        }
        const props = proxy.unknownCheckingProxy(target);
        const type = resource.type;
        return {
            resource,
            target,
            props,
            opts: optionsOf(resource),
            provider,
            isType: (resourceClass: unknown) => isTypeOf(type, resourceClass),
            asType: (resourceClass: unknown) => (isTypeOf(type, resourceClass) ? props : undefined),
        };
    });
}

function assertUntouched(views: View[], properties: (resource: RecordedResource) => Record<string, unknown>, phase: string): void {
    for (const view of views) {
        if (JSON.stringify(view.target) !== JSON.stringify(deserializeProperties(properties(view.resource)))) {
            throw new Error(`A policy changed the ${phase} it was given of ${view.resource.urn}: policies must treat what they are handed as read-only.`);
        }
    }
}

interface ResourceCall {
    policy: ResourceValidationPolicy;
    level: EnforcementLevel;
    validation: (args: never, report: never) => void | Promise<void>;
}

/**
 * The calls the analyzer makes for a resource of each type, in its order: every validation of every
 * enabled resource policy, except a single validation typed to another resource type.
 */
function callsByType(request: SharedViewRequest): (type: string) => ResourceCall[] {
    const policies = request.policies.filter((p) => levelOf(p, request.packLevel) !== "disabled" && policyKinds.isResourcePolicy(p)) as ResourceValidationPolicy[];
    const calls = new Map<string, ResourceCall[]>();
    return (type) => {
        let list = calls.get(type);
        if (!list) {
            list = [];
            for (const policy of policies) {
                if (!policy.validateResource) continue;
                const single = Array.isArray(policy.validateResource) ? undefined : policyKinds.getPulumiType(policy.validateResource);
                if (single && single !== type) continue;
                const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
                for (const validation of validations) list.push({ policy, level: levelOf(policy, request.packLevel), validation: validation as ResourceCall["validation"] });
            }
            calls.set(type, list);
        }
        return list;
    };
}

/** Analyze: every resource policy on each resource's inputs, in the analyzer's order. */
async function analyzeResources(request: SharedViewRequest, diagnostics: Diagnostic[]): Promise<void> {
    const inputs = (resource: RecordedResource) => resource.inputs;
    const views = viewsOf(request, inputs);
    const callsFor = callsByType(request);
    for (const view of views) {
        const { type, urn, name } = view.resource;
        for (const { policy, level, validation } of callsFor(type)) {
            const args: Record<string, unknown> = {
                type,
                props: view.props,
                urn,
                name,
                opts: view.opts,
                stackTags,
                isType: view.isType,
                asType: view.asType,
                getConfig: () => ({}),
                notApplicable: throwNotApplicable,
            };
            if (view.provider) args.provider = view.provider;
            try {
                // CrossGuard awaits every call; a rule that answers synchronously needs no turn of the loop.
                const pending = validation(args as never, reporter(policy, level, diagnostics, urn) as never);
                if (pending !== undefined) await pending;
            } catch (error) {
                failure(policy, request, error, diagnostics, urn);
            }
        }
    }
    if (request.checkReadOnly) assertUntouched(views, inputs, "inputs");
}

/** AnalyzeStack: every stack policy on one stack of outputs, linked by parent and dependencies. */
async function analyzeStack(request: SharedViewRequest, diagnostics: Diagnostic[]): Promise<void> {
    const outputs = (resource: RecordedResource) => resource.outputs;
    const views = viewsOf(request, outputs);
    const resources: PolicyResource[] = views.map((view) => {
        const { type, urn, name } = view.resource;
        const resource: Record<string, unknown> = {
            type,
            props: view.props,
            urn,
            name,
            opts: view.opts,
            dependencies: [],
            propertyDependencies: {},
            isType: view.isType,
            asType: view.asType,
        };
        if (view.provider) resource.provider = view.provider;
        return resource as unknown as PolicyResource;
    });
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const linked = (urns: string[]) => Object.freeze(urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined));
    views.forEach(({ resource: recorded }, i) => {
        const resource = resources[i] as unknown as Record<string, unknown>;
        const parent = recorded.parent ? byUrn.get(recorded.parent) : undefined;
        if (parent) resource.parent = parent;
        resource.dependencies = linked(recorded.dependencies);
        resource.propertyDependencies = Object.freeze(Object.fromEntries(Object.entries(recorded.propertyDependencies).map(([property, urns]) => [property, linked(urns)])));
        Object.freeze(resource);
    });
    Object.freeze(resources);
    const types = new Set(resources.map((r) => r.type));

    for (const policy of request.policies) {
        const level = levelOf(policy, request.packLevel);
        if (level === "disabled" || !policyKinds.isStackPolicy(policy)) continue;
        const single = policyKinds.getPulumiType(policy.validateStack);
        if (single && !types.has(single)) continue;
        const report = reporter(policy, level, diagnostics, undefined);
        try {
            await policy.validateStack({ resources, getConfig: () => ({}), stackTags, notApplicable: throwNotApplicable } as never, report as never);
        } catch (error) {
            failure(policy, request, error, diagnostics, undefined);
        }
    }
    if (request.checkReadOnly) assertUntouched(views, outputs, "outputs");
}

/** The diagnostics of Analyze on every resource (each defaulting to its URN) and then of AnalyzeStack. */
export async function analyzeSharedView(request: SharedViewRequest): Promise<Diagnostic[]> {
    const diagnostics: Diagnostic[] = [];
    await analyzeResources(request, diagnostics);
    await analyzeStack(request, diagnostics);
    return diagnostics;
}
