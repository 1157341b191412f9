import * as aws from "@pulumi/aws";

const api = new aws.apigateway.RestApi("admin", { description: "internal admin API", endpointConfiguration: { types: "REGIONAL" } });
const users = new aws.apigateway.Resource("admin-users", { restApi: api.id, parentId: api.rootResourceId, pathPart: "users" });

// Anyone on the internet may create users.
const method = new aws.apigateway.Method("admin-post", { restApi: api.id, resourceId: users.id, httpMethod: "POST", authorization: "NONE" });

const integration = new aws.apigateway.Integration("admin-post", {
    restApi: api.id,
    resourceId: users.id,
    httpMethod: method.httpMethod,
    type: "HTTP_PROXY",
    integrationHttpMethod: "POST",
    uri: "https://admin.internal.example.com/users",
});

const deployment = new aws.apigateway.Deployment("admin", { restApi: api.id }, { dependsOn: [integration] });

const logs = new aws.cloudwatch.LogGroup("admin-api-access", { retentionInDays: 30 });

const stage = new aws.apigateway.Stage("admin-prod", {
    restApi: api.id,
    deployment: deployment.id,
    stageName: "prod",
    xrayTracingEnabled: true,
    accessLogSettings: { destinationArn: logs.arn, format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}' },
});

export const invokeUrl = stage.invokeUrl;
