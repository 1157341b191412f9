import { asArray, asString, asStringList, get, ReadinessCheck, TYPES } from "../lib";
import type { RecordedResource } from "../../engine/recorder";
import type { StackView } from "../lib";

/** Methods that carry a request body. */
const BODY_METHODS = ["POST", "PUT", "PATCH", "DELETE"];

/** Origin ids of the distribution whose origin access control is of type lambda. */
function lambdaOacOrigins(stack: StackView, distribution: RecordedResource): Set<string> {
    const oacs = stack.refs(distribution, "origins", TYPES.originAccessControl);
    const lambda = new Set<string>();
    for (const origin of asArray(get(stack.props(distribution), "origins")) ?? []) {
        const oacId = get(origin, "originAccessControlId");
        if (oacId === undefined) continue;
        const known = asString(oacId);
        const matched = known ? oacs.filter((o) => stack.identifiers(o).includes(known)) : oacs;
        const id = asString(get(origin, "originId"));
        if (id && matched.some((o) => asString(get(stack.props(o), "originAccessControlOriginType")) === "lambda")) lambda.add(id);
    }
    return lambda;
}

export const cloudfrontLambdaOacMethods: ReadinessCheck = {
    name: "cloudfront-lambda-oac-methods",
    category: "aws-api",
    severity: "warning",
    what: "A cache behaviour that forwards POST, PUT, PATCH or DELETE to a Lambda function URL signed by an origin access control.",
    rule: "CloudFront OAC for Lambda function URLs signs the request but not its body: Lambda rejects a PUT or POST body unless the viewer sends its SHA-256 in x-amz-content-sha256 (CloudFront Developer Guide, restricting access to a Lambda function URL origin).",
    run(stack) {
        const findings = [];
        for (const distribution of stack.ofType(TYPES.distribution)) {
            const lambdaOrigins = lambdaOacOrigins(stack, distribution);
            if (lambdaOrigins.size === 0) continue;
            const props = stack.props(distribution);
            const behaviours = [
                { label: "the default behaviour", behaviour: get(props, "defaultCacheBehavior") },
                ...(asArray(get(props, "orderedCacheBehaviors")) ?? []).map((behaviour) => ({ label: `behaviour "${asString(get(behaviour, "pathPattern")) ?? "?"}"`, behaviour })),
            ];
            for (const { label, behaviour } of behaviours) {
                const target = asString(get(behaviour, "targetOriginId"));
                const methods = asStringList(get(behaviour, "allowedMethods"));
                if (!target || !lambdaOrigins.has(target) || !Array.isArray(methods)) continue;
                const writes = methods.filter((m) => BODY_METHODS.includes(m.toUpperCase()));
                if (writes.length === 0) continue;
                findings.push(
                    stack.finding(this, distribution, "warning",
                        `Distribution "${distribution.name}" forwards ${writes.join(", ")} on ${label} to origin "${target}", a Lambda function URL behind an origin access control: a request with a body fails unless the client signs its payload hash itself.`,
                        "CloudFront OAC (lambda): the viewer must send x-amz-content-sha256 for PUT and POST bodies; CloudFront does not compute it.",
                        'Allow ["GET", "HEAD", "OPTIONS"] on that behaviour, or require clients to send x-amz-content-sha256 and document it.'),
                );
            }
        }
        return findings;
    },
};
