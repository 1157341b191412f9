import * as aws from "@pulumi/aws";

// An HTTP API whose POST route has no authorizer.
const api = new aws.apigatewayv2.Api("orders", { protocolType: "HTTP" });
new aws.apigatewayv2.Route("orders-post", { apiId: api.id, routeKey: "POST /orders" });
