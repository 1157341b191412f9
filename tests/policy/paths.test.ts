import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { planStack } from "../../tools/plan";
import { ProgramRun } from "../../tools/engine/run";
import { resolvePolicyConfig } from "../../tools/policy/config";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../../policy/rules";
import * as values from "../../policy/lib/values";
import { IDENTIFYING_PROPERTIES } from "../../policy/rules/reachability/links";
import { recordedPlatform } from "./rules-support/platform";

/**
 * Every property path a rule reads must exist on the provider's types: a misspelt or renamed field
 * (`serverSideEncryptionConfiguration.rules` where @pulumi/aws 7.48 has the singular `rule`) reads as
 * "not set" and turns into a false finding or a missed one. The test runs every policy on recorded
 * programs with props that record each key read from them (rooted at the resource, per type), then
 * walks each path through @pulumi/aws's `<Resource>Args` (inputs, what Analyze sees) and the resource
 * class (outputs, what AnalyzeStack sees) with the TypeScript compiler API.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAMS = [
    path.join(ROOT, "examples", "insecure", "index.ts"),
    ...["corpus", "precision"].flatMap((dir) => {
        const folder = path.join(__dirname, dir);
        if (!fs.existsSync(folder)) return [];
        return fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(folder, e.name, "index.ts"));
    }),
];

/**
 * Keys read on any resource by design, whatever its type: the exemption tag (policy/lib/rule.ts) and
 * the names a stack rule may know a resource by (reachability/links.ts). A type without them reads
 * as "not set", which is right.
 */
const GENERIC_KEYS = new Set(["tags", ...IDENTIFYING_PROPERTIES]);

/** type -> dotted paths read ("[]" for an array index) */
type Reads = Map<string, Set<string>>;

// CrossGuard's proxies answer this key with their target (policy/lib/values.ts reads it); a recording proxy must not.
const PROXY_TARGET = "__getSpecialProxyTarget";

/** Where each recording proxy sits: its resource type and its path from the resource's props. */
const placeOf = new WeakMap<object, { type: string; at: string[]; reads: Reads }>();

function note(reads: Reads, type: string, where: string[]): void {
    let set = reads.get(type);
    if (!set) reads.set(type, (set = new Set()));
    set.add(where.join("."));
}

/**
 * Rules read through `get(value, ...path)` (policy/lib/values.ts), which stops at the first key not
 * set: a misspelt path under an unset block would never be touched. So `get` itself notes the whole
 * path it was asked for when it starts from a recording proxy. (Rules call it through the module
 * object, `(0, values_1.get)(...)`, so replacing the export reaches them.)
 */
function recordingGet<F extends (value: unknown, ...path: (string | number)[]) => unknown>(original: F): F {
    return ((value: unknown, ...steps: (string | number)[]) => {
        const place = typeof value === "object" && value !== null ? placeOf.get(value) : undefined;
        if (place) note(place.reads, place.type, [...place.at, ...steps.map((s) => (typeof s === "number" ? "[]" : s))]);
        return original(value, ...steps);
    }) as F;
}

function recording(value: unknown, type: string, at: string[], reads: Reads): unknown {
    if (typeof value !== "object" || value === null) return value;
    const proxies = new Map<PropertyKey, unknown>();
    const proxy = new Proxy(value as object, {
        get(target, key, receiver) {
            const got = Reflect.get(target, key, receiver);
            if (typeof key !== "string" || key === PROXY_TARGET || (Array.isArray(target) && !/^\d+$/.test(key))) return got;
            const step = Array.isArray(target) ? "[]" : key;
            const where = [...at, step];
            note(reads, type, where);
            if (!proxies.has(key)) proxies.set(key, recording(got, type, where, reads));
            return proxies.get(key);
        },
    });
    placeOf.set(proxy, { type, at, reads });
    return proxy;
}

async function recordReads(run: ProgramRun, reads: Reads): Promise<void> {
    const resolved = resolvePolicyConfig(policies, PACK_ENFORCEMENT_LEVEL);
    const getConfigOf = (name: string) => () => structuredClone(resolved.get(name)!.properties);
    const ignore = () => undefined;
    for (const policy of policies) {
        if ("validateStack" in policy) {
            const resources: PolicyResource[] = run.resources.map((r) => ({
                type: r.type,
                urn: r.urn,
                name: r.name,
                props: recording(r.outputs, r.type, [], reads) as Record<string, any>,
                opts: { protect: r.options.protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
                parent: undefined,
                dependencies: [],
                propertyDependencies: r.propertyDependencies as never,
                isType: () => false,
                asType: () => undefined,
            })) as never;
            await (policy as StackValidationPolicy).validateStack({ resources, getConfig: getConfigOf(policy.name), stackTags: new Map() } as never, ignore);
            continue;
        }
        const validate = (policy as ResourceValidationPolicy).validateResource;
        for (const fn of Array.isArray(validate) ? validate : validate ? [validate] : []) {
            for (const r of run.resources) {
                const props = recording(r.inputs, r.type, [], reads) as Record<string, any>;
                await fn({ type: r.type, urn: r.urn, name: r.name, props, opts: {} as never, stackTags: new Map(), isType: () => false, asType: () => undefined, getConfig: getConfigOf(policy.name), notApplicable: () => undefined as never } as never, ignore);
            }
        }
    }
}

/** The TypeScript view of @pulumi/aws: `<Resource>Args` and the resource class for each type token. */
class ProviderTypes {
    private readonly checker: ts.TypeChecker;
    private readonly byToken = new Map<string, ts.Type[]>();

    constructor(tokens: string[]) {
        const modules = tokens.map((token) => ({ token, module: moduleOf(token) })).filter((t): t is { token: string; module: { file: string; name: string } } => t.module !== undefined);
        const source = modules.map((m, i) => `import type { ${m.module.name} as R${i}, ${m.module.name}Args as A${i} } from "@pulumi/aws/${m.module.file}";\nexport type R${i}_ = R${i}; export type A${i}_ = A${i};`).join("\n");
        const file = path.join(ROOT, "__policy_paths__.ts");
        const options: ts.CompilerOptions = { strict: true, skipLibCheck: true, types: [], noEmit: true, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022 };
        const host = ts.createCompilerHost(options);
        const getSourceFile = host.getSourceFile;
        host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest));
        const fileExists = host.fileExists;
        host.fileExists = (name) => name === file || fileExists(name);
        const program = ts.createProgram([file], options, host);
        this.checker = program.getTypeChecker();
        const exported = this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(program.getSourceFile(file)!)!);
        modules.forEach((m, i) => {
            const types = [`R${i}_`, `A${i}_`].map((n) => exported.find((e) => e.name === n)).filter((s): s is ts.Symbol => s !== undefined).map((s) => this.checker.getDeclaredTypeOfSymbol(s));
            if (types.length === 2 && types.every((t) => this.checker.getPropertiesOfType(t).length > 0)) this.byToken.set(m.token, types);
        });
    }

    known(token: string): boolean {
        return this.byToken.has(token);
    }

    /** The types an Input<T> / Output<T> / T | undefined / T[] stands for, with wrappers taken off. */
    private plain(type: ts.Type): ts.Type[] {
        const parts = type.isUnion() ? type.types : [type];
        return parts.flatMap((part) => {
            if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return [];
            const apply = part.getProperty("apply");
            const then = part.getProperty("then");
            const args = (part as ts.TypeReference).aliasTypeArguments ?? this.checker.getTypeArguments(part as ts.TypeReference);
            // Output<T> and Promise<T>: their T is the value the engine sends.
            if ((apply || then) && args && args.length > 0) return this.plain(args[0]);
            return [part];
        });
    }

    exists(token: string, dotted: string): boolean {
        let current = this.byToken.get(token)!;
        for (const step of dotted.split(".")) {
            const next: ts.Type[] = [];
            for (const type of current.flatMap((t) => this.plain(t))) {
                if (step === "[]") {
                    if (this.checker.isArrayType(type)) next.push(this.checker.getTypeArguments(type as ts.TypeReference)[0]);
                    continue;
                }
                const property = type.getProperty(step);
                if (property) next.push(this.checker.getTypeOfSymbol(property));
                else {
                    const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
                    if (index) next.push(index.type);
                }
            }
            if (next.length === 0) return false;
            current = next;
        }
        return true;
    }
}

/** "aws:s3/bucket:Bucket" -> s3/bucket.d.ts's Bucket; the provider resource -> provider.d.ts. */
function moduleOf(token: string): { file: string; name: string } | undefined {
    if (token === "pulumi:providers:aws") return { file: "provider", name: "Provider" };
    const match = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):([A-Za-z0-9]+)$/.exec(token);
    if (!match) return undefined;
    const [, module, file, name] = match;
    const dir = module === "index" ? "" : `${module}/`;
    return fs.existsSync(path.join(ROOT, "node_modules", "@pulumi", "aws", `${dir}${file}.d.ts`)) ? { file: `${dir}${file}`, name } : undefined;
}

describe("rules read only properties the provider has (checked against @pulumi/aws's types)", function () {
    this.timeout(600000);
    const reads: Reads = new Map();
    let types: ProviderTypes;

    before(async () => {
        const runs: ProgramRun[] = [await recordedPlatform()];
        for (const program of PROGRAMS) runs.push((await planStack({ stack: "dev", program })).run);
        const original = values.get;
        (values as { get: typeof values.get }).get = recordingGet(original);
        try {
            for (const run of runs) await recordReads(run, reads);
        } finally {
            (values as { get: typeof values.get }).get = original;
        }
        types = new ProviderTypes([...reads.keys()]);
    });

    it("records reads on most of the resource types the rules judge", () => {
        assert.ok([...reads.keys()].filter((t) => types.known(t)).length >= 60, `only ${reads.size} types read`);
        assert.ok(reads.get("aws:s3/bucket:Bucket")?.has("serverSideEncryptionConfiguration"), "the bucket encryption rule was not exercised");
    });

    it("walks a path through Input, Output, arrays and maps, and rejects a misspelt one", () => {
        assert.ok(types.exists("aws:s3/bucket:Bucket", "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm"));
        assert.ok(types.exists("aws:s3/bucket:Bucket", "tags.anything"));
        assert.ok(types.exists("aws:cloudfront/distribution:Distribution", "origins.[].s3OriginConfig.originAccessIdentity"));
        assert.ok(!types.exists("aws:s3/bucket:Bucket", "serverSideEncryptionConfiguration.rules"));
        assert.ok(!types.exists("aws:s3/bucket:Bucket", "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefaults"));
    });

    it("finds every path a rule read on the resource's args or outputs", () => {
        const missing: string[] = [];
        for (const [token, paths] of reads) {
            if (!types.known(token)) continue;
            for (const dotted of [...paths].sort()) if (!GENERIC_KEYS.has(dotted) && !types.exists(token, dotted)) missing.push(`${token}: ${dotted}`);
        }
        assert.deepStrictEqual(missing, []);
    });
});
