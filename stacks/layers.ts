/**
 * The layered layout's contract: the stack of each layer, and the outputs it exports for the layers
 * after it. A consumer reads these by name through a StackReference, so a name here is a promise:
 * renaming or dropping one breaks every stack that reads it (the set plan reports it as a missing
 * output, and tests/layers/ fails). Add outputs freely; remove one only after no layer reads it.
 */
import { LAYER_NAMES, LayerName } from "./types";

export { LAYER_NAMES, LayerName };

/** Each layer's outputs, with when the layer exports them (always, unless said). */
export const LAYER_OUTPUTS = {
    baseline: {
        logsKeyArn: "the KMS key of log groups, flow logs and the trail",
        dataKeyArn: "the KMS key of the cache, its secret and the function's environment",
        edgeKeyArn: "the KMS key of the CDN's log bucket",
        alertsTopicArn: "the SNS topic alarms notify",
    },
    network: {
        vpcId: "the VPC",
        privateSubnetIds: "the function's subnets (routed to the NAT when there is one)",
        isolatedSubnetIds: "the cache's subnets (no route out)",
        endpointSecurityGroupId: "the interface endpoints' security group; only with network.interfaceEndpoints",
        natGatewayIds: "the managed NAT gateways (empty with NAT instances or none), for the dashboard",
    },
    data: {
        cacheEndpoint: "the cache's primary endpoint host",
        cachePort: "the cache's port",
        cacheSecurityGroupId: "the cache's security group, which the app admits itself to",
        cacheAuthSecretArn: "the Secrets Manager secret holding the AUTH token",
        cacheReplicationGroupId: "the replication group, for the node alarms; only with a node-based cache",
    },
    app: {
        url: "the API's https URL (CloudFront)",
        distributionId: "the CloudFront distribution",
        functionName: "the API function",
        apiFunctionVersion: "the function version the live alias serves (the blue/green workflow reads it)",
    },
} as const satisfies Record<LayerName, Record<string, string>>;

/** Outputs a layer exports only in some settings (the contract above says when). */
export const OPTIONAL_LAYER_OUTPUTS = ["endpointSecurityGroupId", "cacheReplicationGroupId"] as const;
type OptionalOutputName = (typeof OPTIONAL_LAYER_OUTPUTS)[number];

export type LayerOutputName<L extends LayerName> = keyof (typeof LAYER_OUTPUTS)[L] & string;

/** The outputs a layer's stack exports, by name. */
export type LayerOutputs<L extends LayerName, V = unknown> =
    { [K in Exclude<LayerOutputName<L>, OptionalOutputName>]: V } & { [K in Extract<LayerOutputName<L>, OptionalOutputName>]?: V };

/** The layers a layer reads, in deploy order: every layer before it. */
export function producersOf(layer: LayerName): LayerName[] {
    return LAYER_NAMES.slice(0, LAYER_NAMES.indexOf(layer));
}

/** The stack of `layer` in `environment`, as a StackReference names it: `<org>/<project>/<environment>-<layer>`. */
export function layerStackName(organization: string, project: string, environment: string, layer: LayerName): string {
    return `${organization}/${project}/${environment}-${layer}`;
}
