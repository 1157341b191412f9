import { describeStatement, hasConditionKey } from "../../lib/iam";
import { parseSources, resourcePolicyDocument, RESOURCE_POLICY_PROPERTIES } from "../../lib/iamResources";
import { resourceRule } from "../../lib/rule";
import { asString, get, UNKNOWN } from "../../lib/values";

/** Conditions that narrow "*" to callers or sources the owner chose. */
const NARROWING_KEYS = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalServiceName",
    "kms:CallerAccount",
];

export const disallowPublicResourcePolicies = resourceRule({
    name: "iam-disallow-public-resource-policies",
    category: "exposure",
    description: 'Resource policies must not let "*" in without a condition that narrows it.',
    what: 'Allow statements with Principal "*" (or {"AWS": "*"}, or NotPrincipal) in S3 bucket, SNS topic, SQS queue, KMS key, Secrets Manager, ECR and CloudWatch Logs resource policies, unless a condition names the source or caller (aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID, kms:CallerAccount, ...). Lambda permissions with principal "*" and no sourceArn, sourceAccount or principalOrgId.',
    why: 'Principal "*" means every AWS account and, for S3, SNS and Lambda URLs, anonymous callers on the internet: the resource\'s data or actions become public.',
    fix: "Name the account, role or service principal that needs access, or add a condition such as aws:SourceArn (the calling resource) or aws:PrincipalOrgID (your organization).",
    frameworks: { fsbp: ["S3.2", "S3.3", "SNS.4", "SQS.3", "KMS.5", "Lambda.1"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    types: [...Object.keys(RESOURCE_POLICY_PROPERTIES), "aws:lambda/permission:Permission"],
    validate(resource, report) {
        if (resource.type === "aws:lambda/permission:Permission") {
            const principal = get(resource.props, "principal");
            if (principal !== "*") return;
            const narrowed = ["sourceArn", "sourceAccount", "principalOrgId"].some((key) => {
                const value = get(resource.props, key);
                return value === UNKNOWN || asString(value) !== undefined;
            });
            if (!narrowed) report(`Name the caller of this Lambda permission instead of principal "*", or set sourceArn, sourceAccount or principalOrgId: as it is, anyone can invoke the function.`);
            return;
        }
        const source = resourcePolicyDocument(resource.type, resource.props);
        for (const { label, document } of parseSources(source ? [source] : [])) {
            for (const statement of document?.statements ?? []) {
                if (statement.effect !== "Allow") continue;
                const everyone = statement.principals?.anyone === true || statement.notPrincipals !== undefined;
                if (!everyone || hasConditionKey(statement, ...NARROWING_KEYS)) continue;
                report(`Name the principals in ${describeStatement(statement)} of ${label} instead of "*", or add a condition on aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID: as it is, anyone can use this grant.`);
            }
        }
    },
});
