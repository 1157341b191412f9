import { describeResourcePolicy } from "../rules-support/resourceCases";

describeResourcePolicy({
    policy: "apigateway-enable-stage-access-logs",
    type: "aws:apigatewayv2/stage:Stage",
    compliant: { apiId: "a", name: "$default", accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:api", format: "{}" } },
    alsoCompliant: [{ name: "a REST stage with access logs", type: "aws:apigateway/stage:Stage", props: { restApi: "r", stageName: "prod", accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:api", format: "{}" } } }],
    failures: [
        { name: "an HTTP API stage without accessLogSettings", props: ({ accessLogSettings, ...p }) => p, messages: [/^Set accessLogSettings\.destinationArn/] },
        { name: "a REST stage without them", type: "aws:apigateway/stage:Stage", props: () => ({ restApi: "r", stageName: "prod" }), messages: [/^Set accessLogSettings\.destinationArn/] },
    ],
    unknowable: ["accessLogSettings"],
});

describeResourcePolicy({
    policy: "elb-enable-load-balancer-access-logs",
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: { loadBalancerType: "application", accessLogs: { bucket: "logs", enabled: true } },
    alsoCompliant: [{ name: "a network load balancer", props: { loadBalancerType: "network" } }],
    failures: [
        { name: "no accessLogs", props: () => ({}), messages: [/^Set accessLogs to \{ bucket, enabled: true \}/] },
        { name: "a bucket given but enabled left at its false default", type: "aws:alb/loadBalancer:LoadBalancer", props: () => ({ accessLogs: { bucket: "logs" } }), messages: [/^Set accessLogs/] },
    ],
    unknowable: ["accessLogs", "loadBalancerType"],
});
