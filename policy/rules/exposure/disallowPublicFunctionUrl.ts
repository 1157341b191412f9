import { resourceRule } from "../../lib/rule";
import { asString, get } from "../../lib/values";

export const disallowPublicFunctionUrl = resourceRule({
    name: "lambda-disallow-public-function-url",
    category: "exposure",
    description: "Lambda function URLs must require IAM authorization.",
    what: 'FunctionUrl resources whose authorizationType is "NONE".',
    why: "An unauthenticated function URL is a public endpoint that skips CloudFront, its WAF and its cache: anyone who learns the URL can call (and bill) the function directly.",
    fix: 'Set authorizationType: "AWS_IAM" and put CloudFront in front with an origin access control of type "lambda".',
    frameworks: { fsbp: ["Lambda.1"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:lambda/functionUrl:FunctionUrl"],
    validate(resource, report) {
        if (asString(get(resource.props, "authorizationType")) === "NONE") {
            report('Set authorizationType to "AWS_IAM" and reach the function through CloudFront with a lambda origin access control.');
        }
    },
});
