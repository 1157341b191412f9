/**
 * A deliberately insecure stack, ported from the kind of SAM template ("Lambda API in a VPC with an
 * ElastiCache Redis cache, CloudFront in front") that many teams start from. Every resource carries
 * the template's mistake unchanged; Bulwark's policy pack must flag each one:
 *
 * 1. The function's role gets CloudWatchLogsFullAccess ("logs:*") and trusts lambda.amazonaws.com
 *    with no aws:SourceAccount.
 * 2. The upstream API key sits in a plain environment variable.
 * 3. The VPC has private subnets and no NAT or endpoints: the function cannot reach its upstream.
 * 4. Redis runs without TLS, without at-rest encryption and without AUTH.
 * 5. One security group, open to 0.0.0.0/0 on every port, serves both function and cache.
 * 6. CloudFront serves the function URL with viewerProtocolPolicy "allow-all" (plain HTTP), and the
 *    function URL itself is public (authorization NONE).
 *
 * Run: npm run plan -- --stack dev --program examples/insecure/index.ts
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const vpc = new aws.ec2.Vpc("app-vpc", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });

// Two "private" subnets with no route out: the template never created a NAT gateway.
const subnets = ["a", "b"].map(
    (zone, i) =>
        new aws.ec2.Subnet(`app-private-${zone}`, {
            vpcId: vpc.id,
            cidrBlock: `10.0.${i + 1}.0/24`,
            availabilityZone: `eu-west-1${zone}`,
        }),
);

// One security group for everything, open to the world on every port.
const sharedGroup = new aws.ec2.SecurityGroup("app-sg", {
    vpcId: vpc.id,
    description: "Allow all",
    ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const cacheSubnets = new aws.elasticache.SubnetGroup("app-cache-subnets", { subnetIds: subnets.map((s) => s.id) });

// Redis as the template had it: no TLS, no encryption at rest, no AUTH token.
const cache = new aws.elasticache.ReplicationGroup("app-cache", {
    description: "API cache",
    engine: "redis",
    engineVersion: "7.1",
    nodeType: "cache.t3.micro",
    numCacheClusters: 1,
    port: 6379,
    subnetGroupName: cacheSubnets.name,
    securityGroupIds: [sharedGroup.id],
    transitEncryptionEnabled: false,
    atRestEncryptionEnabled: false,
});

const role = new aws.iam.Role("app-function-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaVPCAccessExecutionRole, aws.iam.ManagedPolicy.CloudWatchLogsFullAccess],
});

const fn = new aws.lambda.Function("app-function", {
    role: role.arn,
    runtime: "nodejs20.x",
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200, body: 'ok' });"),
    }),
    vpcConfig: { subnetIds: subnets.map((s) => s.id), securityGroupIds: [sharedGroup.id] },
    environment: {
        variables: {
            UPSTREAM_URL: "https://api.example.com",
            API_KEY: "e3b0c44298fc1c149afbf4c8996fb924",
            REDIS_HOST: cache.primaryEndpointAddress,
        },
    },
});

// A public function URL: anyone can call the function directly, around CloudFront.
const url = new aws.lambda.FunctionUrl("app-function-url", { functionName: fn.name, authorizationType: "NONE" });

const originDomain = url.functionUrl.apply((u) => new URL(u).host);

const cdn = new aws.cloudfront.Distribution("app-cdn", {
    enabled: true,
    origins: [
        {
            originId: "api",
            domainName: originDomain,
            customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        },
    ],
    defaultCacheBehavior: {
        targetOriginId: "api",
        viewerProtocolPolicy: "allow-all",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        forwardedValues: { queryString: true, cookies: { forward: "none" } },
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
});

export const endpoint = pulumi.interpolate`http://${cdn.domainName}`;
