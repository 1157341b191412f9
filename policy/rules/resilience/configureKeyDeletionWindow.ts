import { resourceRule } from "../../lib/rule";
import { asNumber, get, isUnknown } from "../../lib/values";

export const configureKeyDeletionWindow = resourceRule({
    name: "kms-configure-key-deletion-window",
    category: "resilience",
    description: "KMS keys should wait at least the configured number of days before deletion.",
    what: "Keys whose deletionWindowInDays is below `minimumDays` (30 by default, AWS's own default when unset).",
    why: "Deleting a key destroys every object, secret and snapshot it encrypts; the window is the only time to notice a mistaken or malicious deletion and cancel it.",
    fix: "Leave deletionWindowInDays unset (30) or raise it to the configured minimum.",
    frameworks: { fsbp: ["KMS.3"], soc2: ["A1.2"], gdpr: ["32(1)(c)"] },
    config: {
        minimumDays: { type: "integer", minimum: 7, maximum: 30, default: 30, description: "Shortest acceptable deletion window." },
    },
    types: ["aws:kms/key:Key"],
    validate(resource, report) {
        const value = get(resource.props, "deletionWindowInDays");
        if (value === undefined || isUnknown(value)) return;
        const minimum = (resource.config.minimumDays as number | undefined) ?? 30;
        const days = asNumber(value);
        if (days !== undefined && days < minimum) report(`Raise deletionWindowInDays from ${days} to at least ${minimum}.`);
    },
});
