import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("hello-role", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
    managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole],
});

const fn = new aws.lambda.Function("hello", {
    role: role.arn,
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({ ".": new pulumi.asset.FileArchive("./handler") }),
    environment: { variables: { GREETING: "hello" } },
});

const api = new aws.apigatewayv2.Api("hello-api", { protocolType: "HTTP" });

const integration = new aws.apigatewayv2.Integration("hello-integration", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationUri: fn.arn,
    payloadFormatVersion: "2.0",
});

new aws.apigatewayv2.Route("hello-route", {
    apiId: api.id,
    routeKey: "GET /hello",
    target: pulumi.interpolate`integrations/${integration.id}`,
});

const stage = new aws.apigatewayv2.Stage("hello-stage", {
    apiId: api.id,
    name: "$default",
    autoDeploy: true,
});

// The function object itself names the function to invoke.
new aws.lambda.Permission("hello-invoke", {
    action: "lambda:InvokeFunction",
    function: fn,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

export const url = stage.invokeUrl;
