import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enableKeyRotation = resourceRule({
    name: "kms-enable-key-rotation",
    category: "encryption",
    description: "Symmetric KMS keys must rotate their key material.",
    what: "Keys with customerMasterKeySpec SYMMETRIC_DEFAULT (the default) and keyUsage ENCRYPT_DECRYPT without enableKeyRotation: true (asymmetric and HMAC keys cannot rotate).",
    why: "Rotation bounds how much data one key version protects and is required by most audit frameworks; old versions stay to decrypt old data, so it costs nothing in availability.",
    fix: "Set enableKeyRotation: true (optionally rotationPeriodInDays).",
    frameworks: { cis: ["3.6"], fsbp: ["KMS.4"], soc2: ["CC6.1"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    types: ["aws:kms/key:Key"],
    validate(resource, report) {
        const spec = get(resource.props, "customerMasterKeySpec");
        const usage = get(resource.props, "keyUsage");
        if (isUnknown(spec) || isUnknown(usage)) return;
        if ((asString(spec) ?? "SYMMETRIC_DEFAULT") !== "SYMMETRIC_DEFAULT" || (asString(usage) ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") return;
        const rotation = get(resource.props, "enableKeyRotation");
        if (rotation !== true && !isUnknown(rotation)) report("Set enableKeyRotation to true.");
    },
});
