/**
 * Values for the outputs AWS computes that no specific computer in aws.ts gives: every property
 * @pulumi/aws declares as output-only gets a value of its declared type, shaped by its name (ARNs,
 * ids, timestamps, endpoints), so a program that builds an input from one never gets `undefined`
 * where `pulumi up` would give a value.
 */
import { ResourceSchema } from "./schema";

export interface OutputContext {
    type: string;
    name: string;
    region: string;
    account: string;
    hash: (salt?: string) => string;
    /** The resource's ARN, when the computer gave one: other ARNs hang off it. */
    arn?: string;
    id: string;
}

/** A fixed creation time: deterministic plans, and a date AWS could have returned. */
export const CREATED_AT = "2026-01-01T00:00:00Z";

function serviceOf(type: string): string {
    return (type.split(":")[1] ?? "").split("/")[0];
}

function kebab(name: string): string {
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A value of the declared type for an output-only property nobody computed. */
export function genericOutput(property: string, declared: string, ctx: OutputContext): unknown {
    const service = serviceOf(ctx.type);
    const hex = ctx.hash(`out:${property}`);
    const optional = /\|\s*undefined$/.test(declared);
    const base = declared.replace(/\s*\|\s*undefined$/, "").trim();
    if (base.endsWith("[]")) return [];
    if (base === "boolean") return false;
    if (base === "number") return /version/i.test(property) ? 1 : 0;
    if (base.startsWith("{")) return property === "tagsAll" ? {} : {};
    if (base.startsWith("outputs.")) return optional ? undefined : {};
    if (base !== "string") return optional ? undefined : `${property}-${hex.slice(0, 8)}`;
    if (property === "arn") return `arn:aws:${service}:${ctx.region}:${ctx.account}:${kebab(ctx.type.split(":").pop()!).slice(1)}/${ctx.id}`;
    if (/^(ownerId|registryId|accountId|owner|ownerAccountId)$/.test(property)) return ctx.account;
    if (/Arn$/.test(property)) return `arn:aws:${service}:${ctx.region}:${ctx.account}:${kebab(property.replace(/Arn$/, "")).replace(/^-/, "")}/${hex.slice(0, 12)}`;
    if (/(Date|Time|At|Timestamp)$/.test(property) || /^lastModified/.test(property)) return CREATED_AT;
    if (/Url$/i.test(property)) return `https://${hex.slice(0, 10)}.${service}.${ctx.region}.amazonaws.com/`;
    if (/(Endpoint|DnsName|DomainName|Address|Host|Hostname)$/i.test(property)) return `${ctx.name}-${hex.slice(0, 8)}.${service}.${ctx.region}.amazonaws.com`;
    if (/^(status|state)$/i.test(property)) return "ACTIVE";
    if (/[Vv]ersion/.test(property)) return "1";
    if (/^etag$/i.test(property)) return `E${hex.slice(0, 13).toUpperCase()}`;
    if (/Id$/.test(property)) return `${kebab(property.replace(/Id$/, "")).replace(/^-/, "").split("-").pop()}-${hex.slice(0, 17)}`;
    return `${ctx.name}-${kebab(property).replace(/^-/, "")}-${hex.slice(0, 8)}`;
}

/**
 * Fills every output-only property the schema declares and `outputs` leaves out (a key present
 * with `undefined` counts as given: the computer decided AWS returns nothing there).
 */
export function fillDeclaredOutputs(schema: ResourceSchema | null, state: Record<string, unknown>, outputs: Record<string, unknown>, ctx: OutputContext): void {
    if (!schema) return;
    for (const [property, declared] of schema.outputs) {
        if (property in outputs || state[property] !== undefined) continue;
        const value = property === "tagsAll" ? { ...((state.tags as object) ?? {}) } : genericOutput(property, declared, ctx);
        if (value !== undefined) outputs[property] = value;
    }
}
