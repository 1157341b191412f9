import { describeStatement, quoteList } from "../../lib/iam";
import { escalationsOnUnscoped, grantsOf } from "../../lib/iamGrants";
import { identityDocuments, IDENTITY_POLICY_TYPES, parseSources } from "../../lib/iamResources";
import { resourceRule } from "../../lib/rule";

export const disallowPrivilegeEscalation = resourceRule({
    name: "iam-disallow-privilege-escalation",
    category: "least-privilege",
    description: "IAM policies must not grant actions that escalate privileges on every resource.",
    what: 'Allow statements of identity policies that grant, on "*" or on every resource of a type (e.g. "arn:aws:iam::123456789012:role/*"), an action that lets the holder give itself more: iam:PassRole, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:Attach*Policy, iam:Put*Policy, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile, iam:AddUserToGroup, permissions-boundary changes, sts:AssumeRole and lambda:UpdateFunctionCode. Wildcards such as "iam:Put*" are expanded first.',
    why: "Each of these turns a narrow role into an administrator: pass an admin role to a new Lambda, write a new version of an attached policy, or mint keys for another user.",
    fix: "Grant these actions only on the specific ARNs needed (for iam:PassRole, the one role, with an iam:PassedToService condition).",
    frameworks: { cis: ["1.16"], fsbp: ["IAM.1"], soc2: ["CC6.1", "CC6.3"], gdpr: ["32(1)(b)"] },
    types: IDENTITY_POLICY_TYPES,
    async validate(resource, report) {
        for (const { label, document } of parseSources(identityDocuments(resource.type, resource.props))) {
            for (const statement of document?.statements ?? []) {
                const escalations = escalationsOnUnscoped(await grantsOf(statement));
                if (escalations.length === 0) continue;
                report(`Scope ${quoteList(escalations)} in ${describeStatement(statement)} of ${label} to the ARNs the workload needs: on every resource they let the holder escalate its own privileges.`);
            }
        }
    },
});
