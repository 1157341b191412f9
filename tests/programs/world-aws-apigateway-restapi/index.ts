import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as apigateway from "@pulumi/aws-apigateway";

const role = new aws.iam.Role("hello", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("hello-logs", { role: role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });

const hello = new aws.lambda.Function("hello", {
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(`exports.handler = async () => ({ statusCode: 200, body: "Hello, API Gateway!" });`),
    }),
});

// The aws-apigateway README's shape: routes with an event handler; the component builds the API,
// its deployment, stage and the Lambda permission inside its own provider.
const api = new apigateway.RestAPI("api", {
    routes: [
        { path: "/", method: "GET", eventHandler: hello },
        { path: "/health", method: "GET", target: { type: "http_proxy", uri: "https://status.example.com/health" } },
    ],
});

export const url = api.url;
