import { resourceRule } from "../../lib/rule";
import { asString, get } from "../../lib/values";

export const disallowAccessKeys = resourceRule({
    name: "iam-user-disallow-access-keys",
    category: "least-privilege",
    description: "IAM users must not be given long-lived access keys.",
    what: "AccessKey resources (long-lived credentials for an IAM user), whatever their status.",
    why: "An access key never expires on its own: it ends up in CI variables, laptops and logs, and one leak gives an attacker the user's permissions until someone notices; the secret also lands in the Pulumi state.",
    fix: "Use roles with short-lived credentials instead: OIDC federation for CI (e.g. GitHub Actions with aws-actions/configure-aws-credentials), IAM Identity Center for people, instance or task roles for workloads.",
    frameworks: { cis: ["1.11", "1.14"], fsbp: ["IAM.3"], soc2: ["CC6.1", "CC6.2"], gdpr: ["32(1)(b)"] },
    types: ["aws:iam/accessKey:AccessKey"],
    validate(resource, report) {
        const user = asString(get(resource.props, "user"));
        report(`Replace this access key${user ? ` of user "${user}"` : ""} with a role assumed through federation (OIDC for CI, Identity Center for people): long-lived keys leak and never expire.`);
    },
});
