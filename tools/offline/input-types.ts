/**
 * The shapes @pulumi/aws declares for a resource's inputs (its `<Name>Args` interface and the
 * `inputs.<module>.<Type>` interfaces it names), enough to tell a list from a string from an object:
 * the provider's Check rejects a value of the wrong shape at `pulumi preview`, which mocks never run.
 */
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN } from "../engine/recorder";
import { sdkRoot } from "./schema";

export type InputShape =
    | { kind: "string" | "number" | "boolean" | "unknown" }
    | { kind: "list"; items: InputShape }
    | { kind: "map" }
    | { kind: "object"; fields: () => Map<string, InputShape> };

const UNKNOWN_SHAPE: InputShape = { kind: "unknown" };
let inputTypes: string | undefined;
const argsCache = new Map<string, Map<string, InputShape> | null>();
const objectCache = new Map<string, Map<string, InputShape>>();


/** The interface body `interface <name> { ... }` in a declaration file's text (indentation-delimited, as the SDK prints it). */
function interfaceBody(text: string, name: string, prefix: string, indent: string): string | undefined {
    const start = text.indexOf(`${prefix}interface ${name} {\n`);
    if (start === -1) return undefined;
    const end = text.indexOf(`\n${indent}}`, start);
    return text.slice(start, end === -1 ? undefined : end);
}

function fieldsOf(body: string): Map<string, InputShape> {
    const fields = new Map<string, InputShape>();
    // One declaration a field, `name?: type;`, possibly spread over lines (object literals).
    for (const match of `${body}\n`.matchAll(/^\s+(?:readonly )?(\w+)\??: ([\s\S]*?);\n(?=\s*(?:\/\*\*|(?:readonly )?\w+\??:|$))/gm)) {
        fields.set(match[1], shapeOf(match[2].replace(/\s+/g, " ").trim()));
    }
    return fields;
}

/** A declared type's shape: `pulumi.Input<pulumi.Input<string>[]>` is a list of strings. */
export function shapeOf(type: string): InputShape {
    let t = type.trim();
    for (;;) {
        const wrapped = /^pulumi\.Input<([\s\S]*)>$/.exec(t);
        if (!wrapped) break;
        t = wrapped[1].trim();
    }
    t = t.replace(/\s*\|\s*undefined$/, "").trim();
    if (t.endsWith("[]")) return { kind: "list", items: shapeOf(t.slice(0, -2).replace(/^\(|\)$/g, "")) };
    if (t.startsWith("{")) return { kind: "map" };
    if (/^(string|number|boolean)$/.test(t)) return { kind: t as "string" | "number" | "boolean" };
    if (/^(string|enums\.[\w.]+)( \| (string|enums\.[\w.]+))*$/.test(t)) return { kind: "string" };
    const ref = /^inputs\.(\w+)\.(\w+)$/.exec(t);
    if (ref) return { kind: "object", fields: () => objectFields(ref[1], ref[2]) };
    return UNKNOWN_SHAPE;
}

function objectFields(module: string, name: string): Map<string, InputShape> {
    const key = `${module}.${name}`;
    if (!objectCache.has(key)) {
        const sdk = sdkRoot();
        inputTypes ??= sdk ? fs.readFileSync(path.join(sdk, "types", "input.d.ts"), "utf8") : "";
        const namespace = inputTypes.indexOf(`export declare namespace ${module} {\n`);
        const body = namespace === -1 ? undefined : interfaceBody(inputTypes.slice(namespace), name, "    ", "    ");
        objectCache.set(key, body ? fieldsOf(body) : new Map());
    }
    return objectCache.get(key)!;
}

/** The declared input shapes of an AWS resource type, or null when @pulumi/aws has no such module. */
export function inputShapes(type: string): Map<string, InputShape> | null {
    if (!argsCache.has(type)) {
        const match = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(type);
        const sdk = sdkRoot();
        const file = match && sdk ? path.join(sdk, match[1] === "index" ? "" : match[1], `${match[2]}.d.ts`) : undefined;
        const body = file && fs.existsSync(file) ? interfaceBody(fs.readFileSync(file, "utf8"), `${match![3]}Args`, "export ", "") : undefined;
        argsCache.set(type, body ? fieldsOf(body) : null);
    }
    return argsCache.get(type)!;
}

export interface ShapeMismatch {
    /** Where in the input, e.g. `vpcConfig.subnetIds[0]`. */
    path: string;
    expected: string;
    got: string;
    /** The value found there. */
    value: unknown;
}

const plural = (shape: InputShape): string => (shape.kind === "list" ? "lists" : shape.kind === "object" || shape.kind === "map" ? "objects" : `${shape.kind}s`);
const describeShape = (shape: InputShape): string => (shape.kind === "list" ? `a list of ${plural(shape.items)}` : shape.kind === "object" || shape.kind === "map" ? "an object" : `a ${shape.kind}`);

function describeValue(value: unknown): string {
    if (Array.isArray(value)) return value.length > 0 && Array.isArray(value[0]) ? "a list of lists" : "a list";
    if (value === null) return "null";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Where a value's shape contradicts the declared one: a list where a string goes, a string where a
 * list goes, a list inside a list of strings. Numbers and strings are not told apart (the provider
 * converts between them), nor are unknown or secret-wrapped values judged.
 */
export function shapeMismatches(value: unknown, shape: InputShape, at: string): ShapeMismatch[] {
    if (value === undefined || value === null || value === UNKNOWN || shape.kind === "unknown") return [];
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).some((k) => k.length === 32 && /^[0-9a-f]+$/.test(k))) return [];
    const mismatch = (): ShapeMismatch[] => [{ path: at, expected: describeShape(shape), got: describeValue(value), value }];
    switch (shape.kind) {
        case "string":
        case "number":
        case "boolean":
            return typeof value === "object" ? mismatch() : [];
        case "list":
            if (!Array.isArray(value)) return typeof value === "string" ? mismatch() : [];
            return value.flatMap((item, i) => shapeMismatches(item, shape.items, `${at}[${i}]`));
        case "map":
            return Array.isArray(value) || typeof value !== "object" ? mismatch() : [];
        case "object": {
            if (Array.isArray(value) || typeof value !== "object") return mismatch();
            const fields = shape.fields();
            return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (fields.has(k) ? shapeMismatches(v, fields.get(k)!, `${at}.${k}`) : []));
        }
    }
}
