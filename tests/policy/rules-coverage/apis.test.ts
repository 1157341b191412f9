import * as aws from "@pulumi/aws";
import { describeResourcePolicy } from "../rules-support/resourceCases";
import { describeStackPolicyOnFixture } from "../rules-support/stackCases";
import { UNKNOWN } from "../rules-support/variants";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

describeResourcePolicy({
    policy: "apigateway-configure-domain-tls-policy",
    type: "aws:apigateway/domainName:DomainName",
    compliant: { domainName: "api.example.com", regionalCertificateArn: CERT, endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2" },
    alsoCompliant: [
        { name: "an enhanced TLS 1.3 policy", props: { domainName: "api.example.com", regionalCertificateArn: CERT, securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", endpointAccessMode: "STRICT" } },
        { name: "an HTTP API domain name with TLS_1_2", type: "aws:apigatewayv2/domainName:DomainName", props: { domainName: "api.example.com", domainNameConfiguration: { certificateArn: CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" } } },
    ],
    failures: [
        { name: 'securityPolicy "TLS_1_0"', props: (p) => ({ ...p, securityPolicy: "TLS_1_0" }), messages: [/^Set securityPolicy to "TLS_1_2": "TLS_1_0" is a policy that accepts TLS 1\.0 and 1\.1\.$/] },
        { name: "securityPolicy left unset", props: ({ securityPolicy, ...p }) => p, messages: [/^Set securityPolicy to "TLS_1_2": unset, API Gateway applies a policy that accepts TLS 1\.0 and 1\.1\.$/] },
    ],
    unknowable: ["securityPolicy"],
});

describeResourcePolicy({
    policy: "appsync-disallow-api-key-only-auth",
    type: "aws:appsync/graphQLApi:GraphQLApi",
    compliant: { name: "notes", authenticationType: "AMAZON_COGNITO_USER_POOLS", userPoolConfig: { userPoolId: "eu-west-1_AbCdEfGhI", defaultAction: "ALLOW", awsRegion: "eu-west-1" } },
    alsoCompliant: [{ name: "an API key beside IAM", props: { name: "notes", authenticationType: "API_KEY", additionalAuthenticationProviders: [{ authenticationType: "AWS_IAM" }] } }],
    failures: [
        { name: "API_KEY only", props: () => ({ name: "notes", authenticationType: "API_KEY" }), messages: [/^Set authenticationType to "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_IAM" or "AWS_LAMBDA": an API key ships in every client/] },
        { name: "API_KEY with only another API_KEY provider", props: () => ({ name: "notes", authenticationType: "API_KEY", additionalAuthenticationProviders: [{ authenticationType: "API_KEY" }] }), messages: [/^Set authenticationType/] },
    ],
    unknowable: ["authenticationType", "additionalAuthenticationProviders"],
});

const openApi = (security: object) =>
    JSON.stringify({
        openapi: "3.0.1",
        info: { title: "pets", version: "1.0" },
        ...security,
        paths: {
            "/pets": {
                get: { "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:pets/invocations" } },
                options: { "x-amazon-apigateway-integration": { type: "mock" } },
            },
            "/health": { get: { security: [{ sigv4: [] }], "x-amazon-apigateway-integration": { type: "mock" } } },
        },
    });
const sigv4 = { components: { securitySchemes: { sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" } } } };
const secured = openApi({ ...sigv4, security: [{ sigv4: [] }] });

function apis() {
    new aws.apigateway.RestApi("pets", { body: secured, endpointConfiguration: { types: "REGIONAL" } });
}

describeStackPolicyOnFixture("apigateway-require-open-api-authorization", apis, "every operation of the body requires the sigv4 scheme", [
    {
        // /health names sigv4, which this body does not declare: API Gateway enforces nothing there either.
        name: "a body with no security at all",
        change: (v) => v.edit("pets", (p) => (p.body = openApi({}))),
        messages: [/^Require an authorizing security scheme \(IAM, Cognito or a Lambda authorizer\) in the OpenAPI body of RestApi "pets": GET \/pets, GET \/health are callable by anyone\.$/],
        on: "pets",
    },
    {
        name: "an operation declared as an empty object is still an operation",
        change: (v) => v.edit("pets", (p) => (p.body = JSON.stringify({ openapi: "3.0.1", info: { title: "ping", version: "1" }, paths: { "/ping": { get: {} } } }))),
        messages: [/RestApi "pets": GET \/ping is callable by anyone/],
    },
    {
        name: "an API key scheme is metering, not authorization",
        change: (v) => v.edit("pets", (p) => (p.body = openApi({ components: { securitySchemes: { api_key: { type: "apiKey", name: "x-api-key", in: "header" }, ...sigv4.components.securitySchemes } }, security: [{ api_key: [] }] }))),
        messages: [/GET \/pets is callable by anyone/],
    },
    {
        name: "an operation that opts out with security: [] (Swagger 2 in YAML)",
        change: (v) =>
            v.edit("pets", (p) => {
                p.body = [
                    'swagger: "2.0"',
                    "info: { title: pets, version: '1.0' }",
                    "securityDefinitions:",
                    "  cognito:",
                    "    type: apiKey",
                    "    name: Authorization",
                    "    in: header",
                    "    x-amazon-apigateway-authtype: cognito_user_pools",
                    "    x-amazon-apigateway-authorizer: { type: cognito_user_pools, providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC'] }",
                    "security: [{ cognito: [] }]",
                    "paths:",
                    "  /pets:",
                    "    get: { x-amazon-apigateway-integration: { type: mock } }",
                    "    post: { security: [], x-amazon-apigateway-integration: { type: mock } }",
                ].join("\n");
            }),
        messages: [/RestApi "pets": POST \/pets is callable by anyone/],
    },
], [
    { name: "a private API", change: (v) => v.edit("pets", (p) => { p.body = openApi({}); p.endpointConfiguration = { types: "PRIVATE" }; }) },
    {
        name: "an API whose methods are resources with an authorizer",
        change: (v) =>
            v
                .edit("pets", (p) => (p.body = openApi({})))
                .add("aws:apigateway/authorizer:Authorizer", "pets-jwt", { restApi: v.value("pets"), type: "COGNITO_USER_POOLS", providerArns: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC"] }, { restApi: ["pets"] }),
    },
    { name: "a Lambda authorizer scheme", change: (v) => v.edit("pets", (p) => (p.body = openApi({ components: { securitySchemes: { lambda: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authorizer": { type: "token", authorizerUri: "arn:aws:apigateway:eu-west-1:lambda:path/x" } }, ...sigv4.components.securitySchemes } }, security: [{ lambda: [] }] }))) },
    { name: "a body not known yet", change: (v) => v.edit("pets", (p) => (p.body = UNKNOWN)), preview: true },
]);
