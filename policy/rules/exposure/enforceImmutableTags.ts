import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const enforceImmutableTags = resourceRule({
    name: "ecr-enforce-immutable-tags",
    category: "hygiene",
    description: "ECR repositories should make image tags immutable.",
    what: 'Repositories whose imageTagMutability is not "IMMUTABLE" (or "IMMUTABLE_WITH_EXCLUSION"); the default is "MUTABLE".',
    why: "With mutable tags, anyone allowed to push can replace the image behind a tag a service already runs (\"v1.4.2\", \"prod\"): the next deploy or scale-out pulls code nobody reviewed.",
    fix: 'Set imageTagMutability: "IMMUTABLE" and deploy by unique tag or digest.',
    frameworks: { fsbp: ["ECR.2"], soc2: ["CC8.1"], gdpr: ["32(1)(b)"] },
    types: ["aws:ecr/repository:Repository"],
    validate(resource, report) {
        const value = get(resource.props, "imageTagMutability");
        if (isUnknown(value)) return;
        if (!(asString(value) ?? "MUTABLE").startsWith("IMMUTABLE")) report('Set imageTagMutability to "IMMUTABLE" so a pushed tag always names the same image.');
    },
});
