/**
 * What a Lambda function's role lets its code call, as AWS service prefixes, read from every document
 * attached to the role in the stack: inline policies, RolePolicy, and RolePolicyAttachment (a Policy
 * in the stack, or an AWS managed policy).
 */
import type { PolicyResource } from "@pulumi/policy";
import { isParseError, parsePolicyDocument } from "../../lib/iam";
import { awsManagedPolicy } from "../../lib/managedPolicies";
import { propsOf } from "../../lib/stack";
import { asArray, asString, get, isUnknown, Read } from "../../lib/values";
import { linksFrom, linksOf } from "./links";

const ROLE = "aws:iam/role:Role";

/**
 * Calls the Lambda service makes with the role on the function's behalf, outside the function's
 * network: writing its logs, managing its network interfaces, and shipping X-Ray segments from the
 * daemon it runs.
 */
const CALLED_BY_LAMBDA = /^(logs:(CreateLogGroup|CreateLogStream|PutLogEvents)|ec2:(CreateNetworkInterface|DeleteNetworkInterface|Describe\w+|AssignPrivateIpAddresses|UnassignPrivateIpAddresses)|xray:\w+)$/i;

/** Actions that authenticate a connection rather than call an AWS API endpoint. */
const NOT_API_CALLS = /^(rds-db:connect|elasticache:connect|dsql:DbConnect\w*)$/i;

export interface RoleServices {
    /** Service prefix -> one action that needs it, for messages. */
    services: Map<string, string>;
    /** Some document is not known yet, or allows every service ("*"): the list may be incomplete. */
    incomplete: boolean;
}

function documentsOf(resources: PolicyResource[], role: PolicyResource): Read[] {
    const documents: Read[] = [];
    const inline = get(propsOf(role), "inlinePolicies");
    if (isUnknown(inline)) documents.push(inline);
    for (const policy of asArray(inline) ?? []) documents.push(get(policy, "policy"));
    for (const arn of asArray(get(propsOf(role), "managedPolicyArns")) ?? []) {
        const managed = typeof arn === "string" ? awsManagedPolicy(arn) : undefined;
        if (managed?.found) documents.push(JSON.stringify(managed.document) as Read);
    }
    const pointingAtRole = (type: string) => linksFrom(resources, [type], "role", [ROLE]).referrers.get(role.urn) ?? [];
    for (const policy of pointingAtRole("aws:iam/rolePolicy:RolePolicy")) documents.push(get(propsOf(policy), "policy"));
    for (const attachment of pointingAtRole("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
        const link = linksOf(resources, attachment, "policyArn", ["aws:iam/policy:Policy"]);
        link.targets.forEach((p) => documents.push(get(propsOf(p), "policy")));
        for (const arn of link.external) {
            const managed = awsManagedPolicy(arn);
            if (managed?.found) documents.push(JSON.stringify(managed.document) as Read);
        }
        if (link.unresolved) documents.push(get(propsOf(attachment), "policyArn"));
    }
    return documents;
}

export function servicesCalledBy(resources: PolicyResource[], fn: PolicyResource): RoleServices {
    const roles = linksOf(resources, fn, "role", [ROLE]);
    const services = new Map<string, string>();
    let incomplete = roles.targets.length === 0;
    for (const role of roles.targets) {
        for (const value of documentsOf(resources, role)) {
            const doc = parsePolicyDocument(value);
            if (doc === undefined || isParseError(doc)) continue;
            if (typeof doc === "symbol" || doc.unknownStatements > 0) incomplete = true;
            if (typeof doc === "symbol") continue;
            for (const statement of doc.statements) {
                if (statement.effect !== "Allow") continue;
                if (statement.notActions !== undefined) incomplete = true;
                // A kms:ViaService condition means another service (Secrets Manager) calls KMS, not the code.
                const viaService = Object.values(statement.conditions).some((block) => block["kms:viaservice"] !== undefined);
                for (const action of statement.actions) {
                    if (action === "*" || action.startsWith("*")) {
                        incomplete = true;
                        continue;
                    }
                    if (CALLED_BY_LAMBDA.test(action) || NOT_API_CALLS.test(action)) continue;
                    const service = action.split(":")[0].toLowerCase();
                    if (service === "kms" && viaService) continue;
                    if (!services.has(service)) services.set(service, action);
                }
            }
        }
    }
    return { services, incomplete };
}

/** IAM service prefix -> the VPC endpoint service name that serves its API. */
const ENDPOINT_NAMES: Record<string, string[]> = {
    cloudwatch: ["monitoring"],
    ecr: ["ecr.api"],
    "execute-api": ["execute-api"],
    states: ["states", "sync-states"],
    ssm: ["ssm"],
    appconfig: ["appconfigdata", "appconfig"],
    s3: ["s3"],
    dynamodb: ["dynamodb"],
};

export function endpointNamesFor(service: string): string[] {
    return ENDPOINT_NAMES[service] ?? [service];
}

/** URLs in the environment that point at the internet (not AWS endpoints, private hosts or addresses). */
export function internetUrlsIn(variables: Record<string, unknown>): { name: string; host: string }[] {
    const found: { name: string; host: string }[] = [];
    for (const [name, value] of Object.entries(variables)) {
        const text = asString(value as Read);
        if (!text || !/^https?:\/\//i.test(text)) continue;
        let host: string;
        try {
            host = new URL(text).hostname;
        } catch {
            continue;
        }
        const isPrivate = /(\.amazonaws\.com|\.internal|\.local|\.localhost|^localhost)$/i.test(host) || /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.)/.test(host);
        if (!isPrivate) found.push({ name, host });
    }
    return found;
}
