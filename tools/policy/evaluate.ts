import * as fs from "fs";
import * as path from "path";
import type { EnforcementLevel, Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ProgramRun } from "../engine/run";
import { defaultOptions, RecordedResource, withoutResourceReferences } from "../engine/recorder";
import { ConfigurablePolicy, PolicyConfigFile, resolvePolicyConfig, ResolvedPolicyConfig } from "./config";
import { parseSuppressed } from "../../policy/lib/rule";
import { deepFreeze } from "../../policy/lib/values";
import { analyzeSharedView, Diagnostic, durationSeconds, ProviderInfo } from "./shared-view";

export { durationSeconds };
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies as bulwarkPolicies } from "../../policy/rules";

/**
 * Evaluates a policy pack on a recorded program run, with one of two engines that hand policies the
 * same arguments and return the same diagnostics:
 * - "crossguard": CrossGuard's own analyzer code, the functions `pulumi preview --policy-pack`
 *   reaches over gRPC (makeAnalyzeRpcFun and makeAnalyzeStackRpcFun in @pulumi/policy/server), fed
 *   the AnalyzeRequest / AnalyzeStackRequest protobufs the engine would send. These functions are
 *   internal to @pulumi/policy (pinned at 1.21.0; tests/policy/evaluate.test.ts guards the contract).
 * - "shared" (the default): the same semantics with each resource deserialized once for all
 *   policies (./shared-view.ts), which is what lets a 10,000-resource stack evaluate in well under a second.
 * The tests hold the two to identical findings: every policy test (tests/policy/helpers.ts runs both),
 * every corpus program as deployed and as previewed, both stacks and the insecure example.
 */

// Internal modules without typings: the analyzer implementation and the protobufs it speaks.
const server = require("@pulumi/policy/server");
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct, Value } = require("google-protobuf/google/protobuf/struct_pb");

export interface Violation {
    policy: string;
    level: "mandatory" | "advisory";
    urn: string | null;
    name: string | null;
    type: string | null;
    message: string;
    suppressed: boolean;
    reason: string | null;
}

/** A diagnostic that is not a finding: a policy that could not judge a value unknown in preview. */
export interface PolicyNote {
    policy: string;
    urn: string | null;
    message: string;
}

export interface Evaluation {
    violations: Violation[];
    notes: PolicyNote[];
}

export type PolicyEngine = "shared" | "crossguard";
export const POLICY_ENGINES: readonly PolicyEngine[] = ["shared", "crossguard"];

export interface EvaluateOptions {
    /** How the policies are run; both give the same findings (see above). */
    engine?: PolicyEngine;
    /** Shared engine only: fail if a policy changed a property view it was handed (tests use it). */
    checkReadOnly?: boolean;
    /** The pack's policies; Bulwark's by default. */
    policies?: Policies;
    /** A parsed policy config file (`{"all": ..., "<policy>": ...}`). */
    config?: PolicyConfigFile;
    packName?: string;
    packVersion?: string;
    packLevel?: EnforcementLevel;
}

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy");

export function packVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version;
}

/** The analyzer's level enum back to CrossGuard's names. */
function levelName(level: number): EnforcementLevel {
    const names: Record<number, EnforcementLevel> = {
        [analyzerProto.EnforcementLevel.ADVISORY]: "advisory",
        [analyzerProto.EnforcementLevel.MANDATORY]: "mandatory",
        [analyzerProto.EnforcementLevel.REMEDIATE]: "remediate",
        [analyzerProto.EnforcementLevel.DISABLED]: "disabled",
    };
    return names[level] ?? "advisory";
}

function optionsOf(resource: RecordedResource): any {
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setProtect(resource.options.protect);
    options.setIgnorechangesList(resource.options.ignoreChanges);
    options.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
    options.setAliasesList(resource.options.aliases);
    if (resource.options.deleteBeforeReplace !== undefined) {
        options.setDeletebeforereplacedefined(true);
        options.setDeletebeforereplace(resource.options.deleteBeforeReplace);
    }
    const timeouts = resource.options.customTimeouts;
    if (timeouts) {
        const proto = new analyzerProto.AnalyzerResourceOptions.CustomTimeouts();
        proto.setCreate(durationSeconds(timeouts.create));
        proto.setUpdate(durationSeconds(timeouts.update));
        proto.setDelete(durationSeconds(timeouts.delete));
        options.setCustomtimeouts(proto);
    }
    if (resource.parent) options.setParent(resource.parent);
    return options;
}

function providerProto(provider: ProviderInfo): any {
    const proto = new analyzerProto.AnalyzerProviderResource();
    proto.setType(provider.type);
    proto.setUrn(provider.urn);
    proto.setName(provider.name);
    proto.setProperties(Struct.fromJavaScript(withoutResourceReferences(provider.properties)));
    return proto;
}

function packageVersion(pkg: string): string | undefined {
    try {
        return require(`@pulumi/${pkg}/package.json`).version;
    } catch {
        return undefined;
    }
}

/**
 * The providers of a run: explicit ones as recorded, and for each package used without one, the
 * default provider the engine creates (`default_7_48_0`), configured with the stack's region.
 */
export function providersOf(run: ProgramRun): { defaults: RecordedResource[]; providerOf: (resource: RecordedResource) => ProviderInfo | undefined } {
    const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
    const defaults = new Map<string, RecordedResource>();
    const defaultFor = (pkg: string): RecordedResource => {
        let provider = defaults.get(pkg);
        if (!provider) {
            const version = packageVersion(pkg);
            const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
            const type = `pulumi:providers:${pkg}`;
            const inputs: Record<string, unknown> = pkg === "aws" ? { region: run.region } : {};
            if (version) inputs.version = version;
            provider = {
                urn: `urn:pulumi:${run.stack}::${run.project}::${type}::${name}`,
                type,
                name,
                custom: true,
                parent: null,
                provider: null,
                id: null,
                inputs,
                outputs: inputs,
                options: defaultOptions({ version: version ?? null }),
                dependencies: [],
                propertyDependencies: {},
            };
            defaults.set(pkg, provider);
        }
        return provider;
    };
    const info = (provider: RecordedResource, properties: Record<string, unknown>): ProviderInfo => ({ type: provider.type, urn: provider.urn, name: provider.name, properties });
    const providerOf = (resource: RecordedResource): ProviderInfo | undefined => {
        if (!resource.custom || resource.type.startsWith("pulumi:providers:")) return undefined;
        if (resource.provider) {
            // A provider reference is `<urn>::<id>`.
            const urn = resource.provider.slice(0, resource.provider.lastIndexOf("::"));
            const explicit = byUrn.get(urn);
            if (explicit) return info(explicit, explicit.inputs);
        }
        const pkg = resource.type.split(":")[0];
        const provider = defaultFor(pkg);
        return info(provider, provider.inputs);
    };
    // Resolve every resource once so that all default providers exist before analysis.
    for (const resource of run.resources) providerOf(resource);
    return { defaults: [...defaults.values()], providerOf };
}

/**
 * The parts of a resource's messages that Analyze and AnalyzeStack share. The analyzer only reads the
 * messages it is given, so one inputs Struct (also the base of the outputs' Struct), one options
 * message and one provider message (per provider, not per resource) serve every request: the engine's
 * bytes would decode to the same values.
 */
interface SharedParts {
    inputs: any;
    options: any;
    provider: any | undefined;
}

function sharedParts(resources: RecordedResource[], providerOf: (resource: RecordedResource) => ProviderInfo | undefined): Map<RecordedResource, SharedParts> {
    const providers = new Map<string, any>();
    const parts = new Map<RecordedResource, SharedParts>();
    for (const resource of resources) {
        const info = providerOf(resource);
        let provider: any | undefined;
        if (info) {
            provider = providers.get(info.urn);
            if (!provider) providers.set(info.urn, (provider = providerProto(info)));
        }
        // The engine marshals a resource reference for an analyzer as the resource's id (or a component's URN).
        parts.set(resource, { inputs: Struct.fromJavaScript(withoutResourceReferences(resource.inputs)), options: optionsOf(resource), provider });
    }
    return parts;
}

/**
 * The outputs as a Struct, reusing the inputs' Value message for each property whose output is the
 * very object given as input (the provider left it as it was): it encodes the same JSON, and the
 * analyzer only reads it. Saves converting most of a resource's properties a second time.
 */
function outputsStruct(resource: RecordedResource, inputs: any): any {
    const struct = new Struct();
    const fields = struct.getFieldsMap();
    const inputFields = inputs.getFieldsMap();
    for (const property in resource.outputs) {
        const value = resource.outputs[property];
        const same = typeof value === "object" && value !== null && resource.inputs[property] === value;
        fields.set(property, (same && inputFields.get(property)) || Value.fromJavaScript(withoutResourceReferences(value)));
    }
    return struct;
}

function analyzeRequest(resource: RecordedResource, parts: SharedParts): any {
    const request = new analyzerProto.AnalyzeRequest();
    request.setType(resource.type);
    request.setUrn(resource.urn);
    request.setName(resource.name);
    request.setProperties(parts.inputs);
    request.setOptions(parts.options);
    if (parts.provider) request.setProvider(parts.provider);
    return request;
}

function stackResource(resource: RecordedResource, parts: SharedParts): any {
    const proto = new analyzerProto.AnalyzerResource();
    proto.setType(resource.type);
    proto.setUrn(resource.urn);
    proto.setName(resource.name);
    proto.setProperties(outputsStruct(resource, parts.inputs));
    proto.setOptions(parts.options);
    if (parts.provider) proto.setProvider(parts.provider);
    if (resource.parent) proto.setParent(resource.parent);
    proto.setDependenciesList(resource.dependencies);
    const map = proto.getPropertydependenciesMap();
    for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
        const deps = new analyzerProto.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        map.set(property, deps);
    }
    return proto;
}

function call(fn: (call: { request: unknown }, callback: (err: unknown, response: any) => void) => unknown, request: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
        fn({ request }, (err, response) => (err ? reject(err) : resolve(response)));
    });
}

/** Gives each policy the level and settings the config resolves to, as the engine's `configure` call would. */
function configure(policies: Policies, resolved: Map<string, ResolvedPolicyConfig>): Policies {
    return policies.map((policy) => {
        const { level, properties } = resolved.get(policy.name)!;
        // As CrossGuard's getConfig: a new object each call over values it never copies; frozen here so a
        // policy that writes to its settings fails instead of changing them for the next resource.
        const settings = deepFreeze(structuredClone(properties));
        const getConfig = () => ({ ...settings });
        const withConfig = <F extends (args: any, report: any) => unknown>(fn: F): F => {
            const wrapped = ((args: any, report: any) => fn({ ...args, getConfig }, report)) as F;
            const pulumiType = (fn as unknown as { __pulumiType?: string }).__pulumiType;
            if (pulumiType) (wrapped as unknown as { __pulumiType: string }).__pulumiType = pulumiType;
            return wrapped;
        };
        if ("validateStack" in policy && policy.validateStack) {
            return { ...policy, enforcementLevel: level, validateStack: withConfig(policy.validateStack) } as StackValidationPolicy;
        }
        const resourcePolicy = policy as ResourceValidationPolicy;
        const validate = resourcePolicy.validateResource;
        const validateResource = Array.isArray(validate) ? validate.map(withConfig) : validate ? withConfig(validate) : undefined;
        return { ...resourcePolicy, enforcementLevel: level, validateResource } as ResourceValidationPolicy;
    });
}

const PREVIEW_NOTE = /^can't run (policy|remediation) '.*' from policy pack '.*' during preview: /;

/** The diagnostics of CrossGuard's analyzer: Analyze on every resource, then AnalyzeStack. */
async function analyzeWithCrossGuard(resources: RecordedResource[], providerOf: (resource: RecordedResource) => ProviderInfo | undefined, configured: Policies, name: string, version: string, packLevel: EnforcementLevel): Promise<Diagnostic[]> {
    const analyze = server.makeAnalyzeRpcFun(name, version, packLevel, configured);
    const analyzeStack = server.makeAnalyzeStackRpcFun(name, version, packLevel, configured);
    const diagnostics: Diagnostic[] = [];
    const collect = (response: any, fallbackUrn: string | undefined) => {
        for (const diagnostic of response.getDiagnosticsList()) {
            diagnostics.push({
                policyName: diagnostic.getPolicyname(),
                urn: diagnostic.getUrn() || fallbackUrn,
                message: diagnostic.getMessage(),
                enforcementLevel: levelName(diagnostic.getEnforcementlevel()),
            });
        }
    };
    const parts = sharedParts(resources, providerOf);
    for (const resource of resources) {
        try {
            collect(await call(analyze, analyzeRequest(resource, parts.get(resource)!)), resource.urn);
        } catch (error) {
            throw Object.assign(error as Error, { urn: resource.urn });
        }
    }
    const stackRequest = new analyzerProto.AnalyzeStackRequest();
    stackRequest.setResourcesList(resources.map((r) => stackResource(r, parts.get(r)!)));
    collect(await call(analyzeStack, stackRequest), undefined);
    return diagnostics;
}

const POLICY_CRASH = /^Error validating resource with policy '([^']+)' from policy pack '([^']+)':\n(?:(.*)\n)?/;

/**
 * A policy that threw (a bug in the pack, not a finding) as a one-line summary ahead of the
 * analyzer's own message and stack: which policy, on which resource, the error, and what to do
 * until the policy is fixed. Anything else is passed on as it is.
 */
function policyFailure(error: unknown): unknown {
    const message = error instanceof Error ? error.message : String(error);
    const match = POLICY_CRASH.exec(message);
    if (!match) return error;
    const [, policy, pack, cause] = match;
    const urn = (error as { urn?: string }).urn;
    const on = urn ? ` on ${urn}` : " on the stack";
    const summary =
        `the plan cannot judge this program: policy '${policy}' of ${pack} failed${on}: ${(cause ?? "").trim() || "no message"}. ` +
        `That is a bug in the policy, not a finding: report it with the program, and meanwhile set "${policy}": "disabled" in a --policy-config file.`;
    return Object.assign(new Error(`${summary}\n${message}`), { urn });
}

/**
 * Runs every resource's inputs through the resource policies (Analyze) and the stack's outputs
 * through the stack policies (AnalyzeStack), and sorts the diagnostics into violations (suppressed
 * ones marked, with their reason) and notes (policies that could not see a value in preview).
 */
export async function evaluate(run: ProgramRun, options: EvaluateOptions = {}): Promise<Evaluation> {
    const policies = options.policies ?? (bulwarkPolicies as Policies);
    const name = options.packName ?? PACK_NAME;
    const version = options.packVersion ?? packVersion();
    const packLevel = options.packLevel ?? PACK_ENFORCEMENT_LEVEL;
    const resolved = resolvePolicyConfig(policies as ConfigurablePolicy[], packLevel, options.config);
    const configured = configure(policies, resolved);

    const { defaults, providerOf } = providersOf(run);
    const resources = [...defaults, ...run.resources];
    let diagnostics: Diagnostic[];
    try {
        diagnostics =
            options.engine === "crossguard"
                ? await analyzeWithCrossGuard(resources, providerOf, configured, name, version, packLevel)
                : await analyzeSharedView({ resources, providerOf, policies: configured, packName: name, packVersion: version, packLevel, checkReadOnly: options.checkReadOnly });
    } catch (error) {
        throw policyFailure(error);
    }

    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const descriptions = new Map(policies.map((p) => [p.name, p.description]));
    const violations: Violation[] = [];
    const notes: PolicyNote[] = [];
    for (const diagnostic of diagnostics) {
        const policy = diagnostic.policyName;
        const urn = diagnostic.urn ?? null;
        let message = diagnostic.message;
        const level = diagnostic.enforcementLevel;
        if (level === "advisory" && PREVIEW_NOTE.test(message)) {
            notes.push({ policy, urn, message });
            continue;
        }
        // The string form of ReportViolation prefixes the policy's description.
        const description = descriptions.get(policy);
        if (description && message.startsWith(`${description}\n`)) message = message.slice(description.length + 1);
        const suppressed = parseSuppressed(message);
        const configuredLevel = resolved.get(policy)?.level;
        const effective = suppressed ? configuredLevel : level;
        const resource = urn ? byUrn.get(urn) : undefined;
        violations.push({
            policy,
            level: effective === "mandatory" || effective === "remediate" ? "mandatory" : "advisory",
            urn,
            name: resource?.name ?? null,
            type: resource?.type ?? null,
            message: suppressed ? suppressed.message : message,
            suppressed: suppressed !== undefined,
            reason: suppressed?.reason ?? null,
        });
    }

    const order = new Map(resources.map((r, i) => [r.urn, i]));
    const rank = (v: { urn: string | null }) => (v.urn !== null && order.has(v.urn) ? order.get(v.urn)! : resources.length);
    violations.sort((a, b) => rank(a) - rank(b));
    return { violations, notes };
}
