/**
 * Where IAM documents live on Pulumi AWS resources, so every rule finds the same ones: identity
 * policies (inline and standalone), attached managed policy ARNs, trust policies and resource policies.
 */
import { isParseError, parsePolicyDocument, PolicyDocument } from "./iam";
import { asArray, asRecord, asString, asStringList, get, isUnknown, Read, UNKNOWN } from "./values";

export interface DocumentSource {
    /** How messages name it: `inline policy "read-config"`, `policy`. */
    label: string;
    value: Read;
}

/** Identity-based policy documents: what a role, user or group is allowed to do. */
export function identityDocuments(type: string, props: unknown): DocumentSource[] {
    switch (type) {
        case "aws:iam/role:Role": {
            const inline = get(props, "inlinePolicies");
            if (inline === UNKNOWN) return [{ label: "inlinePolicies", value: UNKNOWN }];
            return (asArray(inline) ?? []).map((policy, i) => {
                const name = asString(get(policy, "name"));
                return { label: `inline policy ${name ? `"${name}"` : i + 1}`, value: get(policy, "policy") };
            });
        }
        case "aws:iam/rolePolicy:RolePolicy":
        case "aws:iam/policy:Policy":
        case "aws:iam/userPolicy:UserPolicy":
        case "aws:iam/groupPolicy:GroupPolicy":
            return [{ label: "policy", value: get(props, "policy") }];
        default:
            return [];
    }
}

export const IDENTITY_POLICY_TYPES = ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"];

/** Managed policy ARNs attached by a resource (unknown ARNs are left out). */
export function attachedPolicyArns(type: string, props: unknown): string[] {
    let value: Read;
    switch (type) {
        case "aws:iam/role:Role":
        case "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive":
        case "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive":
        case "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive":
            value = type === "aws:iam/role:Role" ? get(props, "managedPolicyArns") : get(props, "policyArns");
            break;
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
        case "aws:iam/userPolicyAttachment:UserPolicyAttachment":
        case "aws:iam/groupPolicyAttachment:GroupPolicyAttachment":
        case "aws:iam/policyAttachment:PolicyAttachment":
            value = get(props, "policyArn");
            break;
        default:
            return [];
    }
    const list = asStringList(value);
    return list === UNKNOWN || list === undefined ? [] : list.filter((arn) => !isUnknown(arn));
}

export const ATTACHMENT_TYPES = [
    "aws:iam/role:Role",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];

/** Resource-based policies, whose principals decide who outside the account gets in. */
export const RESOURCE_POLICY_PROPERTIES: Record<string, string> = {
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:s3/bucket:Bucket": "policy",
    "aws:s3/bucketV2:BucketV2": "policy",
    "aws:sns/topic:Topic": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:sqs/queue:Queue": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:kms/key:Key": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:secretsmanager/secret:Secret": "policy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
};

export function resourcePolicyDocument(type: string, props: unknown): DocumentSource | undefined {
    const property = RESOURCE_POLICY_PROPERTIES[type];
    return property ? { label: property, value: get(props, property) } : undefined;
}

/** A record of known string values, for maps like Lambda environment variables. */
export function stringMap(value: Read): Record<string, string | typeof UNKNOWN> {
    const record = asRecord(value) ?? {};
    const result: Record<string, string | typeof UNKNOWN> = {};
    for (const [key, item] of Object.entries(record)) {
        if (item === UNKNOWN) result[key] = UNKNOWN;
        else if (typeof item === "string") result[key] = item;
        else if (typeof item === "number" || typeof item === "boolean") result[key] = String(item);
    }
    return result;
}

export interface ParsedSource {
    label: string;
    document?: PolicyDocument;
    /** Why the document could not be read (invalid JSON); unknown documents are simply absent. */
    error?: string;
}

/** Parses each source; documents not known yet (preview) are left out, never guessed at. */
export function parseSources(sources: DocumentSource[]): ParsedSource[] {
    const parsed: ParsedSource[] = [];
    for (const source of sources) {
        const document = parsePolicyDocument(source.value);
        if (document === undefined || document === UNKNOWN) continue;
        if (isParseError(document)) parsed.push({ label: source.label, error: document.error });
        else parsed.push({ label: source.label, document });
    }
    return parsed;
}
