import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const disallowPublicInvoke = resourceRule({
    name: "lambda-permission-disallow-public-invoke",
    category: "exposure",
    description: "Lambda permissions must not let anyone invoke the function.",
    what: 'Permission resources whose principal is "*" (or an AWS service principal) with no sourceArn, sourceAccount or principalOrgId to scope it, and any permission with functionUrlAuthType "NONE".',
    why: 'A resource policy for "*" makes the function callable from every AWS account; a service principal without sourceArn lets another account\'s bucket, topic or distribution invoke it (confused deputy).',
    fix: "Name the calling principal and scope it with sourceArn (the distribution, topic or bucket ARN) or sourceAccount.",
    frameworks: { fsbp: ["Lambda.1"], soc2: ["CC6.1"], gdpr: ["32(1)(b)"] },
    types: ["aws:lambda/permission:Permission"],
    validate(resource, report) {
        const props = resource.props;
        if (asString(get(props, "functionUrlAuthType")) === "NONE") {
            report('Set functionUrlAuthType to "AWS_IAM": a NONE permission opens the function URL to the internet.');
        }
        const principal = get(props, "principal");
        if (isUnknown(principal)) return;
        const text = asString(principal) ?? "";
        const scoped = ["sourceArn", "sourceAccount", "principalOrgId"].some((key) => get(props, key) !== undefined);
        if (scoped) return;
        if (text === "*") report('Replace principal "*" with the calling principal, and scope it with sourceArn or sourceAccount.');
        else if (text.endsWith(".amazonaws.com") && asString(get(props, "functionUrlAuthType")) === undefined) {
            report(`Scope the ${text} permission with sourceArn (or sourceAccount): without it any account's ${text.split(".")[0]} resources can invoke the function.`);
        }
    },
});
