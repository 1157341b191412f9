/**
 * The edge-unready program with its mistakes fixed: generated credentials through the provider's
 * write-only inputs with a version, final snapshot names that change with each replacement, source
 * maps with --enable-source-maps, and a Lambda origin behind CloudFront that allows only GET, HEAD and
 * OPTIONS and keys its cache on no query string.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

const config = new pulumi.Config();
const tokenVersion = 1;
const token = new random.RandomPassword("cache-token", { length: 32, special: false, keepers: { version: String(tokenVersion) } });
const subnetGroupName = "app-cache-subnets";
const snapshotSuffix = new random.RandomId("cache-final-suffix", { byteLength: 4, keepers: { subnetGroupName } });

new aws.elasticache.ReplicationGroup("cache", {
    description: "app cache",
    engine: "valkey",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 1,
    subnetGroupName,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    authTokenWo: token.result,
    authTokenWoVersion: tokenVersion,
    finalSnapshotIdentifier: pulumi.interpolate`app-cache-final-${snapshotSuffix.hex}`,
});

new aws.elasticache.User("reader", {
    userId: "reader",
    userName: "reader",
    engine: "valkey",
    accessString: "on ~* +@read",
    passwordsWo: token.result,
    passwordsWoVersion: tokenVersion,
});

const dbSuffix = new random.RandomId("db-final-suffix", { byteLength: 4, keepers: { dbName: config.require("dbName") } });
new aws.rds.Instance("db", {
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    dbName: config.require("dbName"),
    username: "app",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    finalSnapshotIdentifier: pulumi.interpolate`app-db-final-${dbSuffix.hex}`,
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
    environment: { variables: { NODE_OPTIONS: "--enable-source-maps" } },
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
        queryStringsConfig: { queryStringBehavior: "none" },
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
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: cachePolicy.id,
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});
