/**
 * Reading resource properties the way `pulumi preview` hands them over: values not yet known arrive
 * as sentinel strings, and CrossGuard wraps the props in a proxy that throws `UnknownValueError` the
 * moment one is touched. Rules read the raw object behind the proxy instead and get `UNKNOWN` back,
 * so a preview never turns into a "can't run policy" diagnostic and `undefined` always means "not set".
 */

/** A value the engine will only know once the resource exists. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/**
 * The engine's sentinels for unknown booleans, numbers, strings, arrays, assets, archives and objects
 * (sdk/go/common/resource/plugin/rpc.go; the same strings in @pulumi/policy's proxy.js, whose typings
 * do not export them).
 */
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** @pulumi/policy's proxies answer this key with the object they wrap (proxy.js `getSpecialProxyTarget`). */
const PROXY_TARGET = "__getSpecialProxyTarget";

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.has(value));
}

/** The plain object behind CrossGuard's unknown-checking proxy (or the value itself when it is not one). */
export function raw<T = unknown>(value: T): T {
    if (typeof value === "object" && value !== null) {
        const target = (value as Record<string, unknown>)[PROXY_TARGET];
        if (target !== undefined && target !== null) return target as T;
    }
    return value;
}

export type Read<T = unknown> = T | Unknown | undefined;

/**
 * Whether a known value says nothing: null, an empty (or blank) string, an empty list or an empty
 * object. The provider sends none of these to AWS as a setting (`webAclId: ""` attaches no web ACL,
 * `sourceArn: ""` scopes nothing), so a rule must read them as "not set".
 */
export function isEmpty(value: unknown): boolean {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return !isUnknown(value) && value.trim() === "";
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") {
        const proto = Object.getPrototypeOf(value);
        return (proto === Object.prototype || proto === null) && Object.keys(value).length === 0;
    }
    return false;
}

/**
 * The value at a path of plain keys and array indexes: `UNKNOWN` when it (or anything on the way) is
 * not known yet, `undefined` when it is not set. Not set includes null (as the engine treats it) and
 * every empty value (`isEmpty`), so that `""`, `[]` and `{}` never pass for a setting.
 */
export function get(value: unknown, ...path: (string | number)[]): Read {
    let current: unknown = raw(value);
    for (const key of path) {
        if (isUnknown(current)) return UNKNOWN;
        if (current === undefined || current === null || typeof current !== "object") return undefined;
        current = raw((current as Record<string | number, unknown>)[key]);
    }
    if (isUnknown(current)) return UNKNOWN;
    return isEmpty(current) ? undefined : current;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
    const plain = raw(value);
    if (isUnknown(plain)) return true;
    if (Array.isArray(plain)) return plain.some(containsUnknown);
    if (typeof plain === "object" && plain !== null) return Object.values(plain).some(containsUnknown);
    return false;
}

export function asString(value: Read): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

export function asBoolean(value: Read): boolean | undefined {
    return typeof value === "boolean" ? value : undefined;
}

export function asNumber(value: Read): number | undefined {
    return typeof value === "number" ? value : undefined;
}

/** A known array's items (each still possibly unknown); `undefined` for anything else. */
export function asArray(value: Read): unknown[] | undefined {
    const plain = raw(value);
    return Array.isArray(plain) ? plain.map((item) => (isUnknown(item) ? UNKNOWN : raw(item))) : undefined;
}

/** A known object's entries (values still possibly unknown); `undefined` for anything else. */
export function asRecord(value: Read): Record<string, unknown> | undefined {
    const plain = raw(value);
    if (typeof plain !== "object" || plain === null || Array.isArray(plain) || isUnknown(plain)) return undefined;
    return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, isUnknown(v) ? UNKNOWN : raw(v)]));
}

/** Strings of a known list, or a single string as a one-element list (IAM's "string or array" shape). */
export function asStringList(value: Read): string[] | Unknown | undefined {
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === "string") return [value];
    const items = asArray(value);
    if (!items) return undefined;
    if (items.some((item) => item === UNKNOWN)) return UNKNOWN;
    return items.filter((item): item is string => typeof item === "string");
}

/** The resource's tags as known strings (unknown tag values are left out). */
export function tagsOf(props: unknown): Record<string, string> {
    const tags = asRecord(get(props, "tags")) ?? {};
    return Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === "string" && !isUnknown(entry[1])));
}

/** Freezes a value and everything inside it, for results rules share. Never props: CrossGuard's proxy hands out a frozen property unwrapped, so unknowns inside it would go unchecked. */
export function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const item of Object.values(value)) deepFreeze(item);
    }
    return value;
}
