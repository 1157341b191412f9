import { describeStatement, quoteList } from "../../lib/iam";
import { grantsOf } from "../../lib/iamGrants";
import { identityDocuments, IDENTITY_POLICY_TYPES, parseSources } from "../../lib/iamResources";
import { resourceRule } from "../../lib/rule";

export const disallowWildcardActions = resourceRule({
    name: "iam-disallow-wildcard-actions",
    category: "least-privilege",
    description: "IAM policies must not allow every action, or every action of a service.",
    what: 'Allow statements of identity policies (role inline policies, role, user and group policies, standalone policies) whose Action is "*", a wildcard that covers every action of a service such as "s3:*" (found by expanding it against the IAM action list), or a NotAction.',
    why: "A workload holding every action of a service can delete, reconfigure or exfiltrate anything that service holds; one leaked credential or SSRF bug becomes account-wide damage.",
    fix: 'List the actions the workload calls (e.g. "s3:GetObject") instead of "*", "s3:*" or NotAction.',
    frameworks: { cis: ["1.16"], fsbp: ["IAM.1", "IAM.21"], soc2: ["CC6.1", "CC6.3"], gdpr: ["32(1)(b)"] },
    types: IDENTITY_POLICY_TYPES,
    async validate(resource, report) {
        for (const { label, document } of parseSources(identityDocuments(resource.type, resource.props))) {
            for (const statement of document?.statements ?? []) {
                if (statement.effect !== "Allow") continue;
                const grants = await grantsOf(statement);
                const where = `${describeStatement(statement)} of ${label}`;
                if (grants.everything.length > 0) {
                    report(`Replace ${quoteList(grants.everything)} in ${where} with the actions the workload calls: it allows every action of every service.`);
                }
                if (grants.serviceWide.length > 0) {
                    report(`Replace ${quoteList(grants.serviceWide)} in ${where} with the actions the workload calls: it allows every action of the service.`);
                }
            }
        }
    },
});
