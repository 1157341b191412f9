import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, get } from "../../lib/values";
import { describe, linksOf } from "../reachability/links";

const FUNCTION = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";
const ASYNC_SERVICES = /^(s3|sns|events|ses|iot|logs|cloudwatch|codecommit|config)\.amazonaws\.com$/;

/** Functions a property points at, directly or through an alias. */
function functionsOf(resources: PolicyResource[], from: PolicyResource, property: string): PolicyResource[] {
    return linksOf(resources, from, property, [FUNCTION, ALIAS]).targets.flatMap((t) => (t.type === ALIAS ? linksOf(resources, t, "functionName", [FUNCTION]).targets : [t]));
}

/** What invokes each function asynchronously (event-source services, SNS subscriptions, EventBridge targets). */
function asyncInvokers(resources: PolicyResource[]): Map<string, PolicyResource> {
    const found = new Map<string, PolicyResource>();
    const add = (invoker: PolicyResource, functions: PolicyResource[]) => functions.forEach((f) => found.has(f.urn) || found.set(f.urn, invoker));
    for (const permission of resourcesOfType(resources, "aws:lambda/permission:Permission")) {
        if (ASYNC_SERVICES.test(asString(get(propsOf(permission), "principal")) ?? "")) add(permission, functionsOf(resources, permission, "function"));
    }
    for (const subscription of resourcesOfType(resources, "aws:sns/topicSubscription:TopicSubscription")) {
        if (asString(get(propsOf(subscription), "protocol")) === "lambda") add(subscription, functionsOf(resources, subscription, "endpoint"));
    }
    for (const target of resourcesOfType(resources, "aws:cloudwatch/eventTarget:EventTarget")) add(target, functionsOf(resources, target, "arn"));
    return found;
}

export const configureFunctionDeadLetterQueue = stackRule({
    name: "lambda-configure-function-dead-letter-queue",
    category: "resilience",
    description: "Lambda functions invoked asynchronously should keep failed events in a dead-letter queue.",
    what: "Functions that something invokes asynchronously (a Permission for an event-source service such as s3/sns/events, an SNS lambda subscription, an EventBridge target) without deadLetterConfig.targetArn or an on-failure FunctionEventInvokeConfig. Functions only called synchronously (function URLs, API Gateway) are not judged.",
    why: "Async events that still fail after Lambda's two retries are dropped silently; a DLQ or on-failure destination keeps them for replay.",
    fix: "Set deadLetterConfig: { targetArn: queue.arn } (an encrypted SQS queue or SNS topic), or add a FunctionEventInvokeConfig with destinationConfig.onFailure.",
    frameworks: { soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    validate({ resources }, report) {
        const invokers = asyncInvokers(resources);
        const withOnFailure = resourcesOfType(resources, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")
            .filter((c) => get(propsOf(c), "destinationConfig", "onFailure", "destination") !== undefined)
            .flatMap((c) => functionsOf(resources, c, "functionName"))
            .map((f) => f.urn);
        const destined = new Set(withOnFailure);
        for (const fn of resourcesOfType(resources, FUNCTION)) {
            const invoker = invokers.get(fn.urn);
            if (!invoker || get(propsOf(fn), "deadLetterConfig", "targetArn") !== undefined || destined.has(fn.urn)) continue;
            report(fn, `Set deadLetterConfig.targetArn (or an on-failure destination) on function "${fn.name}": ${describe(invoker)} invokes it asynchronously and failed events are otherwise dropped.`);
        }
    },
});
