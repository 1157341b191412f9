/**
 * IAM policy documents as rules need them: every statement normalised (single strings become lists,
 * principals grouped by kind, condition keys lower-cased), whether the document came as a JSON string
 * (what AWS and `aws.iam.getPolicyDocument` produce) or as an object literal in the program.
 */
import { asRecord, asStringList, containsUnknown, deepFreeze, get, isUnknown, raw, Read, UNKNOWN, Unknown } from "./values";

export interface Principals {
    /** `"Principal": "*"` or `{"AWS": "*"}`: anyone. */
    anyone: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

export interface Statement {
    /** 1-based position in the document, for messages. */
    index: number;
    sid: string | undefined;
    effect: "Allow" | "Deny";
    actions: string[];
    /** `NotAction`: the statement covers every action except these. */
    notActions: string[] | undefined;
    resources: string[];
    notResources: string[] | undefined;
    principals: Principals | undefined;
    notPrincipals: Principals | undefined;
    /** Operator -> lower-cased condition key -> values. */
    conditions: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
    statements: Statement[];
    /** Statements left out because part of them is not known yet (preview). */
    unknownStatements: number;
}

export type ParsedDocument = PolicyDocument | Unknown | undefined | { error: string };

export function isParseError(doc: ParsedDocument): doc is { error: string } {
    return typeof doc === "object" && doc !== null && "error" in doc;
}

function principalsOf(value: unknown): Principals | undefined {
    if (value === undefined || value === null) return undefined;
    const empty: Principals = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (value === "*") return { ...empty, anyone: true };
    const record = asRecord(value);
    if (!record) return empty;
    const list = (key: string) => {
        const entry = Object.entries(record).find(([k]) => k.toLowerCase() === key.toLowerCase());
        const items = entry ? asStringList(entry[1]) : undefined;
        return items === UNKNOWN || items === undefined ? [] : items;
    };
    const aws = list("AWS");
    return {
        anyone: aws.includes("*"),
        aws: aws.filter((p) => p !== "*"),
        service: list("Service"),
        federated: list("Federated"),
        canonicalUser: list("CanonicalUser"),
    };
}

function conditionsOf(value: unknown): Record<string, Record<string, string[]>> {
    const result: Record<string, Record<string, string[]>> = {};
    for (const [operator, block] of Object.entries(asRecord(value) ?? {})) {
        const keys: Record<string, string[]> = {};
        for (const [key, values] of Object.entries(asRecord(block) ?? {})) {
            // Booleans and numbers are legal condition values; IAM compares them as strings.
            const plain = raw(values);
            keys[key.toLowerCase()] = (Array.isArray(plain) ? plain : [plain]).map(String);
        }
        result[operator] = keys;
    }
    return result;
}

function field(statement: Record<string, unknown>, name: string): unknown {
    const entry = Object.entries(statement).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return entry?.[1];
}

function listField(statement: Record<string, unknown>, name: string): string[] | undefined {
    const value = field(statement, name);
    if (value === undefined || value === null) return undefined;
    const list = asStringList(value as Read);
    return list === UNKNOWN ? undefined : list;
}

/**
 * Parses a policy document given as JSON text or as an object. Statements with unknown parts are
 * counted, not judged: a preview cannot tell what they will say.
 */
export function parsePolicyDocument(value: Read): ParsedDocument {
    if (value === undefined) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    const document: unknown = raw(value);
    if (typeof document === "string") {
        let parsed = parsedTexts.get(document);
        if (parsed === undefined) {
            // A bound on the cache, not a policy: a stack's documents fit many times over.
            if (parsedTexts.size >= MAX_CACHED_TEXTS) parsedTexts.clear();
            parsedTexts.set(document, (parsed = deepFreeze(parse(document))));
        }
        return parsed;
    }
    if (typeof document === "object" && document !== null) {
        let parsed = parsedObjects.get(document);
        if (parsed === undefined) parsedObjects.set(document, (parsed = deepFreeze(parse(document))));
        return parsed;
    }
    return parse(document);
}

/**
 * Parsed documents by JSON text and by object. Several rules read each document of a stack (a role's
 * policies are judged for wildcards, escalation, unknown actions, trust...), so each is parsed once;
 * the results are frozen because those rules share them.
 */
const parsedTexts = new Map<string, ParsedDocument>();
const parsedObjects = new WeakMap<object, ParsedDocument>();
const MAX_CACHED_TEXTS = 50_000;

function parse(value: unknown): ParsedDocument {
    let document = value;
    if (typeof document === "string") {
        if (document.trim() === "") return undefined;
        try {
            document = JSON.parse(document);
        } catch (error) {
            return { error: `is not valid JSON (${(error as Error).message})` };
        }
    }
    const statementsValue = get(document, "Statement");
    if (statementsValue === UNKNOWN) return UNKNOWN;
    if (statementsValue === undefined) return { statements: [], unknownStatements: 0 };
    const rawStatements = Array.isArray(raw(statementsValue)) ? (raw(statementsValue) as unknown[]) : [statementsValue];
    const statements: Statement[] = [];
    let unknownStatements = 0;
    rawStatements.forEach((item, i) => {
        if (containsUnknown(item)) {
            unknownStatements++;
            return;
        }
        const statement = asRecord(item as Read);
        if (!statement) return;
        const effect = String(field(statement, "Effect") ?? "Allow");
        statements.push({
            index: i + 1,
            sid: typeof field(statement, "Sid") === "string" ? (field(statement, "Sid") as string) : undefined,
            effect: effect === "Deny" ? "Deny" : "Allow",
            actions: listField(statement, "Action") ?? [],
            notActions: listField(statement, "NotAction"),
            resources: listField(statement, "Resource") ?? [],
            notResources: listField(statement, "NotResource"),
            principals: principalsOf(field(statement, "Principal")),
            notPrincipals: principalsOf(field(statement, "NotPrincipal")),
            conditions: conditionsOf(field(statement, "Condition")),
        });
    });
    return { statements, unknownStatements };
}

/** `statement 2 ("ReadConfig")`: how messages point at a statement. */
export function describeStatement(statement: Statement): string {
    return statement.sid ? `statement ${statement.index} ("${statement.sid}")` : `statement ${statement.index}`;
}

/** Whether any condition of the statement tests one of these keys (case-insensitive, any operator). */
export function hasConditionKey(statement: Statement, ...keys: string[]): boolean {
    const wanted = keys.map((k) => k.toLowerCase());
    return Object.values(statement.conditions).some((block) => Object.keys(block).some((key) => wanted.includes(key)));
}

/** The condition keys the statement tests, lower-cased. */
export function conditionKeys(statement: Statement): string[] {
    return Object.values(statement.conditions).flatMap((block) => Object.keys(block));
}

/** The part of an ARN after `arn:partition:service:region:account:`, or undefined for a non-ARN. */
export function arnResourcePart(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" ? parts.slice(5).join(":") : undefined;
}

// "*", or an ARN whose resource part is nothing but wildcards: arn:aws:s3:::* or arn:aws:s3:::*/*.
export function isUnscopedResource(resource: string): boolean {
    if (resource === "*") return true;
    const part = arnResourcePart(resource);
    return part !== undefined && /^[*?/:]+$/.test(part);
}

// Every resource of one type: arn:aws:iam::123456789012:role/* or arn:aws:dynamodb:*:*:table/*.
export function isTypeWideResource(resource: string): boolean {
    if (isUnscopedResource(resource)) return true;
    const part = arnResourcePart(resource);
    return part !== undefined && /^[A-Za-z0-9-]+[/:]\*$/.test(part);
}

/** Resources of an Allow statement that reach everything (NotResource counts as everything). */
export function unscopedResources(statement: Statement, typeWide = false): string[] {
    if (statement.notResources !== undefined) return [`NotResource ${JSON.stringify(statement.notResources)}`];
    return statement.resources.filter((r) => (typeWide ? isTypeWideResource(r) : isUnscopedResource(r)));
}

/** The account id in an AWS principal: a bare id, or the account field of an ARN. */
export function accountOfPrincipal(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    const account = principal.split(":")[4];
    return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** Quotes a policy entry for a message; `NotAction [...]` and `NotResource [...]` stay as they are. */
function quoteEntry(entry: string): string {
    return /^Not(Action|Resource) /.test(entry) ? entry : `"${entry}"`;
}

/** Short quoted list for messages: `"a", "b", "c" and 4 more`. */
export function quoteList(items: string[], max = 4): string {
    const quoted = items.slice(0, max).map(quoteEntry);
    const rest = items.length - max;
    if (rest > 0) return `${quoted.join(", ")} and ${rest} more`;
    if (quoted.length <= 1) return quoted.join("");
    return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
