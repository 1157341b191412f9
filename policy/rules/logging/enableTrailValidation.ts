import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableTrailValidation = resourceRule({
    name: "cloudtrail-enable-trail-validation",
    category: "logging",
    description: "CloudTrail trails must enable log file integrity validation.",
    what: "Trails without enableLogFileValidation: true.",
    why: "Digest files let an investigator prove the trail was not edited or pruned after the fact; an attacker's first move is to cover tracks.",
    fix: "Set enableLogFileValidation: true.",
    frameworks: { cis: ["3.2"], fsbp: ["CloudTrail.4"], soc2: ["CC7.2"], gdpr: ["32(1)(b)"] },
    types: ["aws:cloudtrail/trail:Trail"],
    validate(resource, report) {
        const value = get(resource.props, "enableLogFileValidation");
        if (value !== true && !isUnknown(value)) report("Set enableLogFileValidation to true.");
    },
});
