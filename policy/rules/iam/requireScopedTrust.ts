import type { PolicyResource } from "@pulumi/policy";
import { accountOfPrincipal, describeStatement, hasConditionKey, parsePolicyDocument, isParseError, PolicyDocument } from "../../lib/iam";
import { stackRule } from "../../lib/rule";
import { memoized, propsOf, resourcesOfType } from "../../lib/stack";
import { asArray, asString, get, isUnknown, raw, UNKNOWN } from "../../lib/values";

/** Condition keys that tie a service's request to the account or resource it acts for. */
const SOURCE_KEYS = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"];
/** Condition keys that narrow "*" (or another account) to known callers. */
/**
 * Services that, as their guides document, scope their role's trust with sts:ExternalId set to the
 * caller's account instead of aws:SourceAccount (Firehose's "Grant Firehose access to an Amazon S3
 * destination" trust policy).
 */
const EXTERNAL_ID_SERVICES = new Set(["firehose.amazonaws.com"]);

const CALLER_KEYS = ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn"];

/**
 * Services whose roles are handed to them with iam:PassRole (a function's, a task's or an instance
 * profile's role): PassRole never crosses accounts, so another account cannot make the service assume
 * the role and a source condition adds nothing. EC2 sends no source context for instance profiles at all.
 */
export const PASSED_ROLE_SERVICES = [
    "ec2.amazonaws.com",
    "lambda.amazonaws.com",
    "edgelambda.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "states.amazonaws.com",
    "glue.amazonaws.com",
    "codebuild.amazonaws.com",
    "apigateway.amazonaws.com",
    "batch.amazonaws.com",
    "eks.amazonaws.com",
    "sagemaker.amazonaws.com",
];

/** The condition key an identity provider's tokens must be pinned on, by provider. */
function federatedSubjectKey(provider: string): string {
    if (provider === "cognito-identity.amazonaws.com") return "cognito-identity.amazonaws.com:aud";
    const saml = /:saml-provider\//.test(provider);
    if (saml) return "SAML:aud";
    const host = provider.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, "");
    return `${host}:sub`;
}

/** A provider's list setting: providers receive structured inputs JSON-encoded (`"[\"210987654321\"]"`). */
function providerList(value: unknown): unknown[] {
    if (typeof value === "string" && !isUnknown(value)) {
        try {
            const parsed: unknown = JSON.parse(value);
            return Array.isArray(parsed) ? parsed : [];
        } catch {
            return [];
        }
    }
    return asArray(value as never) ?? [];
}

/**
 * The account the stack deploys to, as the pack can see it: the provider's allowedAccountIds and the
 * roles it assumes (the default provider carries the stack's `aws:*` config), and the account of every
 * ARN the stack's resources have (a role's own `arn` once it exists). `unknown` when some ARN is not
 * known yet (a preview) and no account is: a principal cannot be told apart from the stack's own then.
 */
function ownAccountsOf(resources: PolicyResource[]): { accounts: Set<string>; unknown: boolean } {
    return memoized(resources, "own accounts", () => {
        const accounts = new Set<string>();
        let unknown = false;
        const add = (value: unknown) => {
            if (isUnknown(value)) unknown = true;
            const account = accountOfPrincipal(asString(value as never) ?? "");
            if (account) accounts.add(account);
        };
        for (const resource of resources) {
            const provider = raw(resource.provider?.props);
            for (const id of providerList(get(provider, "allowedAccountIds"))) add(id);
            for (const role of providerList(get(provider, "assumeRoles"))) add(get(role, "roleArn"));
            if (!resource.type.startsWith("aws:")) continue;
            add(get(propsOf(resource), "arn"));
        }
        return { accounts, unknown: unknown && accounts.size === 0 };
    });
}

export const requireScopedTrust = stackRule({
    name: "iam-role-require-scoped-trust",
    category: "least-privilege",
    description: "Role trust policies must say exactly who may assume the role.",
    what: 'Allow statements of a role\'s assumeRolePolicy: no "*" principal unless narrowed by aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn; service principals need aws:SourceAccount or aws:SourceArn (Firehose, whose guide scopes its role with sts:ExternalId set to the account, may use that instead), except those in servicesWithoutSourceContext: by default the services whose roles are attached with iam:PassRole, which never crosses accounts (EC2 instance profiles, Lambda functions, ECS tasks, Step Functions, Glue, CodeBuild, API Gateway, Batch, EKS, SageMaker); principals of other accounts need sts:ExternalId (or aws:PrincipalOrgID) unless listed in trustedAccountIds or known to be the stack\'s own (from the provider\'s allowedAccountIds or assumed role, or the account of the ARNs the stack\'s resources have, such as the role\'s own); federated principals need their subject pinned (e.g. token.actions.githubusercontent.com:sub).',
    why: "An unscoped trust policy is a door: a confused-deputy service call from another account, any AWS customer, or any GitHub repository could assume the role and act with its permissions.",
    fix: 'Add Condition {"StringEquals": {"aws:SourceAccount": <account>}} for service principals that act on your behalf from configuration (SNS, EventBridge, Config, CloudTrail...), sts:ExternalId for third-party accounts, and a :sub condition for OIDC providers; list your own accounts in trustedAccountIds.',
    frameworks: { soc2: ["CC6.1", "CC6.3", "CC6.6"], gdpr: ["32(1)(b)"] },
    config: {
        trustedAccountIds: {
            type: "array",
            items: { type: "string", pattern: "^\\d{12}$" },
            default: [],
            description: "Accounts (yours) whose principals may assume roles without sts:ExternalId.",
        },
        servicesWithoutSourceContext: {
            type: "array",
            items: { type: "string" },
            default: PASSED_ROLE_SERVICES,
            description: "Service principals that need no aws:SourceAccount/aws:SourceArn: they send none (EC2), or their roles are attached with iam:PassRole, which another account cannot do.",
        },
    },
    validate({ resources, config }, reportOn) {
        const trusted = new Set((config.trustedAccountIds as string[] | undefined) ?? []);
        const sourceless = new Set(((config.servicesWithoutSourceContext as string[] | undefined) ?? []).map((s) => s.toLowerCase()));
        for (const role of resourcesOfType(resources, "aws:iam/role:Role")) {
            const report = (message: string) => reportOn(role, message);
            const document = parsePolicyDocument(get(propsOf(role), "assumeRolePolicy"));
            if (document === undefined || document === UNKNOWN || isParseError(document)) continue;
            judgeTrust(document.statements, { trusted, sourceless, own: ownAccountsOf(resources) }, report);
        }
    },
});

function judgeTrust(
    statements: PolicyDocument["statements"],
    { trusted, sourceless, own }: { trusted: Set<string>; sourceless: Set<string>; own: { accounts: Set<string>; unknown: boolean } },
    report: (message: string) => void,
): void {
        for (const statement of statements) {
            if (statement.effect !== "Allow") continue;
            const where = `${describeStatement(statement)} of assumeRolePolicy`;
            if (statement.notPrincipals) {
                report(`Replace NotPrincipal in ${where} with the principals that may assume the role: NotPrincipal with Allow trusts everyone else.`);
            }
            const principals = statement.principals;
            if (!principals) continue;
            if (principals.anyone && !hasConditionKey(statement, ...CALLER_KEYS)) {
                report(`Name the principals that may assume the role instead of "*" in ${where}, or narrow it with an aws:PrincipalOrgID condition.`);
            }
            const scopedByExternalId = hasConditionKey(statement, "sts:ExternalId");
            const services = principals.service.filter((s) => !sourceless.has(s.toLowerCase()) && !(scopedByExternalId && EXTERNAL_ID_SERVICES.has(s.toLowerCase())));
            if (services.length > 0 && !hasConditionKey(statement, ...SOURCE_KEYS)) {
                report(`Add an aws:SourceAccount or aws:SourceArn condition to ${where} so that ${services.join(", ")} can assume the role only on behalf of your account.`);
            }
            for (const principal of principals.aws) {
                const account = accountOfPrincipal(principal);
                if (!account || trusted.has(account) || own.accounts.has(account) || own.unknown) continue;
                if (!hasConditionKey(statement, "sts:ExternalId", "aws:PrincipalOrgID")) {
                    report(`Require an sts:ExternalId condition in ${where} for account ${account} (not the stack's own), or add the account to trustedAccountIds in the policy config if it is yours.`);
                }
            }
            for (const provider of principals.federated) {
                const key = federatedSubjectKey(provider);
                if (!hasConditionKey(statement, key)) {
                    report(`Add a "${key}" condition to ${where} so that only your identities from ${provider} can assume the role.`);
                }
            }
        }
}
