import { resourceRule } from "../../lib/rule";
import { asNumber, get, isUnknown } from "../../lib/values";

export const configureFunctionConcurrency = resourceRule({
    name: "lambda-configure-function-concurrency",
    category: "resilience",
    description: "Lambda functions should reserve (and so cap) their concurrency.",
    what: "Functions without reservedConcurrentExecutions, or with -1 (unreserved).",
    why: "An unreserved function shares the account pool: a traffic spike (or a loop) starves every other function, and nothing caps what it costs or how hard it hits the cache and upstream.",
    fix: "Set reservedConcurrentExecutions to the most concurrent requests the downstreams can take.",
    frameworks: { soc2: ["A1.1"], gdpr: ["32(1)(b)"] },
    types: ["aws:lambda/function:Function"],
    validate(resource, report) {
        const value = get(resource.props, "reservedConcurrentExecutions");
        if (isUnknown(value)) return;
        if (value === undefined || asNumber(value) === -1) report("Set reservedConcurrentExecutions to cap what the function can take from the account pool and send downstream.");
    },
});
