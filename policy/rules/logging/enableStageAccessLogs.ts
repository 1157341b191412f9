import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableStageAccessLogs = resourceRule({
    name: "apigateway-enable-stage-access-logs",
    category: "logging",
    description: "API Gateway stages must write access logs.",
    what: "REST API Stages (aws.apigateway.Stage) and HTTP/WebSocket API Stages (aws.apigatewayv2.Stage) without accessLogSettings.destinationArn.",
    why: "Access logs are the only record of who called which route, from where, with what result; without them abuse, credential stuffing or a data leak through the API cannot be investigated.",
    fix: "Set accessLogSettings: { destinationArn: logGroup.arn, format: JSON.stringify({ requestId: \"$context.requestId\", ip: \"$context.identity.sourceIp\", route: \"$context.routeKey\", status: \"$context.status\" }) }.",
    frameworks: { fsbp: ["APIGateway.1", "APIGateway.9"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    types: ["aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage"],
    validate(resource, report) {
        if (get(resource.props, "accessLogSettings", "destinationArn") === undefined) {
            report("Set accessLogSettings.destinationArn (a CloudWatch log group or Firehose stream) and a JSON format with the request id, source IP, route and status.");
        }
    },
});
