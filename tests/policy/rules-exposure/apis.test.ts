import * as aws from "@pulumi/aws";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";

function apis() {
    const rest = new aws.apigateway.RestApi("rest", {});
    const items = new aws.apigateway.Resource("rest-items", { restApi: rest.id, parentId: rest.rootResourceId, pathPart: "items" });
    new aws.apigateway.Method("rest-get", { restApi: rest.id, resourceId: items.id, httpMethod: "GET", authorization: "AWS_IAM" });
    new aws.apigateway.Method("rest-options", { restApi: rest.id, resourceId: items.id, httpMethod: "OPTIONS", authorization: "NONE" });

    const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
    const jwt = new aws.apigatewayv2.Authorizer("http-jwt", { apiId: http.id, authorizerType: "JWT", identitySources: ["$request.header.Authorization"], jwtConfiguration: { audiences: ["app"], issuer: "https://issuer.example.com" } });
    new aws.apigatewayv2.Route("http-items", { apiId: http.id, routeKey: "GET /items", authorizationType: "JWT", authorizerId: jwt.id });
    new aws.apigatewayv2.Route("http-preflight", { apiId: http.id, routeKey: "OPTIONS /items" });

    const ws = new aws.apigatewayv2.Api("ws", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
    new aws.apigatewayv2.Route("ws-connect", { apiId: ws.id, routeKey: "$connect", authorizationType: "AWS_IAM" });
    new aws.apigatewayv2.Route("ws-default", { apiId: ws.id, routeKey: "$default" });
    new aws.apigatewayv2.Route("ws-send", { apiId: ws.id, routeKey: "sendmessage" });
}

describeStackPolicyOnFixture("apigateway-require-authorization", apis, "every method and route requires authorization (preflight and WebSocket message routes aside)", [
    { name: "a REST method with authorization NONE", change: (v) => v.edit("rest-get", (p) => (p.authorization = "NONE")), messages: [/^Set authorization on the GET method to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM": with "NONE" anyone can call it\.$/], on: "rest-get" },
    { name: "an HTTP API route without authorizationType", change: (v) => v.edit("http-items", (p) => (delete p.authorizationType, delete p.authorizerId)), messages: [/^Set authorizationType \("JWT", "AWS_IAM" or "CUSTOM"\) and authorizerId on route "GET \/items"/], on: "http-items" },
    { name: 'an HTTP API $default route with "NONE"', change: (v) => v.add("aws:apigatewayv2/route:Route", "http-default", { routeKey: "$default", authorizationType: "NONE" }, { apiId: ["http"] }), messages: [/on route "\$default"/], on: "http-default" },
    { name: "a WebSocket $connect route without an authorizer", change: (v) => v.edit("ws-connect", (p) => delete p.authorizationType), messages: [/on route "\$connect"/], on: "ws-connect" },
    { name: "preview: a public REST method is known before deployment", change: (v) => v.edit("rest-get", (p) => (p.authorization = "NONE")), messages: [/GET method/], preview: true },
]);
