import * as aws from "@pulumi/aws";

const account = "123456789012";
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

const logKey = new aws.kms.Key("orders-api-logs", {
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "Logs",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:*` } },
            },
        ],
    }),
});
const accessLogs = new aws.cloudwatch.LogGroup("orders-api-access", { retentionInDays: 30, kmsKeyId: logKey.arn });

const stage = new aws.apigatewayv2.Stage("orders-default", {
    apiId: api.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: {
        destinationArn: accessLogs.arn,
        format: JSON.stringify({ requestId: "$context.requestId", ip: "$context.identity.sourceIp", route: "$context.routeKey", status: "$context.status" }),
    },
    defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
});

export const url = stage.invokeUrl;
