/**
 * Who may use a KMS key, read from the key's own policy: the service principals a log group, trail or
 * topic depends on must be admitted there (an IAM grant elsewhere cannot stand in for the key policy).
 */
import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument, Statement } from "../../lib/iam";
import { propsOf } from "../../lib/stack";
import { get } from "../../lib/values";
import { linksOf } from "./links";

export const KEY = "aws:kms/key:Key";
export const ALIAS = "aws:kms/alias:Alias";

function globMatches(pattern: string, action: string): boolean {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${body}$`, "i").test(action);
}

export function statementAllowsAction(statement: Statement, action: string): boolean {
    if (statement.notActions !== undefined) return !statement.notActions.some((p) => globMatches(p, action));
    return statement.actions.some((p) => globMatches(p, action));
}

export type Admission = { verdict: "admitted" | "unknown" } | { verdict: "refused"; missing: string[] };

/** Whether the key policy lets a service principal (matched by `service`) call every one of `actions`. */
export function keyAdmits(key: PolicyResource, service: RegExp, actions: string[]): Admission {
    const doc = parsePolicyDocument(get(propsOf(key), "policy"));
    if (typeof doc === "symbol" || isParseError(doc)) return { verdict: "unknown" };
    const statements = doc?.statements ?? [];
    const forService = statements.filter((s) => s.effect === "Allow" && (s.principals?.service ?? []).some((p) => service.test(p)));
    const missing = actions.filter((action) => !forService.some((s) => statementAllowsAction(s, action)));
    if (missing.length === 0) return { verdict: "admitted" };
    if (doc && doc.unknownStatements > 0) return { verdict: "unknown" };
    return { verdict: "refused", missing };
}

/** The keys a property names: directly, or through an alias and its targetKeyId. */
export function keysOf(resources: PolicyResource[], from: PolicyResource, property: string): { keys: PolicyResource[]; external: string[] } {
    const link = linksOf(resources, from, property, [KEY, ALIAS]);
    const keys = link.targets.flatMap((t) => (t.type === ALIAS ? linksOf(resources, t, "targetKeyId", [KEY]).targets : [t]));
    return { keys, external: link.external };
}
