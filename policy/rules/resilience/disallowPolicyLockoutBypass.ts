import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const disallowPolicyLockoutBypass = resourceRule({
    name: "kms-disallow-policy-lockout-bypass",
    category: "resilience",
    description: "KMS keys should keep the key policy lockout safety check.",
    what: "KMS Keys with bypassPolicyLockoutSafetyCheck: true (the default is false). The check makes CreateKey and PutKeyPolicy refuse a policy that would stop the calling principal from changing the policy again.",
    why: "With the check bypassed, a policy that omits the account root or the deploying role makes the key unmanageable: nobody can change its policy, rotate access or schedule its deletion, and only AWS Support can restore access; data encrypted under it may become unreadable.",
    fix: "Remove bypassPolicyLockoutSafetyCheck, and keep a statement in the key policy that lets the account (arn:aws:iam::<account>:root) or the deploying role manage the key.",
    frameworks: { soc2: ["CC6.1", "A1.2"], gdpr: ["32(1)(b)", "32(1)(c)"] },
    awsDefault: "CreateKey and PutKeyPolicy run the policy lockout safety check unless BypassPolicyLockoutSafetyCheck is true (default false) (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    types: ["aws:kms/key:Key"],
    validate(resource, report) {
        if (get(resource.props, "bypassPolicyLockoutSafetyCheck") === true) {
            report("Remove bypassPolicyLockoutSafetyCheck: a key policy that locks out its administrators makes the key unmanageable, and only AWS Support can undo it.");
        }
    },
});
