import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asNumber, asRecord, asString, get, isUnknown } from "../../lib/values";
import { FUNCTION_URL, functionOfUrl, originDependencies, originsForUrl } from "./origins";

const DEFAULT_LAMBDA_TIMEOUT_SECONDS = 3;
const DEFAULT_ORIGIN_READ_TIMEOUT_SECONDS = 30;

/** The function's timeout in seconds, AWS's default when unset; undefined while unknown. */
function timeoutOf(fn: PolicyResource): number | undefined {
    const value = get(propsOf(fn), "timeout");
    if (isUnknown(value)) return undefined;
    return asNumber(value) ?? DEFAULT_LAMBDA_TIMEOUT_SECONDS;
}

export const enforceNestedTimeouts = stackRule({
    name: "lambda-function-enforce-nested-timeouts",
    category: "resilience",
    description: "Timeouts must nest: client timeouts inside the Lambda timeout, the Lambda timeout inside CloudFront's origin read timeout.",
    what: "For each Function, every environment variable named in `clientTimeoutVariables` (REDIS_COMMAND_TIMEOUT_MS, REDIS_CONNECT_TIMEOUT_MS and ORIGIN_TIMEOUT_MS by default, in milliseconds) must be below its timeout (3 s when unset). For each Distribution whose origin is a FunctionUrl in the stack, that function's timeout must be below the origin's customOriginConfig.originReadTimeout (30 s when unset).",
    why: "When an inner timeout is not shorter than the outer one, the outer layer gives up first: CloudFront answers 504 while the function still runs (and bills), or Lambda kills the function mid-request instead of letting it fall back from a slow cache to the origin.",
    fix: "Lower the client timeouts below the function's timeout, and the function's timeout below originReadTimeout (raise originReadTimeout up to 60 s, or 180 s with a quota increase).",
    frameworks: { soc2: ["A1.2"], gdpr: ["32(1)(b)"] },
    config: {
        clientTimeoutVariables: {
            type: "array",
            items: { type: "string" },
            default: ["REDIS_COMMAND_TIMEOUT_MS", "REDIS_CONNECT_TIMEOUT_MS", "ORIGIN_TIMEOUT_MS"],
            description: "Environment variables holding client timeouts in milliseconds.",
        },
    },
    validate({ resources, config }, report) {
        const names = (config.clientTimeoutVariables as string[] | undefined) ?? [];
        for (const fn of resourcesOfType(resources, "aws:lambda/function:Function")) {
            const timeout = timeoutOf(fn);
            if (timeout === undefined) continue;
            const variables = asRecord(get(propsOf(fn), "environment", "variables")) ?? {};
            for (const name of names) {
                const text = asString(variables[name] as never);
                const ms = text !== undefined && /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : undefined;
                if (ms !== undefined && ms >= timeout * 1000) {
                    report(fn, `Lower ${name} (${ms} ms) below the timeout of function "${fn.name}" (${timeout * 1000} ms), or raise the timeout.`);
                }
            }
        }
        for (const distribution of resourcesOfType(resources, "aws:cloudfront/distribution:Distribution")) {
            for (const url of originDependencies(distribution, FUNCTION_URL)) {
                const origins = originsForUrl(distribution, url);
                if (origins.length !== 1) continue;
                const readValue = get(origins[0], "customOriginConfig", "originReadTimeout");
                if (isUnknown(readValue)) continue;
                const read = asNumber(readValue) ?? DEFAULT_ORIGIN_READ_TIMEOUT_SECONDS;
                for (const fn of functionOfUrl(resources, url)) {
                    const timeout = timeoutOf(fn);
                    if (timeout !== undefined && timeout >= read) {
                        report(fn, `Lower the timeout of function "${fn.name}" (${timeout} s) below the origin read timeout of distribution "${distribution.name}" (${read} s), or raise originReadTimeout.`);
                    }
                }
            }
        }
    },
});
