import type { PolicyResource } from "@pulumi/policy";
import * as YAML from "yaml";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asArray, asRecord, asString, asStringList, get, isUnknown } from "../../lib/values";
import { linksOf } from "../reachability/links";

const REST_API = "aws:apigateway/restApi:RestApi";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const METHOD = "aws:apigateway/method:Method";
const OPERATIONS = ["get", "put", "post", "delete", "head", "patch", "trace", "x-amazon-apigateway-any-method"];

/** The OpenAPI (3) or Swagger (2) document in a RestApi body, JSON or YAML; undefined when it is neither. */
function parseBody(body: string): Record<string, unknown> | undefined {
    try {
        const parsed: unknown = body.trimStart().startsWith("{") ? JSON.parse(body) : YAML.parse(body);
        return asRecord(parsed as never);
    } catch {
        return undefined;
    }
}

/**
 * Security schemes API Gateway enforces as authorization: IAM (awsSigv4), Cognito and Lambda
 * authorizers. A plain apiKey scheme on x-api-key is usage-plan metering, not authorization.
 */
function authorizingSchemes(document: Record<string, unknown>): Set<string> {
    const schemes = { ...(asRecord(get(document, "securityDefinitions")) ?? {}), ...(asRecord(get(document, "components", "securitySchemes")) ?? {}) };
    const names = new Set<string>();
    for (const [name, scheme] of Object.entries(schemes)) {
        const authType = asString(get(scheme, "x-amazon-apigateway-authtype"));
        const authorizer = get(scheme, "x-amazon-apigateway-authorizer");
        const type = asString(get(scheme, "type"));
        if (authorizer !== undefined || (authType !== undefined && authType !== "") || type === "oauth2" || type === "openIdConnect") names.add(name);
    }
    return names;
}

/** Whether a `security` list requires one of the authorizing schemes in every alternative (an empty `{}` alternative admits anyone). */
function requiresAuthorization(security: unknown, schemes: Set<string>): boolean {
    const alternatives = asArray(security as never) ?? [];
    if (alternatives.length === 0) return false;
    return alternatives.every((alternative) => Object.keys(asRecord(alternative as never) ?? {}).some((name) => schemes.has(name)));
}

/** "GET /pets" for each operation of the document that requires no authorization (CORS preflight OPTIONS excepted). */
function openOperations(document: Record<string, unknown>): string[] {
    const schemes = authorizingSchemes(document);
    const globalSecurity = get(document, "security");
    const open: string[] = [];
    for (const [path, item] of Object.entries(asRecord(get(document, "paths")) ?? {})) {
        for (const verb of OPERATIONS) {
            const operation = get(item, verb);
            if (operation === undefined) continue;
            const security = get(operation, "security");
            if (!requiresAuthorization(security !== undefined ? security : globalSecurity, schemes)) open.push(`${verb === "x-amazon-apigateway-any-method" ? "ANY" : verb.toUpperCase()} ${path}`);
        }
    }
    return open;
}

function isPrivate(api: PolicyResource, document: Record<string, unknown>): boolean {
    const types = [asStringList(get(propsOf(api), "endpointConfiguration", "types")), asStringList(get(document, "x-amazon-apigateway-endpoint-configuration", "types") as never)];
    return types.some((list) => Array.isArray(list) && list.some((type) => type.toUpperCase() === "PRIVATE"));
}

export const requireOpenApiAuthorization = stackRule({
    name: "apigateway-require-open-api-authorization",
    category: "exposure",
    description: "REST APIs defined by an OpenAPI body must require authorization on their operations.",
    what: "RestApis whose `body` (OpenAPI 3 or Swagger 2, JSON or YAML) has operations (OPTIONS excepted) with no security requirement naming an authorizing scheme: x-amazon-apigateway-authtype (awsSigv4, cognito_user_pools, custom), x-amazon-apigateway-authorizer, oauth2 or openIdConnect. Operation-level `security` overrides the document's; an alternative `{}` admits anyone; a plain apiKey scheme is metering, not authorization. Skipped: private APIs, APIs with Authorizer or Method resources of their own (apigateway-require-authorization judges those), and bodies not known yet.",
    why: "API Gateway imports the document as written: an operation without a security requirement is created with authorization NONE, so anyone on the internet can call the integration behind it with its permissions.",
    fix: 'Declare a security scheme (e.g. sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" }, or a Cognito/Lambda x-amazon-apigateway-authorizer) and require it in the document\'s top-level `security`; exempt an API that is public on purpose with a reason.',
    frameworks: { soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    awsDefault: "API Gateway imports an OpenAPI operation without a security requirement with authorization NONE.",
    validate({ resources }, report) {
        const withResources = new Set(
            resourcesOfType(resources, AUTHORIZER, METHOD).flatMap((r) => linksOf(resources, r, "restApi", [REST_API]).targets.map((api) => api.urn)),
        );
        for (const api of resourcesOfType(resources, REST_API)) {
            const body = get(propsOf(api), "body");
            if (isUnknown(body) || withResources.has(api.urn)) continue;
            const text = asString(body);
            if (text === undefined || text.trim() === "") continue;
            const document = parseBody(text);
            if (document === undefined || isPrivate(api, document)) continue;
            const open = openOperations(document);
            if (open.length === 0) continue;
            const listed = open.length > 5 ? `${open.slice(0, 5).join(", ")} and ${open.length - 5} more` : open.join(", ");
            report(api, `Require an authorizing security scheme (IAM, Cognito or a Lambda authorizer) in the OpenAPI body of RestApi "${api.name}": ${listed} ${open.length === 1 ? "is" : "are"} callable by anyone.`);
        }
    },
});
