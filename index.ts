import * as pulumi from "@pulumi/pulumi";
import { ensureAppBuilt } from "./app/build";
import { API_QUERY_PARAMETERS } from "./app/http-contract";
import { Cache } from "./components/cache";
import { Cdn } from "./components/cdn";
import { Function } from "./components/function";
import { Monitoring } from "./components/monitoring";
import { Network } from "./components/network";
import { Baseline } from "./components/security";
import { loadSettings } from "./stacks/settings";

export = async () => {
    // Settings are read and validated before any resource is registered: a bad value stops here.
    const settings = loadSettings();
    const { network: net, api, cache: cacheSettings, cdn: cdnSettings, security, monitoring } = settings;
    const protect = settings.protect;

    const baseline = new Baseline("security", { ...security, region: settings.region, protect });

    const network = new Network("network", { ...net, logsKeyArn: baseline.logsKeyArn, tags: settings.tags, protect });

    const cache = new Cache("cache", {
        ...cacheSettings,
        vpcId: network.vpcId,
        subnetIds: network.isolatedSubnetIds,
        kmsKeyArn: baseline.dataKeyArn,
        logsKeyArn: baseline.logsKeyArn,
        logRetentionDays: api.logRetentionDays,
        protect,
    });

    const bundle = await ensureAppBuilt();
    const fn = new Function("api", {
        ...api,
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        httpsEgress: network.egress.strategy === "none" ? "endpoints" : "nat",
        egressSecurityGroupIds: network.endpointSecurityGroupId ? [network.endpointSecurityGroupId] : [],
        code: new pulumi.asset.FileArchive(bundle.directory),
        sourceMaps: bundle.sourceMaps,
        originReadTimeoutSeconds: cdnSettings.originReadTimeoutSeconds,
        cache: {
            endpoint: cache.endpoint,
            port: cache.port,
            securityGroupId: cache.securityGroupId,
            authSecretArn: cache.authSecretArn,
            authSecretKeyArn: baseline.dataKeyArn,
        },
        logsKeyArn: baseline.logsKeyArn,
        envKeyArn: baseline.dataKeyArn,
        protect,
    });
    cache.allowClient("api", fn.securityGroupId);

    const cdn = new Cdn("edge", {
        ...cdnSettings,
        functionUrl: fn.functionUrl,
        functionName: fn.functionName,
        aliasName: fn.aliasName,
        // The one list the app routes on: the edge cache keys on exactly these query parameters.
        cacheKeyQueryStrings: API_QUERY_PARAMETERS,
        edgeKmsKeyArn: baseline.edgeKeyArn,
        tags: settings.tags,
        protect,
    });

    new Monitoring("ops", {
        ...monitoring,
        alertsTopicArn: baseline.alertsTopicArn,
        functionName: fn.functionName,
        aliasName: fn.aliasName,
        timeoutSeconds: api.timeoutSeconds,
        replicationGroupId: cache.replicationGroupId,
        cacheNodeCount: cacheSettings.serverless ? 0 : 1 + cacheSettings.replicas,
        distributionId: cdn.distributionId,
        natGatewayIds: network.natGatewayIds,
        region: settings.region,
    });

    return {
        url: cdn.url,
        distributionId: cdn.distributionId,
        functionName: fn.functionName,
        // The blue/green workflow reads this to set api.stableVersion before the next deploy.
        apiFunctionVersion: fn.functionVersion,
        cacheEndpoint: cache.endpoint,
        vpcId: network.vpcId,
        alertsTopicArn: baseline.alertsTopicArn,
    };
};
