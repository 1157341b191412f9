import { get, isServicePrincipal, ReadinessCheck, statementCoversAction, TYPES } from "../lib";
import type { Finding } from "../lib";
import { isParseError, parsePolicyDocument } from "../../../policy/lib/iam";

/** Which service must assume the role a property names. */
export const SERVICE_ROLES: { type: string; property: string; service: string; label: string; severity: "error" | "warning"; rule: string }[] = [
    {
        type: TYPES.lambdaFunction,
        property: "role",
        service: "lambda",
        label: "Lambda function",
        severity: "error",
        rule: "Lambda CreateFunction fails when Lambda cannot assume the execution role (InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda).",
    },
    {
        type: TYPES.flowLog,
        property: "iamRoleArn",
        service: "vpc-flow-logs",
        label: "VPC flow log",
        severity: "error",
        rule: "EC2 CreateFlowLogs: the delivery role must trust vpc-flow-logs.amazonaws.com, or the flow log is not created (Unsuccessful: Access error).",
    },
    {
        type: TYPES.trail,
        property: "cloudWatchLogsRoleArn",
        service: "cloudtrail",
        label: "CloudTrail trail",
        severity: "error",
        rule: "CloudTrail CreateTrail/UpdateTrail: the CloudWatch Logs role must be assumable by cloudtrail.amazonaws.com (InvalidCloudWatchLogsRoleArnException).",
    },
];

export const serviceTrust: ReadinessCheck = {
    name: "service-role-trust",
    category: "iam",
    severity: "error",
    what: `A role handed to a service trusts that service with sts:AssumeRole: ${SERVICE_ROLES.map((s) => `${s.label} ${s.property} -> ${s.service}.amazonaws.com`).join("; ")}.`,
    rule: "Each service assumes the role it is given; a trust policy that does not name the service principal makes the API call fail.",
    run(stack) {
        const findings: Finding[] = [];
        for (const use of SERVICE_ROLES) {
            for (const consumer of stack.ofType(use.type)) {
                if (get(stack.props(consumer), use.property) === undefined) continue;
                for (const role of stack.refs(consumer, use.property, TYPES.role)) {
                    const trust = parsePolicyDocument(get(stack.props(role), "assumeRolePolicy"));
                    if (!trust || typeof trust !== "object" || isParseError(trust) || trust.unknownStatements > 0) continue;
                    const trusted = trust.statements.some(
                        (s) => s.effect === "Allow" && statementCoversAction(s, "sts:AssumeRole") && (s.principals?.service ?? []).some((p) => isServicePrincipal(p, use.service)),
                    );
                    if (trusted) continue;
                    findings.push(
                        stack.finding(this, consumer, use.severity,
                            `${use.label} "${consumer.name}" uses role "${role.name}", whose trust policy does not let ${use.service}.amazonaws.com assume it.`,
                            use.rule,
                            `Add to "${role.name}"'s assumeRolePolicy an Allow of sts:AssumeRole for the Service principal ${use.service}.amazonaws.com (with an aws:SourceAccount condition).`),
                    );
                }
            }
        }
        return findings;
    },
};
