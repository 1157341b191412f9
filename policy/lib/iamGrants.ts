/**
 * What a statement grants once its wildcards are expanded: the judgement every IAM rule shares, so
 * that "s3:*", "s3:Get*" and a misspelt "s3:GetObjcet" mean the same thing to all of them.
 */
import { ActionInfo, closestAction, expandAction, hasWildcard } from "./iamActions";
import { describeStatement, PolicyDocument, quoteList, Statement, unscopedResources } from "./iam";

export interface UnknownAction {
    pattern: string;
    why: string;
}

export interface Grants {
    statement: Statement;
    /** Entries that grant every action of every service: `*`, `*:Get*`, or an Allow with NotAction. */
    everything: string[];
    /** Entries that grant every action of one service: `s3:*`. */
    serviceWide: string[];
    /** Entries with a wildcard that stop short of a whole service: `s3:Get*`. */
    partialWildcards: string[];
    /** Entries that name no real action: typos, unknown services, malformed strings. */
    unknown: UnknownAction[];
    /** The real actions the entries cover, without duplicates. */
    actions: ActionInfo[];
    /** The real actions each Action entry covers. */
    byPattern: Map<string, ActionInfo[]>;
}

/**
 * Actions that let whoever holds them on every resource grant themselves more: pass any role to a
 * service, rewrite or attach any policy, mint credentials for any user, assume any role, or run their
 * code as any function. (Rhino Security Labs' IAM privilege-escalation methods, narrowed to actions
 * that escalate on their own.)
 */
export const ESCALATION_ACTIONS = [
    "iam:PassRole",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:AddUserToGroup",
    "iam:PutRolePermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
    "iam:PutUserPermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "sts:AssumeRole",
    "lambda:UpdateFunctionCode",
];
const ESCALATION_SET = new Set(ESCALATION_ACTIONS.map((a) => a.toLowerCase()));

/** Grants by statement: the IAM rules each ask of the same statements, which parsed documents share. */
const grantsCache = new WeakMap<Statement, Promise<Grants>>();

/** What a statement grants. Shared between rules: callers must not change the result. */
export function grantsOf(statement: Statement): Promise<Grants> {
    let cached = grantsCache.get(statement);
    if (!cached) grantsCache.set(statement, (cached = computeGrants(statement)));
    return cached;
}

async function computeGrants(statement: Statement): Promise<Grants> {
    const grants: Grants = { statement, everything: [], serviceWide: [], partialWildcards: [], unknown: [], actions: [], byPattern: new Map() };
    const seen = new Set<string>();
    if (statement.notActions !== undefined && statement.effect === "Allow") {
        grants.everything.push(`NotAction ${JSON.stringify(statement.notActions)}`);
    }
    const entries = [...statement.actions, ...(statement.notActions ?? [])];
    for (const pattern of entries) {
        const expansion = await expandAction(pattern);
        const fromNotAction = !statement.actions.includes(pattern);
        switch (expansion.kind) {
            case "everything":
                if (!fromNotAction) grants.everything.push(pattern);
                break;
            case "malformed":
                grants.unknown.push({ pattern, why: `is not of the form "service:Action"` });
                break;
            case "unknown-service":
                grants.unknown.push({ pattern, why: `names the service "${expansion.service}", which IAM does not have` });
                break;
            case "actions":
                if (expansion.actions.length === 0) {
                    const suggestion = hasWildcard(pattern) ? undefined : await closestAction(pattern);
                    const why = hasWildcard(pattern) ? "matches no action" : "is not an action";
                    grants.unknown.push({ pattern, why: suggestion ? `${why} (did you mean "${suggestion}"?)` : why });
                } else if (!fromNotAction) {
                    if (expansion.serviceWide) grants.serviceWide.push(pattern);
                    else if (hasWildcard(pattern)) grants.partialWildcards.push(pattern);
                    grants.byPattern.set(pattern, expansion.actions);
                    for (const action of expansion.actions) {
                        if (!seen.has(action.action)) grants.actions.push(action);
                        seen.add(action.action);
                    }
                }
                break;
        }
    }
    return grants;
}

/**
 * The Action entries of an Allow statement on every resource that cover actions able to take ARNs:
 * an action by name, a wildcard with how many such actions it covers (`"s3:Get*" (37 actions)`).
 */
/**
 * Actions a service checks on every resource of an account and region, with no resource to name,
 * before it will use a role: Lambda verifies ec2:DeleteNetworkInterface on
 * "arn:aws:ec2:<region>:<account>:*\/*" before it attaches a function to a VPC (Lambda Developer
 * Guide, "Execution role permissions"), and a grant on network-interface/* fails CreateFunction.
 * Granted on an ARN that names its region and account, they are scoped as far as AWS lets them be.
 */
const CHECKED_ACCOUNT_WIDE = new Set(["ec2:deletenetworkinterface"]);

/** An ARN with a concrete region and account: arn:aws:ec2:eu-west-1:123456789012:*\/* */
function namesRegionAndAccount(resource: string): boolean {
    const [arn, , , region, account] = resource.split(":");
    return arn === "arn" && /^[a-z0-9-]+$/.test(region ?? "") && /^\d{12}$/.test(account ?? "");
}

export interface ScopableEntry {
    /** The Action entry as written, with the actions of a wildcard that really take ARNs named. */
    text: string;
    /** Those actions (the service reference knows the rest are authorized on "*" only). */
    actions: ActionInfo[];
}

export function scopableOnUnscoped(grants: Grants): ScopableEntry[] {
    const unscoped = unscopedResources(grants.statement);
    if (grants.statement.effect !== "Allow" || unscoped.length === 0) return [];
    const regionAndAccountOnly = unscoped.every(namesRegionAndAccount);
    const entries: ScopableEntry[] = [];
    for (const [pattern, actions] of grants.byPattern) {
        const scopable = actions.filter((a) => !a.wildcardOnly && !(regionAndAccountOnly && CHECKED_ACCOUNT_WIDE.has(a.action.toLowerCase())));
        if (scopable.length === 0) continue;
        if (!hasWildcard(pattern)) {
            entries.push({ text: `"${pattern}"`, actions: scopable });
            continue;
        }
        const names = scopable.map((a) => a.action);
        const shown = names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", ");
        entries.push({ text: `"${pattern}" (${scopable.length} of its ${actions.length} action${actions.length === 1 ? "" : "s"}: ${shown})`, actions: scopable });
    }
    return entries;
}

/**
 * Escalation actions granted on every resource (or every resource of their type, e.g. `role/*`).
 * Entries granting everything are not expanded: they are reported as wildcard actions.
 */
export function escalationsOnUnscoped(grants: Grants): string[] {
    if (grants.statement.effect !== "Allow" || unscopedResources(grants.statement, true).length === 0) return [];
    const escalating = grants.actions.filter((a) => ESCALATION_SET.has(a.action.toLowerCase())).map((a) => a.action);
    return [...new Set(escalating)];
}

/**
 * Why a whole document is broad, one reason a line; empty when it is not. Used for AWS managed
 * policies, which are judged by what they grant rather than by name: admin or service-wide actions,
 * wildcard actions on every resource, or escalation paths.
 */
export async function breadthOf(document: PolicyDocument): Promise<string[]> {
    const reasons: string[] = [];
    for (const statement of document.statements) {
        if (statement.effect !== "Allow") continue;
        const grants = await grantsOf(statement);
        const where = describeStatement(statement);
        if (grants.everything.length > 0) reasons.push(`${where} grants every action (${quoteList(grants.everything)})`);
        if (grants.serviceWide.length > 0) reasons.push(`${where} grants every action of a service (${quoteList(grants.serviceWide)})`);
        const unscoped = unscopedResources(statement);
        if (grants.partialWildcards.length > 0 && unscoped.length > 0) {
            reasons.push(`${where} grants ${quoteList(grants.partialWildcards)} on every resource`);
        }
        const escalations = escalationsOnUnscoped(grants);
        if (escalations.length > 0) reasons.push(`${where} grants ${quoteList(escalations)} on every resource`);
    }
    return reasons;
}
