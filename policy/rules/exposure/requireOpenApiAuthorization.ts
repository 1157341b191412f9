import type { PolicyResource } from "@pulumi/policy";
import * as YAML from "yaml";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, asStringList, get, isUnknown } from "../../lib/values";
import { linksOf } from "../reachability/links";

const REST_API = "aws:apigateway/restApi:RestApi";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const METHOD = "aws:apigateway/method:Method";
const OPERATIONS = ["get", "put", "post", "delete", "head", "patch", "trace", "x-amazon-apigateway-any-method"];

type Document = Record<string, unknown>;

/**
 * A field of the parsed document as written. Not `get`: in OpenAPI an empty `security: []` means
 * "no authorization" and an empty operation `{}` is still an operation, so empty is not "not set".
 */
function field(value: unknown, ...path: string[]): unknown {
    let current = value;
    for (const key of path) {
        if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
        current = (current as Document)[key];
    }
    return current ?? undefined;
}

const recordOf = (value: unknown): Document => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Document) : {});

/** The OpenAPI (3) or Swagger (2) document in a RestApi body, JSON or YAML; undefined when it is neither. */
function parseBody(body: string): Document | undefined {
    try {
        const parsed: unknown = body.trimStart().startsWith("{") ? JSON.parse(body) : YAML.parse(body);
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Document) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Security schemes API Gateway enforces as authorization: IAM (awsSigv4), Cognito and Lambda
 * authorizers. A plain apiKey scheme on x-api-key is usage-plan metering, not authorization.
 */
function authorizingSchemes(document: Document): Set<string> {
    const schemes = { ...recordOf(field(document, "securityDefinitions")), ...recordOf(field(document, "components", "securitySchemes")) };
    const names = new Set<string>();
    for (const [name, scheme] of Object.entries(schemes)) {
        const authType = field(scheme, "x-amazon-apigateway-authtype");
        const type = field(scheme, "type");
        if (field(scheme, "x-amazon-apigateway-authorizer") !== undefined || (typeof authType === "string" && authType.trim() !== "") || type === "oauth2" || type === "openIdConnect") names.add(name);
    }
    return names;
}

/** Whether a `security` list requires one of the authorizing schemes in every alternative (an empty `{}` alternative admits anyone). */
function requiresAuthorization(security: unknown, schemes: Set<string>): boolean {
    const alternatives = Array.isArray(security) ? security : [];
    if (alternatives.length === 0) return false;
    return alternatives.every((alternative) => Object.keys(recordOf(alternative)).some((name) => schemes.has(name)));
}

/** "GET /pets" for each operation of the document that requires no authorization (CORS preflight OPTIONS excepted). */
function openOperations(document: Document): string[] {
    const schemes = authorizingSchemes(document);
    const globalSecurity = field(document, "security");
    const open: string[] = [];
    for (const [path, item] of Object.entries(recordOf(field(document, "paths")))) {
        for (const verb of OPERATIONS) {
            const operation = field(item, verb);
            if (operation === undefined) continue;
            const security = field(operation, "security");
            if (!requiresAuthorization(security !== undefined ? security : globalSecurity, schemes)) open.push(`${verb === "x-amazon-apigateway-any-method" ? "ANY" : verb.toUpperCase()} ${path}`);
        }
    }
    return open;
}

function isPrivate(api: PolicyResource, document: Document): boolean {
    const types = [asStringList(get(propsOf(api), "endpointConfiguration", "types")), asStringList(field(document, "x-amazon-apigateway-endpoint-configuration", "types") as never)];
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
    awsDefault: "API Gateway imports an OpenAPI operation without a security requirement with authorization NONE (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
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
