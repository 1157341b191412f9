import * as aws from "@pulumi/aws";

const region = "us-east-1";

const api = new aws.apigatewayv2.Api("orders", { protocolType: "HTTP", description: "orders API" });

const authorizer = new aws.apigatewayv2.Authorizer("orders-cognito", {
    apiId: api.id,
    authorizerType: "JWT",
    identitySources: ["$request.header.Authorization"],
    jwtConfiguration: { audiences: ["orders-web"], issuer: `https://cognito-idp.${region}.amazonaws.com/${region}_AbCdEf123` },
});

const backend = new aws.apigatewayv2.Integration("orders-backend", {
    apiId: api.id,
    integrationType: "HTTP_PROXY",
    integrationMethod: "ANY",
    integrationUri: "https://orders.internal.example.com/{proxy}",
});

new aws.apigatewayv2.Route("orders-proxy", {
    apiId: api.id,
    routeKey: "ANY /orders/{proxy+}",
    target: backend.id.apply((id) => `integrations/${id}`),
    authorizationType: "JWT",
    authorizerId: authorizer.id,
});

const stage = new aws.apigatewayv2.Stage("orders-default", {
    apiId: api.id,
    name: "$default",
    autoDeploy: true,
    defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
});

export const url = stage.invokeUrl;
