/**
 * Looks fine, deploys, then bites: a cache whose AUTH token comes from plain config and whose final
 * snapshot name is fixed, an ElastiCache user with a write-only password but no version, a database
 * with a fixed final snapshot, a function that ships source maps Node never reads, and CloudFront in
 * front of a Lambda function URL that forwards write methods through a lambda origin access control
 * and keys its cache on every query string.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

new aws.elasticache.ReplicationGroup("cache", {
    description: "app cache",
    engine: "valkey",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 1,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    authToken: config.require("cacheToken"),
    finalSnapshotIdentifier: "app-cache-final",
});

new aws.elasticache.User("reader", {
    userId: "reader",
    userName: "reader",
    engine: "valkey",
    accessString: "on ~* +@read",
    passwordsWo: config.requireSecret("cacheToken"),
});

new aws.rds.Instance("db", {
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    username: "app",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    finalSnapshotIdentifier: "app-db-final",
});

const role = new aws.iam.Role("fn-role", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});
const fn = new aws.lambda.Function("api", {
    role: role.arn,
    runtime: "nodejs22.x",
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset('exports.handler=async()=>({statusCode:200,body:"ok"});\n//# sourceMappingURL=index.js.map'),
        "index.js.map": new pulumi.asset.StringAsset('{"version":3,"sources":["handler.ts"],"mappings":""}'),
    }),
});
const url = new aws.lambda.FunctionUrl("api-url", { functionName: fn.name, authorizationType: "AWS_IAM" });

const oac = new aws.cloudfront.OriginAccessControl("api-oac", {
    originAccessControlOriginType: "lambda",
    signingBehavior: "always",
    signingProtocol: "sigv4",
});
const cachePolicy = new aws.cloudfront.CachePolicy("api-cache", {
    minTtl: 0,
    defaultTtl: 60,
    maxTtl: 300,
    parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "all" },
    },
});
new aws.cloudfront.Distribution("cdn", {
    enabled: true,
    origins: [{
        originId: "api",
        domainName: url.functionUrl.apply((u) => new URL(u).host),
        originAccessControlId: oac.id,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
    }],
    defaultCacheBehavior: {
        targetOriginId: "api",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: cachePolicy.id,
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});
