import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { asString, get, isUnknown } from "../../lib/values";
import { linksOf } from "../reachability/links";

const REST_METHOD = "aws:apigateway/method:Method";
const ROUTE = "aws:apigatewayv2/route:Route";
const API_V2 = "aws:apigatewayv2/api:Api";

/** An HTTP API route (WebSocket routes other than $connect cannot take an authorizer). */
function isHttpRoute(resources: PolicyResource[], route: PolicyResource): boolean | "unknown" {
    const key = asString(get(propsOf(route), "routeKey"));
    if (key === undefined) return "unknown";
    if (/^[A-Z]+ \//.test(key)) return true;
    if (key === "$connect") return false;
    const api = linksOf(resources, route, "apiId", [API_V2]).targets[0];
    const protocol = api ? get(propsOf(api), "protocolType") : undefined;
    if (api === undefined || isUnknown(protocol)) return "unknown";
    return asString(protocol)?.toUpperCase() === "HTTP";
}

export const requireAuthorization = stackRule({
    name: "apigateway-require-authorization",
    category: "exposure",
    description: "API Gateway methods and routes must require authorization.",
    what: 'REST API Methods with authorization "NONE" (CORS preflight OPTIONS methods excepted; an API key is not authorization), HTTP API Routes whose authorizationType is unset or "NONE" (OPTIONS routes excepted), and WebSocket $connect routes without an authorizer.',
    why: "An unauthenticated API method lets anyone on the internet call the backend with the integration's permissions: read or change data, and run up the bill.",
    fix: 'Set authorization to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM" with an authorizerId (REST), or authorizationType "JWT", "AWS_IAM" or "CUSTOM" with an authorizerId (HTTP API); exempt a route that is public on purpose with a reason.',
    frameworks: { soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    validate({ resources }, report) {
        for (const method of resourcesOfType(resources, REST_METHOD)) {
            const props = propsOf(method);
            const verb = asString(get(props, "httpMethod"))?.toUpperCase();
            if (verb === "OPTIONS" || asString(get(props, "authorization"))?.toUpperCase() !== "NONE") continue;
            report(method, `Set authorization on the ${verb ?? "API"} method to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM": with "NONE" anyone can call it.`);
        }
        for (const route of resourcesOfType(resources, ROUTE)) {
            const props = propsOf(route);
            const key = asString(get(props, "routeKey"));
            const type = get(props, "authorizationType");
            if (isUnknown(type) || (type !== undefined && asString(type)?.toUpperCase() !== "NONE")) continue;
            if (key?.startsWith("OPTIONS ") || isHttpRoute(resources, route) === "unknown") continue;
            if (key !== "$connect" && isHttpRoute(resources, route) === false) continue;
            report(route, `Set authorizationType ("JWT", "AWS_IAM" or "CUSTOM") and authorizerId on route "${key}": without one anyone can call it.`);
        }
    },
});
