import { resourceRule } from "../../lib/rule";
import { asArray, get, isUnknown } from "../../lib/values";

export const configureFunctionMultiAz = resourceRule({
    name: "lambda-configure-function-multi-az",
    category: "resilience",
    description: "VPC Lambda functions should be attached to subnets in at least two AZs.",
    what: "Functions with vpcConfig naming a single subnet.",
    why: "Lambda places its network interfaces only in the subnets given: with one, an AZ outage stops the function even though Lambda itself is multi-AZ.",
    fix: "List one private subnet per AZ in vpcConfig.subnetIds (two at least).",
    frameworks: { fsbp: ["Lambda.5"], soc2: ["A1.2"], gdpr: ["32(1)(b)"] },
    types: ["aws:lambda/function:Function"],
    validate(resource, report) {
        const subnets = get(resource.props, "vpcConfig", "subnetIds");
        if (subnets === undefined || isUnknown(subnets)) return;
        const list = asArray(subnets) ?? [];
        if (list.some(isUnknown)) return;
        if (list.length === 1) report("Attach the function to subnets in at least two availability zones.");
    },
});
