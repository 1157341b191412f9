import * as pulumi from "@pulumi/pulumi";
import { ensureAppBuilt } from "./app/build";
import { API_QUERY_PARAMETERS } from "./app/http-contract";
import { allowCacheClient, Cache } from "./components/cache";
import { Cdn } from "./components/cdn";
import { Function } from "./components/function";
import { Monitoring } from "./components/monitoring";
import { Network } from "./components/network";
import { natCountFor } from "./components/network-args";
import { Baseline } from "./components/security";
import { LayerName, LayerOutputName, LayerOutputs, layerStackName, producersOf } from "./stacks/layers";
import { loadSettings, Settings } from "./stacks/settings";

/**
 * Settings are read and validated before any resource is registered: a bad value stops here.
 * Without `bulwark:layer` the stack deploys everything; with it, one layer, reading the layers
 * before it from their stacks. Both layouts run the same four functions below, so they deploy the
 * same resources; only where a layer's inputs come from differs.
 */
export = async () => {
    const settings = loadSettings();
    if (settings.layer === undefined) {
        const baseline = baselineLayer(settings);
        const network = networkLayer(settings, baseline);
        const { exports: data, cache } = dataLayer(settings, baseline, network);
        // In one stack the rule stays the cache's child, where it has always been (its URN unchanged).
        const app = await appLayer(settings, baseline, network, data, (client, group) => cache.allowClient(client, group));
        return {
            url: app.url,
            distributionId: app.distributionId,
            functionName: app.functionName,
            // The blue/green workflow reads this to set api.stableVersion before the next deploy.
            apiFunctionVersion: app.apiFunctionVersion,
            cacheEndpoint: data.cacheEndpoint,
            vpcId: network.vpcId,
            alertsTopicArn: baseline.alertsTopicArn,
        };
    }
    const read = layerReader(settings);
    switch (settings.layer) {
        case "baseline":
            return baselineLayer(settings);
        case "network":
            return networkLayer(settings, read("baseline"));
        case "data":
            return dataLayer(settings, read("baseline"), read("network")).exports;
        case "app":
            // The data stack cannot read the app's outputs without a cycle, so the app admits itself.
            return appLayer(settings, read("baseline"), read("network"), read("data"), (client, group, data) =>
                allowCacheClient("cache", { clientName: client, clientSecurityGroupId: group, cacheSecurityGroupId: data.cacheSecurityGroupId as pulumi.Input<string> }));
    }
};

type Exports<L extends LayerName> = LayerOutputs<L, pulumi.Input<unknown>>;
type BaselineExports = Exports<"baseline">;
type NetworkExports = Exports<"network">;
type DataExports = Exports<"data">;

function baselineLayer(settings: Settings): BaselineExports {
    const baseline = new Baseline("security", { ...settings.security, region: settings.region, protect: settings.protect });
    return {
        logsKeyArn: baseline.logsKeyArn,
        dataKeyArn: baseline.dataKeyArn,
        edgeKeyArn: baseline.edgeKeyArn,
        alertsTopicArn: baseline.alertsTopicArn,
    };
}

function networkLayer(settings: Settings, baseline: BaselineExports): NetworkExports {
    const network = new Network("network", {
        ...settings.network,
        logsKeyArn: baseline.logsKeyArn as pulumi.Input<string>,
        tags: settings.tags,
        protect: settings.protect,
    });
    return {
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        isolatedSubnetIds: network.isolatedSubnetIds,
        // Exported only when it exists: a stack output cannot be undefined.
        ...(network.endpointSecurityGroupId ? { endpointSecurityGroupId: network.endpointSecurityGroupId } : {}),
        natGatewayIds: pulumi.all(network.natGatewayIds),
    };
}

function dataLayer(settings: Settings, baseline: BaselineExports, network: NetworkExports): { exports: DataExports; cache: Cache } {
    const cache = new Cache("cache", {
        ...settings.cache,
        vpcId: network.vpcId as pulumi.Input<string>,
        subnetIds: network.isolatedSubnetIds as pulumi.Input<string[]>,
        kmsKeyArn: baseline.dataKeyArn as pulumi.Input<string>,
        logsKeyArn: baseline.logsKeyArn as pulumi.Input<string>,
        logRetentionDays: settings.api.logRetentionDays,
        protect: settings.protect,
    });
    const exports = {
        cacheEndpoint: cache.endpoint,
        cachePort: cache.port,
        cacheSecurityGroupId: cache.securityGroupId,
        cacheAuthSecretArn: cache.authSecretArn,
        ...(cache.replicationGroupId ? { cacheReplicationGroupId: cache.replicationGroupId } : {}),
    };
    return { exports, cache };
}

/** Lets the function's security group reach the cache: a rule on the cache's group (Cache.allowClient). */
type AdmitToCache = (clientName: string, securityGroupId: pulumi.Input<string>, data: DataExports) => void;

async function appLayer(
    settings: Settings, baseline: BaselineExports, network: NetworkExports, data: DataExports, admitToCache: AdmitToCache,
): Promise<Exports<"app">> {
    const { api, cdn: cdnSettings, monitoring, cache: cacheSettings, network: networkSettings } = settings;
    const text = (value: pulumi.Input<unknown>) => value as pulumi.Input<string>;
    const bundle = await ensureAppBuilt();
    const hasEndpoints = networkSettings.interfaceEndpoints.length > 0;
    const fn = new Function("api", {
        ...api,
        vpcId: text(network.vpcId),
        subnetIds: network.privateSubnetIds as pulumi.Input<string[]>,
        httpsEgress: networkSettings.natStrategy === "none" ? "endpoints" : "nat",
        egressSecurityGroupIds: hasEndpoints ? [text(network.endpointSecurityGroupId)] : [],
        code: new pulumi.asset.FileArchive(bundle.directory),
        sourceMaps: bundle.sourceMaps,
        originReadTimeoutSeconds: cdnSettings.originReadTimeoutSeconds,
        cache: {
            endpoint: text(data.cacheEndpoint),
            port: data.cachePort as pulumi.Input<number>,
            securityGroupId: text(data.cacheSecurityGroupId),
            authSecretArn: text(data.cacheAuthSecretArn),
            authSecretKeyArn: text(baseline.dataKeyArn),
        },
        logsKeyArn: text(baseline.logsKeyArn),
        envKeyArn: text(baseline.dataKeyArn),
        protect: settings.protect,
    });
    admitToCache("api", fn.securityGroupId, data);

    const cdn = new Cdn("edge", {
        ...cdnSettings,
        functionUrl: fn.functionUrl,
        functionName: fn.functionName,
        aliasName: fn.aliasName,
        // The one list the app routes on: the edge cache keys on exactly these query parameters.
        cacheKeyQueryStrings: API_QUERY_PARAMETERS,
        edgeKmsKeyArn: text(baseline.edgeKeyArn),
        tags: settings.tags,
        protect: settings.protect,
    });

    // The dashboard's shape is fixed before the ids are known: one row per NAT gateway the settings build.
    const natGateways = ["single", "perAz"].includes(networkSettings.natStrategy) && !networkSettings.existingVpcId ? natCountFor(networkSettings) : 0;
    const natGatewayIds = pulumi.output(network.natGatewayIds as pulumi.Input<string[]>);
    new Monitoring("ops", {
        ...monitoring,
        alertsTopicArn: text(baseline.alertsTopicArn),
        functionName: fn.functionName,
        aliasName: fn.aliasName,
        timeoutSeconds: api.timeoutSeconds,
        replicationGroupId: cacheSettings.serverless ? undefined : text(data.cacheReplicationGroupId),
        cacheNodeCount: cacheSettings.serverless ? 0 : 1 + cacheSettings.replicas,
        distributionId: cdn.distributionId,
        natGatewayIds: Array.from({ length: natGateways }, (_, i) => natGatewayIds.apply((ids) => ids[i])),
        region: settings.region,
    });

    return {
        url: cdn.url,
        distributionId: cdn.distributionId,
        functionName: fn.functionName,
        apiFunctionVersion: fn.functionVersion,
    };
}

/**
 * The outputs of an earlier layer, from its stack in this environment. Each name is required: a
 * layer that stopped exporting one fails here, naming it, rather than deploying half-wired.
 * Optional outputs (the endpoint group, the replication group) are read only when the settings say
 * the producer exports them.
 */
function layerReader(settings: Settings): <L extends LayerName>(layer: L) => Exports<L> {
    const references = new Map<LayerName, pulumi.StackReference>();
    const mine = settings.layer!;
    return <L extends LayerName>(layer: L): Exports<L> => {
        // A read of a later layer would be a cycle between the layers' stacks.
        if (!producersOf(mine).includes(layer)) throw new Error(`layer ${mine} cannot read layer ${layer}: only ${producersOf(mine).join(", ")} deploy before it`);
        let reference = references.get(layer);
        if (!reference) {
            const name = layerStackName(pulumi.getOrganization(), pulumi.getProject(), settings.environment, layer);
            reference = new pulumi.StackReference(name);
            references.set(layer, reference);
        }
        const ref = reference;
        return new Proxy({} as Exports<L>, {
            get: (cache, output: string) => {
                const outputs = cache as Record<string, pulumi.Output<unknown>>;
                outputs[output] ??= ref.requireOutput(output as LayerOutputName<L>);
                return outputs[output];
            },
        });
    };
}
