/** A distribution's origins and the stack resources behind them, joined through propertyDependencies. */
import type { PolicyResource } from "@pulumi/policy";
import { dependenciesOf, propsOf } from "../../lib/stack";
import { asArray, asString, get, isUnknown } from "../../lib/values";
import { linksOf } from "./links";

export const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
export const OAC = "aws:cloudfront/originAccessControl:OriginAccessControl";
const FUNCTION = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";

export function originsOf(distribution: PolicyResource): unknown[] {
    return asArray(get(propsOf(distribution), "origins")) ?? [];
}

export function originDependencies(distribution: PolicyResource, type: string): PolicyResource[] {
    return dependenciesOf(distribution, "origins").filter((d) => d.type === type);
}

/** `abc.lambda-url.us-east-1.on.aws` from a function URL resource's `functionUrl` output, when known. */
export function functionUrlHost(url: PolicyResource): string | undefined {
    const text = asString(get(propsOf(url), "functionUrl"));
    if (!text) return undefined;
    try {
        return new URL(text).hostname;
    } catch {
        return undefined;
    }
}

/** The origins that can be this function URL: the one on its host, else (host unknown) the custom origins whose domain is unknown. */
export function originsForUrl(distribution: PolicyResource, url: PolicyResource): unknown[] {
    const host = functionUrlHost(url);
    const custom = originsOf(distribution).filter((o) => get(o, "customOriginConfig") !== undefined);
    const known = custom.filter((o) => host !== undefined && asString(get(o, "domainName")) === host);
    return known.length > 0 ? known : custom.filter((o) => isUnknown(get(o, "domainName")));
}

/** The function behind a function URL (through its alias when the URL has a qualifier). */
export function functionOfUrl(resources: PolicyResource[], url: PolicyResource): PolicyResource[] {
    return linksOf(resources, url, "functionName", [FUNCTION, ALIAS]).targets.flatMap((t) => (t.type === ALIAS ? linksOf(resources, t, "functionName", [FUNCTION]).targets : [t]));
}
