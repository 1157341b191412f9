import { resourceRule } from "../../lib/rule";
import { asStringList, get, UNKNOWN } from "../../lib/values";

export const disallowDirectPolicies = resourceRule({
    name: "iam-user-disallow-direct-policies",
    category: "least-privilege",
    description: "IAM users must get their permissions from groups, not from policies on the user.",
    what: "Inline UserPolicy resources, UserPolicyAttachment and UserPolicyAttachmentsExclusive resources, and PolicyAttachments that name users.",
    why: "Permissions attached one user at a time drift apart and outlive the job they were granted for; reviews and offboarding only work when access follows a group (or a role).",
    fix: "Put the policy on an aws.iam.Group (GroupPolicy or GroupPolicyAttachment) and add the user with aws.iam.UserGroupMembership; for workloads, use a role instead of a user.",
    frameworks: { cis: ["1.15"], fsbp: ["IAM.2"], soc2: ["CC6.1", "CC6.3"], gdpr: ["32(1)(b)"] },
    types: [
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
        "aws:iam/policyAttachment:PolicyAttachment",
    ],
    validate(resource, report) {
        if (resource.type === "aws:iam/policyAttachment:PolicyAttachment") {
            const users = asStringList(get(resource.props, "users"));
            if (users === UNKNOWN || users === undefined || users.length === 0) return;
            report(`Attach this policy to a group instead of the user(s) ${users.map((u) => `"${u}"`).join(", ")}, and make them members of the group.`);
            return;
        }
        report("Move this policy to a group (GroupPolicy or GroupPolicyAttachment) and add the user to the group: permissions on individual users drift and outlive their purpose.");
    },
});
