import * as crypto from "crypto";
import * as fs from "fs";
import type { ProgramRun } from "../engine/run";
import { RecordedResource, SECRET_SIG, SPECIAL_SIG_KEY } from "../engine/recorder";
import { providersOf } from "../policy/evaluate";

/**
 * A program run as the stack export `pulumi stack export` would give after `pulumi up` of it
 * (apitype.UntypedDeployment version 3, pulumi/pulumi sdk/go/common/apitype/core.go), so that a
 * stack planned from TypeScript and the same stack read back with `--from-state` can be compared.
 *
 * What the export holds is what the run recorded: inputs as the program registered them with the
 * auto-names Check would add (the mocks run no provider Check, so other provider defaults are
 * absent, as they are in the plan), outputs as the offline AWS returned them, a default provider per
 * package (`pulumi:providers:aws::default_<version>`, configured with the stack's region) named by
 * every custom resource without an explicit one, and `dependsOn` folded into `dependencies` as the
 * engine stores it. Secrets are encrypted with a key that is thrown away (no secrets provider can
 * open them, like a real export read without its passphrase), or written as plaintext when asked
 * (`pulumi stack export --show-secrets`).
 */

export interface ExportOptions {
    /** Write secrets as `{"plaintext": "<json>"}`, as `pulumi stack export --show-secrets` does. */
    showSecrets?: boolean;
    /** The manifest's time; now by default. */
    time?: string;
}

const KEY = crypto.randomBytes(32);

function ciphertext(value: unknown): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", KEY, nonce);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}

function stored(value: unknown, options: ExportOptions): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => stored(v, options));
    const object = value as Record<string, unknown>;
    if (object[SPECIAL_SIG_KEY] === SECRET_SIG) {
        const inner = unwrapSecrets(object.value);
        return options.showSecrets ? { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(inner) } : { [SPECIAL_SIG_KEY]: SECRET_SIG, ciphertext: ciphertext(inner) };
    }
    const copy: Record<string, unknown> = {};
    for (const key in object) if (object[key] !== undefined) copy[key] = stored(object[key], options);
    return copy;
}

/** The engine stores a secret nested in a secret once, at the outer level. */
function unwrapSecrets(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    const object = value as Record<string, unknown>;
    if (object[SPECIAL_SIG_KEY] === SECRET_SIG) return unwrapSecrets(object.value);
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, unwrapSecrets(v)]));
}

/** A stable provider ID (the engine assigns a UUID when it creates the provider). */
function providerId(urn: string): string {
    const hex = crypto.createHash("sha256").update(urn).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function seconds(duration: string | undefined): number | undefined {
    if (!duration) return undefined;
    let total = 0;
    for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) total += Number(amount) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit as "h" | "m" | "s" | "ms"];
    return total;
}

function resourceV3(resource: RecordedResource, provider: string | undefined, options: ExportOptions, time: string): Record<string, unknown> {
    const o = resource.options;
    const state: Record<string, unknown> = { urn: resource.urn, custom: resource.custom };
    if (resource.custom && resource.id) state.id = resource.id;
    state.type = resource.type;
    if (Object.keys(resource.inputs).length > 0) state.inputs = stored(resource.inputs, options);
    if (Object.keys(resource.outputs).length > 0) state.outputs = stored(resource.outputs, options);
    if (resource.parent) state.parent = resource.parent;
    if (o.protect) state.protect = true;
    const dependencies = [...new Set([...resource.dependencies, ...o.dependsOn])];
    if (dependencies.length > 0) state.dependencies = dependencies;
    if (provider) state.provider = provider;
    const propertyDependencies = Object.fromEntries(Object.entries(resource.propertyDependencies).filter(([, urns]) => urns.length > 0));
    if (Object.keys(propertyDependencies).length > 0) state.propertyDependencies = propertyDependencies;
    if (o.additionalSecretOutputs.length > 0) state.additionalSecretOutputs = o.additionalSecretOutputs;
    if (o.aliases.length > 0) state.aliases = o.aliases;
    if (o.customTimeouts) {
        const timeouts = Object.fromEntries(Object.entries({ create: seconds(o.customTimeouts.create), update: seconds(o.customTimeouts.update), delete: seconds(o.customTimeouts.delete) }).filter(([, v]) => v));
        if (Object.keys(timeouts).length > 0) state.customTimeouts = timeouts;
    }
    if (o.retainOnDelete) state.retainOnDelete = true;
    if (o.deletedWith) state.deletedWith = o.deletedWith;
    if (o.ignoreChanges.length > 0) state.ignoreChanges = o.ignoreChanges;
    if (o.replaceOnChanges.length > 0) state.replaceOnChanges = o.replaceOnChanges;
    state.created = time;
    state.modified = time;
    return state;
}

/** The stack export of a run: the root stack first, then the default providers, then the resources in registration order. */
export function exportOf(run: ProgramRun, options: ExportOptions = {}): { version: 3; deployment: Record<string, unknown> } {
    const time = options.time ?? new Date().toISOString();
    const { defaults, providerOf } = providersOf(run);
    const ids = new Map<string, string>();
    for (const provider of [...defaults, ...run.resources.filter((r) => r.type.startsWith("pulumi:providers:"))]) ids.set(provider.urn, provider.id ?? providerId(provider.urn));
    const reference = (resource: RecordedResource): string | undefined => {
        if (resource.provider) return resource.provider;
        const info = providerOf(resource);
        return info ? `${info.urn}::${ids.get(info.urn)}` : undefined;
    };
    const root = run.resources.filter((r) => r.type === "pulumi:pulumi:Stack" && r.parent === null);
    const rest = run.resources.filter((r) => !root.includes(r));
    const resources = [
        ...root.map((r) => resourceV3(r, undefined, options, time)),
        ...defaults.map((p) => resourceV3({ ...p, id: ids.get(p.urn)! }, undefined, options, time)),
        ...rest.map((r) => resourceV3(r.type.startsWith("pulumi:providers:") && !r.id ? { ...r, id: ids.get(r.urn)! } : r, reference(r), options, time)),
    ];
    const pulumiVersion: string = require("@pulumi/pulumi/package.json").version;
    const plugins = defaults.map((p) => ({ name: p.type.slice("pulumi:providers:".length), path: "", type: "resource", version: p.options.version ?? "" }));
    const salt = options.showSecrets ? undefined : `v1:${crypto.randomBytes(8).toString("base64")}:${ciphertext("pulumi")}`;
    return {
        version: 3,
        deployment: {
            manifest: { time, magic: crypto.createHash("sha256").update(pulumiVersion).digest("hex"), version: `v${pulumiVersion}`, plugins },
            secrets_providers: { type: "passphrase", state: salt ? { salt } : {} },
            resources,
        },
    };
}

/** `ts-node tools/input/export.ts --stack dev [--program index.ts] [--show-secrets] --file export.json`: plans a program and writes its export. */
async function main(argv: string[]): Promise<number> {
    const { planStack } = await import("../plan");
    const value = (flag: string) => {
        const i = argv.indexOf(flag);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const stack = value("--stack");
    const file = value("--file");
    if (!stack || !file) {
        process.stderr.write("usage: ts-node tools/input/export.ts --stack <name> [--program <file>] [--show-secrets] --file <export.json>\n");
        return 2;
    }
    const plan = await planStack({ stack, program: value("--program") });
    fs.writeFileSync(file, JSON.stringify(exportOf(plan.run, { showSecrets: argv.includes("--show-secrets") }), null, 4) + "\n");
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            process.stderr.write(`export: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
            process.exit(2);
        },
    );
}
