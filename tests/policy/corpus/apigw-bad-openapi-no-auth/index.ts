import * as aws from "@pulumi/aws";

// An API defined by its OpenAPI document (the "body" idiom), and no security requirement: every operation is open.
const backend = "https://orders.internal.example.com";

const spec = {
    openapi: "3.0.1",
    info: { title: "orders", version: "1.0" },
    components: {
        securitySchemes: {
            sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
        },
    },
    paths: {
        "/orders": {
            get: { "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `${backend}/orders`, payloadFormatVersion: "1.0" } },
            post: { "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "POST", uri: `${backend}/orders`, payloadFormatVersion: "1.0" } },
        },
    },
};

const api = new aws.apigateway.RestApi("orders", { body: JSON.stringify(spec), endpointConfiguration: { types: "REGIONAL" } });

const deployment = new aws.apigateway.Deployment("orders", { restApi: api.id, triggers: { redeployment: JSON.stringify(spec) } });
const stage = new aws.apigateway.Stage("orders-prod", {
    restApi: api.id,
    deployment: deployment.id,
    stageName: "prod",
    xrayTracingEnabled: true,
});

export const invokeUrl = stage.invokeUrl;
