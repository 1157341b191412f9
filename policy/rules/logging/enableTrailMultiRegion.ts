import { resourceRule } from "../../lib/rule";
import { get, isUnknown } from "../../lib/values";

export const enableTrailMultiRegion = resourceRule({
    name: "cloudtrail-enable-trail-multi-region",
    category: "logging",
    description: "CloudTrail trails must record every region and global service events.",
    what: "Trails without isMultiRegionTrail: true, or with includeGlobalServiceEvents: false.",
    why: "Attackers launch resources in regions nobody watches, and IAM/STS events are global: a single-region trail misses both.",
    fix: "Set isMultiRegionTrail: true and leave includeGlobalServiceEvents at true.",
    frameworks: { cis: ["3.1"], fsbp: ["CloudTrail.1"], soc2: ["CC7.2"], gdpr: ["32(1)(b)"] },
    types: ["aws:cloudtrail/trail:Trail"],
    validate(resource, report) {
        const multi = get(resource.props, "isMultiRegionTrail");
        if (multi !== true && !isUnknown(multi)) report("Set isMultiRegionTrail to true.");
        if (get(resource.props, "includeGlobalServiceEvents") === false) report("Set includeGlobalServiceEvents to true so IAM and STS calls are recorded.");
    },
});
