import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableFunctionTracing = resourceRule({
    name: "lambda-enable-function-tracing",
    category: "logging",
    description: "Lambda functions should enable X-Ray active tracing.",
    what: 'Functions whose tracingConfig.mode is not "Active".',
    why: "Traces show which downstream call (cache, upstream, AWS API) made a request slow or fail; without them a timeout cascade is guesswork.",
    fix: 'Set tracingConfig: { mode: "Active" } and allow xray:PutTraceSegments and xray:PutTelemetryRecords in the role.',
    frameworks: { fsbp: ["Lambda.7"], soc2: ["CC7.2"] },
    types: ["aws:lambda/function:Function"],
    validate(resource, report) {
        const mode = get(resource.props, "tracingConfig", "mode");
        if (!isUnknown(mode) && asString(mode) !== "Active") report('Set tracingConfig.mode to "Active".');
    },
});
