/**
 * The checks issue #17 added, each from a passing program changed in one place, and the two example
 * programs under examples/readiness/ (edge-unready fails every check once, edge-ready passes them all).
 */
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { planStack } from "../../tools/plan";
import { runReadiness } from "../../tools/readiness";
import { cloudfrontCacheKeyQueryStrings } from "../../tools/readiness/checks/cloudfrontCacheKeyQueryStrings";
import { cloudfrontLambdaOacMethods } from "../../tools/readiness/checks/cloudfrontLambdaOacMethods";
import { elasticacheAuthTokenInputs } from "../../tools/readiness/checks/elasticacheAuthTokenInputs";
import { finalSnapshotIdentifier } from "../../tools/readiness/checks/finalSnapshotIdentifier";
import { lambdaSourceMaps } from "../../tools/readiness/checks/lambdaSourceMaps";
import { checkProgram, messages } from "./world";

const EDGE_CHECKS = [elasticacheAuthTokenInputs, finalSnapshotIdentifier, cloudfrontLambdaOacMethods, cloudfrontCacheKeyQueryStrings, lambdaSourceMaps];
const EXAMPLES = path.join(__dirname, "..", "..", "examples", "readiness");

/** A function URL behind CloudFront with a lambda OAC, written as the CloudFront docs show it. */
function edge(behaviour: { allowedMethods: string[]; queryStringBehavior: string; ttl?: number }) {
    const role = new aws.iam.Role("role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
    const fn = new aws.lambda.Function("fn", {
        role: role.arn,
        runtime: "nodejs22.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 200 });") }),
    });
    const url = new aws.lambda.FunctionUrl("url", { functionName: fn.name, authorizationType: "AWS_IAM" });
    const oac = new aws.cloudfront.OriginAccessControl("oac", { originAccessControlOriginType: "lambda", signingBehavior: "always", signingProtocol: "sigv4" });
    const ttl = behaviour.ttl ?? 60;
    const policy = new aws.cloudfront.CachePolicy("policy", {
        minTtl: 0,
        defaultTtl: ttl,
        maxTtl: ttl,
        parametersInCacheKeyAndForwardedToOrigin: {
            cookiesConfig: { cookieBehavior: "none" },
            headersConfig: { headerBehavior: "none" },
            queryStringsConfig: { queryStringBehavior: behaviour.queryStringBehavior },
        },
    });
    new aws.cloudfront.Distribution("cdn", {
        enabled: true,
        origins: [{ originId: "fn", domainName: url.functionUrl.apply((u) => new URL(u).host), originAccessControlId: oac.id, customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
        defaultCacheBehavior: { targetOriginId: "fn", viewerProtocolPolicy: "redirect-to-https", allowedMethods: behaviour.allowedMethods, cachedMethods: ["GET", "HEAD"], cachePolicyId: policy.id },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
}

describe("readiness: the checks of issue #17", function () {
    this.timeout(120_000);

    describe("cloudfront-lambda-oac-methods and cloudfront-cache-key-query-strings", () => {
        const checks = [cloudfrontLambdaOacMethods, cloudfrontCacheKeyQueryStrings];
        it("Compliance: GET, HEAD, OPTIONS and no query string in the key", async () => {
            assert.deepStrictEqual(messages(await checkProgram(() => edge({ allowedMethods: ["GET", "HEAD", "OPTIONS"], queryStringBehavior: "none" }), checks)), []);
        });
        it("Noncompliance 1: every method forwarded to the signed function URL", async () => {
            const checked = await checkProgram(() => edge({ allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"], queryStringBehavior: "none" }), checks);
            assert.deepStrictEqual(messages(checked), [
                'warning: Distribution "cdn" forwards PUT, POST, PATCH, DELETE on the default behaviour to origin "fn", a Lambda function URL behind an origin access control: a request with a body fails unless the client signs its payload hash itself.',
            ]);
        });
        it("Noncompliance 2: a caching policy keyed on every query string", async () => {
            const checked = await checkProgram(() => edge({ allowedMethods: ["GET", "HEAD"], queryStringBehavior: "all" }), checks);
            assert.deepStrictEqual(messages(checked), [
                'warning: Cache policy "policy" (used by "cdn") keys on every query string: any request with an unused parameter such as ?x=<random> misses the cache and reaches the origin.',
            ]);
        });
        it("Compliance: every query string in a policy that does not cache (TTLs 0 cannot key on anything that matters)", async () => {
            assert.deepStrictEqual(messages(await checkProgram(() => edge({ allowedMethods: ["GET", "HEAD"], queryStringBehavior: "all", ttl: 0 }), checks)), []);
        });
    });

    describe("elasticache-auth-token-inputs", () => {
        const checks = [elasticacheAuthTokenInputs];
        const group = (args: Partial<aws.elasticache.ReplicationGroupArgs>) => () =>
            void new aws.elasticache.ReplicationGroup("cache", { description: "cache", engine: "valkey", nodeType: "cache.t4g.micro", numCacheClusters: 1, transitEncryptionEnabled: true, ...args });
        it("Compliance: authTokenWo with its version; authToken alone", async () => {
            assert.deepStrictEqual(messages(await checkProgram(group({ authTokenWo: pulumi.secret("Abcdefgh12345678"), authTokenWoVersion: 1 }), checks)), []);
            assert.deepStrictEqual(messages(await checkProgram(group({ authToken: pulumi.secret("Abcdefgh12345678") }), checks)), []);
        });
        it("Noncompliance 1: both inputs, and the write-only one without its version", async () => {
            const checked = await checkProgram(group({ authToken: "Abcdefgh12345678", authTokenWo: "Abcdefgh12345678" }), checks);
            assert.deepStrictEqual(messages(checked), [
                'error: "cache" sets authTokenWo together with authToken: the provider rejects the combination.',
                'error: "cache" sets authTokenWo without authTokenWoVersion: the provider rejects it, and without a version a new value would never be sent.',
            ]);
        });
        it("Noncompliance 2: a user with passwordsWo and an authenticationMode", async () => {
            const checked = await checkProgram(() => void new aws.elasticache.User("user", { userId: "app", userName: "app", engine: "valkey", accessString: "on ~* +@read", passwordsWo: "Abcdefgh12345678", passwordsWoVersion: 1, authenticationMode: { type: "password", passwords: ["Abcdefgh12345678"] } }), checks);
            assert.deepStrictEqual(messages(checked), ['error: "user" sets passwordsWo together with authenticationMode: the provider rejects the combination.']);
        });
    });

    describe("final-snapshot-identifier-fixed", () => {
        const checks = [finalSnapshotIdentifier];
        it("Compliance: a suffix from a RandomId; a database that skips its final snapshot", async () => {
            const checked = await checkProgram(() => {
                const suffix = new random.RandomId("suffix", { byteLength: 4 });
                new aws.elasticache.ReplicationGroup("cache", { description: "cache", nodeType: "cache.t4g.micro", finalSnapshotIdentifier: pulumi.interpolate`cache-final-${suffix.hex}` });
                new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, skipFinalSnapshot: true, finalSnapshotIdentifier: "db-final" });
            }, checks);
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance 1: fixed names on a replication group and an RDS cluster", async () => {
            const checked = await checkProgram(() => {
                new aws.elasticache.ReplicationGroup("cache", { description: "cache", nodeType: "cache.t4g.micro", finalSnapshotIdentifier: "cache-final" });
                new aws.rds.Cluster("db", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true, finalSnapshotIdentifier: "db-final" });
            }, checks);
            assert.deepStrictEqual(messages(checked), [
                'warning: "cache" names its final snapshot "cache-final" whatever generation of it is deleted: the second replacement or re-created stack fails to delete the old one (SnapshotAlreadyExistsFault) and leaves it running.',
                'warning: "db" names its final snapshot "db-final" whatever generation of it is deleted: the second replacement or re-created stack fails to delete the old one (DBClusterSnapshotAlreadyExistsFault) and leaves it running.',
            ]);
        });
    });

    describe("lambda-source-maps", () => {
        const checks = [lambdaSourceMaps];
        const fn = (files: Record<string, string>, variables?: Record<string, string>) => () => {
            const role = new aws.iam.Role("role", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
            const assets = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, new pulumi.asset.StringAsset(text)]));
            new aws.lambda.Function("fn", { role: role.arn, runtime: "nodejs22.x", handler: "index.handler", code: new pulumi.asset.AssetArchive(assets), environment: variables ? { variables } : undefined });
        };
        it("Compliance: maps with --enable-source-maps among other options; no maps and no flag", async () => {
            assert.deepStrictEqual(messages(await checkProgram(fn({ "index.js": "x", "index.js.map": "{}" }, { NODE_OPTIONS: "--max-old-space-size=256 --enable-source-maps" }), checks)), []);
            assert.deepStrictEqual(messages(await checkProgram(fn({ "index.js": "x" }), checks)), []);
        });
        it("Noncompliance 1: maps shipped, Node started without the flag", async () => {
            assert.deepStrictEqual(messages(await checkProgram(fn({ "index.js": "x", "index.js.map": "{}" }, { NODE_OPTIONS: "--max-old-space-size=256" }), checks)), [
                'warning: Function "fn" ships source maps but runs without --enable-source-maps: its stack traces point into the minified bundle.',
            ]);
        });
    });

    it("Bulwark's dev and prod stacks raise none of them", async () => {
        for (const stack of ["dev", "prod"]) {
            const readiness = await runReadiness((await planStack({ stack })).run, { checks: EDGE_CHECKS });
            assert.deepStrictEqual(readiness.findings.map((f) => `${f.check} ${f.name}`), [], stack);
        }
    });

    describe("the example programs", () => {
        for (const preview of [false, true]) {
            it(`edge-unready fails each check once${preview ? " (preview)" : ""}; edge-ready passes them all`, async () => {
                const unready = await runReadiness((await planStack({ stack: "dev", program: path.join(EXAMPLES, "edge-unready", "index.ts"), preview })).run, { checks: EDGE_CHECKS });
                const found = unready.findings.map((f) => `${f.severity} ${f.check} ${f.name}`).sort();
                assert.deepStrictEqual(found, [
                    "error elasticache-auth-token-inputs reader",
                    "warning cloudfront-cache-key-query-strings api-cache",
                    "warning cloudfront-lambda-oac-methods cdn",
                    "warning final-snapshot-identifier-fixed cache",
                    "warning final-snapshot-identifier-fixed db",
                    "warning lambda-source-maps api",
                ]);
                const ready = await runReadiness((await planStack({ stack: "dev", program: path.join(EXAMPLES, "edge-ready", "index.ts"), preview })).run);
                assert.deepStrictEqual(ready.findings.map((f) => `${f.check} ${f.name}: ${f.message}`), []);
            });
        }
    });
});
