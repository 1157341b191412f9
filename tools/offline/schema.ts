import * as fs from "fs";
import * as path from "path";

/**
 * What @pulumi/aws itself declares about a resource type, read from the SDK module the program
 * uses: which properties are inputs, which are computed by AWS only (`undefined /*out*\/`), and
 * each output's declared TypeScript type. The SDK is generated from the provider schema, so this is
 * the schema without shipping one.
 */
export interface ResourceSchema {
    inputs: Set<string>;
    required: Set<string>;
    /** Properties AWS computes and the program cannot set, with their declared types (`string`, `number`, `string[]`, ...). */
    outputs: Map<string, string>;
}

const cache = new Map<string, ResourceSchema | null>();
let awsRoot: string | null | undefined;

/** The folder of the @pulumi/aws the program resolves, or null when it has none. */
export function sdkRoot(): string | null {
    if (awsRoot === undefined) {
        try {
            awsRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));
        } catch {
            awsRoot = null;
        }
    }
    return awsRoot;
}

/** `aws:dynamodb/table:Table` -> `<sdk>/dynamodb/table.js`; null for other packages and for files the SDK lacks. */
function moduleFile(type: string): string | null {
    const match = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):[A-Za-z0-9]+$/.exec(type);
    const root = sdkRoot();
    if (!match || !root) return null;
    const dir = match[1] === "index" ? root : path.join(root, match[1]);
    const file = path.join(dir, `${match[2]}.js`);
    return fs.existsSync(file) ? file : null;
}

function parse(file: string): ResourceSchema {
    const source = fs.readFileSync(file, "utf8");
    const inputs = new Set([...source.matchAll(/resourceInputs\["(\w+)"\] = args\?\.\w+/g)].map((m) => m[1]));
    const required = new Set([...source.matchAll(/Missing required property '(\w+)'/g)].map((m) => m[1]));
    const declarations = fs.existsSync(file.replace(/\.js$/, ".d.ts")) ? fs.readFileSync(file.replace(/\.js$/, ".d.ts"), "utf8") : "";
    const outputs = new Map<string, string>();
    for (const [, name] of source.matchAll(/resourceInputs\["(\w+)"\] = undefined \/\*out\*\//g)) {
        const declared = new RegExp(`readonly ${name}: pulumi\\.Output<([\\s\\S]*?)>;\\n`).exec(declarations);
        outputs.set(name, declared ? declared[1].replace(/\s+/g, " ").trim() : "unknown");
    }
    return { inputs, required, outputs };
}

/** The schema of an AWS resource type, or null when @pulumi/aws has no such module (another package, a typo). */
export function resourceSchema(type: string): ResourceSchema | null {
    if (!cache.has(type)) {
        const file = moduleFile(type);
        cache.set(type, file ? parse(file) : null);
    }
    return cache.get(type)!;
}

const resultCache = new Map<string, Map<string, string> | null>();

/**
 * The fields an invoke's result declares as always present (`readonly x: T`, not `x?: T`), with
 * their types, from the SDK's `Get...Result` interface; null when the SDK has no such invoke.
 */
export function invokeResultSchema(token: string): Map<string, string> | null {
    if (!resultCache.has(token)) resultCache.set(token, parseResult(token));
    return resultCache.get(token)!;
}

function parseResult(token: string): Map<string, string> | null {
    const match = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
    const root = sdkRoot();
    if (!match || !root) return null;
    const file = path.join(match[1] === "index" ? root : path.join(root, match[1]), `${match[2]}.d.ts`);
    if (!fs.existsSync(file)) return null;
    const name = `${match[3][0].toUpperCase()}${match[3].slice(1)}Result`;
    const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(fs.readFileSync(file, "utf8"));
    if (!body) return null;
    const fields = new Map<string, string>();
    for (const [, field, declared] of body[1].matchAll(/readonly (\w+): ([^;]*);/g)) fields.set(field, declared.replace(/\s+/g, " ").trim());
    return fields;
}
