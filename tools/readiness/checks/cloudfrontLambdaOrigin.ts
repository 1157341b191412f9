import { asArray, asString, get, isUnknown, ReadinessCheck, TYPES } from "../lib";
import type { RecordedResource } from "../../engine/recorder";

export const cloudfrontLambdaOrigin: ReadinessCheck = {
    name: "cloudfront-lambda-origin-auth",
    category: "aws-api",
    severity: "warning",
    what: "An origin signed by an origin access control of type lambda points at a function URL whose authorizationType is AWS_IAM.",
    rule: "CloudFront OAC for Lambda function URLs: the URL must use AuthType AWS_IAM, or it stays public and the signature protects nothing (and POST/PUT bodies need the x-amz-content-sha256 header).",
    run(stack) {
        const findings = [];
        const urls = stack.ofType(TYPES.functionUrl);
        for (const distribution of stack.ofType(TYPES.distribution)) {
            const origins = asArray(get(stack.props(distribution), "origins")) ?? [];
            const oacs = stack.refs(distribution, "origins", TYPES.originAccessControl);
            const depUrls = stack.refs(distribution, "origins", TYPES.functionUrl);
            for (const origin of origins) {
                const oacId = get(origin, "originAccessControlId");
                if (oacId === undefined) continue;
                const known = asString(oacId);
                const matched = known ? oacs.filter((o) => stack.identifiers(o).includes(known)) : oacs;
                const lambdaOac = matched.find((o) => asString(get(stack.props(o), "originAccessControlOriginType")) === "lambda");
                if (!lambdaOac) continue;
                const domain = asString(get(origin, "domainName"));
                const targets: RecordedResource[] = domain && !isUnknown(domain)
                    ? urls.filter((u) => String(get(stack.outputs(u), "functionUrl") ?? "").includes(domain))
                    : depUrls;
                for (const url of targets) {
                    const auth = asString(get(stack.props(url), "authorizationType"));
                    if (auth === undefined || auth === "AWS_IAM") continue;
                    findings.push(
                        stack.finding(this, url, "warning",
                            `Function URL "${url.name}" is signed for by origin access control "${lambdaOac.name}" on distribution "${distribution.name}" but has authorizationType ${auth}: anyone can call the URL directly, around CloudFront and its WAF.`,
                            "Lambda function URLs behind a CloudFront OAC must use AuthType AWS_IAM (with a lambda:InvokeFunctionUrl permission for cloudfront.amazonaws.com).",
                            'Set authorizationType: "AWS_IAM" and grant cloudfront.amazonaws.com lambda:InvokeFunctionUrl with the distribution ARN as sourceArn.'),
                    );
                }
            }
        }
        return findings;
    },
};
