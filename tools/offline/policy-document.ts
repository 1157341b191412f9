/**
 * Renders `aws.iam.getPolicyDocument` arguments into the JSON document AWS would receive, the way the
 * provider's `aws_iam_policy_document` data source does: one-element lists collapse to strings,
 * principals group by type, conditions group by operator then key. Policies read the rendered JSON,
 * so an approximation here would hide exactly the mistakes they exist to catch.
 */

interface PrincipalInput {
    type: string;
    identifiers: string[];
}

interface ConditionInput {
    test: string;
    variable: string;
    values: string[];
}

interface StatementInput {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: PrincipalInput[];
    notPrincipals?: PrincipalInput[];
    conditions?: ConditionInput[];
}

export interface PolicyDocumentInput {
    version?: string;
    policyId?: string;
    statements?: StatementInput[];
    sourcePolicyDocuments?: string[];
    overridePolicyDocuments?: string[];
}

type Json = string | string[] | Record<string, unknown>;

function collapse(values: string[]): string | string[] {
    const unique = [...new Set(values)];
    return unique.length === 1 ? unique[0] : unique;
}

function renderPrincipals(principals: PrincipalInput[]): Json {
    // A lone "*" principal of type "*" is rendered as the bare string "*", as the provider does.
    if (principals.length === 1 && principals[0].type === "*" && principals[0].identifiers.every((id) => id === "*")) {
        return "*";
    }
    const grouped: Record<string, string[]> = {};
    for (const principal of principals) {
        grouped[principal.type] = [...(grouped[principal.type] ?? []), ...principal.identifiers];
    }
    return Object.fromEntries(Object.entries(grouped).map(([type, ids]) => [type, collapse(ids)]));
}

function renderConditions(conditions: ConditionInput[]): Record<string, Record<string, string | string[]>> {
    const grouped: Record<string, Record<string, string[]>> = {};
    for (const condition of conditions) {
        const byKey = (grouped[condition.test] ??= {});
        byKey[condition.variable] = [...(byKey[condition.variable] ?? []), ...condition.values];
    }
    return Object.fromEntries(
        Object.entries(grouped).map(([test, byKey]) => [
            test,
            Object.fromEntries(Object.entries(byKey).map(([key, values]) => [key, collapse(values)])),
        ]),
    );
}

function renderStatement(statement: StatementInput): Record<string, unknown> {
    const rendered: Record<string, unknown> = {};
    if (statement.sid) rendered.Sid = statement.sid;
    rendered.Effect = statement.effect ?? "Allow";
    if (statement.actions?.length) rendered.Action = collapse(statement.actions);
    if (statement.notActions?.length) rendered.NotAction = collapse(statement.notActions);
    if (statement.resources?.length) rendered.Resource = collapse(statement.resources);
    if (statement.notResources?.length) rendered.NotResource = collapse(statement.notResources);
    if (statement.principals?.length) rendered.Principal = renderPrincipals(statement.principals);
    if (statement.notPrincipals?.length) rendered.NotPrincipal = renderPrincipals(statement.notPrincipals);
    if (statement.conditions?.length) rendered.Condition = renderConditions(statement.conditions);
    return rendered;
}

/** Merges statements the provider's way: by Sid, later documents overriding earlier ones. */
function mergeBySid(base: Record<string, unknown>[], overrides: Record<string, unknown>[]): Record<string, unknown>[] {
    const merged = [...base];
    for (const statement of overrides) {
        const index = statement.Sid ? merged.findIndex((s) => s.Sid === statement.Sid) : -1;
        if (index >= 0) merged[index] = statement;
        else merged.push(statement);
    }
    return merged;
}

function statementsOf(json: string): Record<string, unknown>[] {
    const parsed = JSON.parse(json) as { Statement?: unknown };
    const statements = parsed.Statement;
    if (statements === undefined) return [];
    return (Array.isArray(statements) ? statements : [statements]) as Record<string, unknown>[];
}

export function renderPolicyDocument(input: PolicyDocumentInput): string {
    let statements: Record<string, unknown>[] = [];
    for (const source of input.sourcePolicyDocuments ?? []) statements = mergeBySid(statements, statementsOf(source));
    statements = mergeBySid(statements, (input.statements ?? []).map(renderStatement));
    for (const override of input.overridePolicyDocuments ?? []) statements = mergeBySid(statements, statementsOf(override));
    const document: Record<string, unknown> = { Version: input.version ?? "2012-10-17" };
    if (input.policyId) document.Id = input.policyId;
    document.Statement = statements;
    return JSON.stringify(document, null, 2);
}
