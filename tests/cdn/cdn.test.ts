import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { API_METHODS, API_QUERY_PARAMETERS } from "../../app/http-contract";
import { planStack } from "../../tools/plan";
import { ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID, Cdn } from "../../components/cdn";
import { assertRejects, record, Recording, UNKNOWN } from "../helpers/offline";
import { baseArgs, CERTIFICATE_ARN, EDGE_KEY_ARN, FUNCTION_HOST, recordCdn, statements, T } from "./helpers";

describe("Cdn: children", () => {
    it("creates exactly the API-only set of children, all parented to the component and named after it", async () => {
        const rec = await recordCdn();
        const cdn = rec.one(T.cdn);
        rec.assertChildren(cdn.urn, {
            [T.webAcl]: 1,
            [T.logGroup]: 1,
            [T.wafLogging]: 1,
            [T.cachePolicy]: 1,
            [T.headersPolicy]: 1,
            [T.oac]: 1,
            [T.distribution]: 1,
            [T.permission]: 2,
            [T.bucket]: 1,
            [T.publicAccess]: 1,
            [T.ownership]: 1,
            [T.encryption]: 1,
            [T.lifecycle]: 1,
            [T.bucketPolicy]: 1,
            [T.deliverySource]: 1,
            [T.deliveryDestination]: 1,
            [T.delivery]: 1,
        });
        const others = rec.resources.filter((r) => r.urn !== cdn.urn && r.type !== "pulumi:pulumi:Stack");
        assert.deepStrictEqual(others.filter((r) => r.parent !== cdn.urn).map((r) => r.name), []);
        assert.deepStrictEqual(others.filter((r) => !r.name.startsWith("cdn-")).map((r) => r.name), []);
    });

    it("adds the static origin's bucket, its controls, a cache policy and an OAC with staticAssets", async () => {
        const rec = await recordCdn({ staticAssets: true });
        const cdn = rec.one(T.cdn);
        const counts: Record<string, number> = {};
        for (const child of rec.childrenOf(cdn.urn)) counts[child.type] = (counts[child.type] ?? 0) + 1;
        assert.strictEqual(counts[T.bucket], 2);
        assert.strictEqual(counts[T.cachePolicy], 2);
        assert.strictEqual(counts[T.oac], 2);
        assert.strictEqual(counts[T.bucketPolicy], 2);
        assert.strictEqual(counts[T.versioning], 1);
        assert.strictEqual(counts[T.publicAccess], 2);
        assert.deepStrictEqual(rec.childrenOf(cdn.urn).filter((r) => !r.name.startsWith("cdn-")), []);
    });
});

describe("Cdn: generated names", () => {
    it("keeps every auto-generated name within its AWS limit for the longest allowed component name", async () => {
        const name = "a".repeat(30);
        const rec = await record(() => new Cdn(name, baseArgs({ staticAssets: true })), { region: "eu-west-1" });
        const generated = (type: string, property: string) => rec.ofType(type).map((r) => String(r.outputs[property]));
        const limits: [string, string, number][] = [
            [T.bucket, "bucket", 63],
            [T.deliverySource, "name", 60],
            [T.deliveryDestination, "name", 60],
            [T.oac, "name", 64],
            [T.webAcl, "name", 128],
            [T.cachePolicy, "name", 128],
            [T.headersPolicy, "name", 128],
            [T.permission, "statementId", 100],
        ];
        for (const [type, property, limit] of limits) {
            const names = generated(type, property);
            assert.ok(names.length > 0, type);
            for (const generatedName of names) {
                assert.ok(generatedName.startsWith(name), generatedName);
                assert.ok(generatedName.length <= limit, `${type} ${property} "${generatedName}" is longer than ${limit}`);
            }
        }
        for (const bucket of generated(T.bucket, "bucket")) assert.match(bucket, /^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    });
});

describe("Cdn: API origin", () => {
    it("signs every request to the function URL with a lambda OAC and strips the URL to its host", async () => {
        const rec = await recordCdn();
        const oac = rec.one(T.oac, "cdn-function-oac");
        assert.deepStrictEqual(
            { type: oac.inputs.originAccessControlOriginType, behavior: oac.inputs.signingBehavior, protocol: oac.inputs.signingProtocol },
            { type: "lambda", behavior: "always", protocol: "sigv4" },
        );
        const distribution = rec.inputs(T.distribution);
        assert.strictEqual(distribution.origins.length, 1);
        const [api] = distribution.origins;
        assert.strictEqual(api.domainName, FUNCTION_HOST);
        assert.strictEqual(api.originAccessControlId, oac.id);
        assert.deepStrictEqual(api.customOriginConfig, {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
            originReadTimeout: 30,
            originKeepaliveTimeout: 5,
        });
    });

    it("accepts a function URL without the trailing slash and passes the read timeout through", async () => {
        const rec = await recordCdn({ functionUrl: `https://${FUNCTION_HOST}`, originReadTimeoutSeconds: 12 });
        const [api] = rec.inputs(T.distribution).origins;
        assert.strictEqual(api.domainName, FUNCTION_HOST);
        assert.strictEqual(api.customOriginConfig.originReadTimeout, 12);
    });

    it("grants cloudfront.amazonaws.com both invoke actions on the alias, only for this distribution's ARN", async () => {
        const rec = await recordCdn();
        const distribution = rec.one(T.distribution);
        const url = rec.one(T.permission, "cdn-invoke-url");
        const invoke = rec.one(T.permission, "cdn-invoke-function");
        assert.deepStrictEqual(
            { ...url.inputs, statementId: undefined },
            {
                action: "lambda:InvokeFunctionUrl",
                function: "api-fn",
                qualifier: "live",
                principal: "cloudfront.amazonaws.com",
                functionUrlAuthType: "AWS_IAM",
                sourceArn: distribution.outputs.arn,
                statementId: undefined,
            },
        );
        assert.deepStrictEqual(
            { ...invoke.inputs, statementId: undefined },
            {
                action: "lambda:InvokeFunction",
                function: "api-fn",
                qualifier: "live",
                principal: "cloudfront.amazonaws.com",
                invokedViaFunctionUrl: true,
                sourceArn: distribution.outputs.arn,
                statementId: undefined,
            },
        );
        assert.match(String(distribution.outputs.arn), /^arn:aws:cloudfront::123456789012:distribution\/E[0-9A-F]+$/);
        for (const permission of [url, invoke]) {
            assert.deepStrictEqual(permission.propertyDependencies.sourceArn, [distribution.urn]);
        }
    });

    it("keeps the source ARN tied to the distribution in preview, when the ARN is not known yet", async () => {
        const rec = await recordCdn({}, { preview: true });
        const distribution = rec.one(T.distribution);
        for (const permission of rec.ofType(T.permission)) {
            assert.strictEqual(permission.inputs.sourceArn, UNKNOWN);
            assert.deepStrictEqual(permission.propertyDependencies.sourceArn, [distribution.urn]);
        }
    });

    it("takes the URL, name and alias from another resource's outputs", async () => {
        const rec = await record(
            () => {
                const fn = new aws.lambda.FunctionUrl("api-url", { functionName: "api-fn", qualifier: "live", authorizationType: "AWS_IAM" });
                return new Cdn("cdn", {
                    functionUrl: fn.functionUrl,
                    functionName: fn.functionName,
                    aliasName: fn.qualifier.apply((q) => q ?? "live"),
                    edgeKmsKeyArn: EDGE_KEY_ARN,
                });
            },
            { region: "eu-west-1" },
        );
        const functionUrl = String(rec.one("aws:lambda/functionUrl:FunctionUrl").outputs.functionUrl);
        const [api] = rec.inputs(T.distribution).origins;
        assert.strictEqual(`https://${api.domainName}/`, functionUrl);
        assert.strictEqual(rec.one(T.permission, "cdn-invoke-url").inputs.qualifier, "live");
    });

    it("fails the deployment with a named error when a function URL output turns out not to be one", async () => {
        await assertRejects(
            record(() => new Cdn("cdn", baseArgs({ functionUrl: pulumi.output("https://api.example.com/") })), { region: "eu-west-1" }),
            /In "cdn" Cdn, "functionUrl" is "https:\/\/api\.example\.com\/": it must be a Lambda function URL/,
        );
    });
});

describe("Cdn: viewers and behaviours", () => {
    it("redirects HTTP to HTTPS and forwards everything but the viewer's Host to the function", async () => {
        const rec = await recordCdn();
        const behavior = rec.inputs(T.distribution).defaultCacheBehavior;
        assert.strictEqual(behavior.viewerProtocolPolicy, "redirect-to-https");
        assert.strictEqual(behavior.targetOriginId, "api");
        assert.strictEqual(behavior.originRequestPolicyId, ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID);
        assert.strictEqual(behavior.originRequestPolicyId, "b689b0a8-53d0-40ab-baf2-68738e2966ac");
        assert.strictEqual(behavior.forwardedValues, undefined, "legacy forwardedValues would bypass the policies");
        assert.strictEqual(behavior.compress, true);
        assert.deepStrictEqual(behavior.cachedMethods, ["GET", "HEAD"]);
    });

    it("allows only GET, HEAD and OPTIONS on the API, the methods the app answers (a body would need the viewer's x-amz-content-sha256 under the lambda OAC)", async () => {
        const rec = await recordCdn();
        const behavior = rec.inputs(T.distribution).defaultCacheBehavior;
        assert.deepStrictEqual(behavior.allowedMethods, ["GET", "HEAD", "OPTIONS"]);
        assert.deepStrictEqual(behavior.allowedMethods, [...API_METHODS]);
    });

    it("serves HTTP/2 and HTTP/3 over IPv4 and IPv6 from the chosen price class", async () => {
        const rec = await recordCdn({ priceClass: "PriceClass_200" });
        const distribution = rec.inputs(T.distribution);
        assert.strictEqual(distribution.enabled, true);
        assert.strictEqual(distribution.httpVersion, "http2and3");
        assert.strictEqual(distribution.isIpv6Enabled, true);
        assert.strictEqual(distribution.priceClass, "PriceClass_200");
        assert.strictEqual((await recordCdn()).inputs(T.distribution).priceClass, "PriceClass_100");
    });

    it("uses CloudFront's default certificate and name without a custom domain", async () => {
        const rec = await recordCdn();
        const distribution = rec.inputs(T.distribution);
        assert.deepStrictEqual(distribution.viewerCertificate, { cloudfrontDefaultCertificate: true });
        assert.strictEqual(distribution.aliases, undefined);
        const cdn = rec.one(T.cdn).outputs;
        assert.strictEqual(cdn.url, `https://${rec.one(T.distribution).outputs.domainName}`);
        assert.strictEqual(cdn.domainName, rec.one(T.distribution).outputs.domainName);
    });

    it("serves a custom domain with its us-east-1 certificate over SNI and TLS 1.2 (2021 ciphers) at least", async () => {
        const rec = await recordCdn({ domainName: "api.example.com", certificateArn: CERTIFICATE_ARN });
        const distribution = rec.inputs(T.distribution);
        assert.deepStrictEqual(distribution.aliases, ["api.example.com"]);
        assert.deepStrictEqual(distribution.viewerCertificate, {
            acmCertificateArn: CERTIFICATE_ARN,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        });
        const cdn = rec.one(T.cdn).outputs;
        assert.strictEqual(cdn.url, "https://api.example.com");
        assert.strictEqual(cdn.domainName, rec.one(T.distribution).outputs.domainName, "DNS must point at the CloudFront name");
    });

    it("outputs the distribution's id and ARN", async () => {
        const rec = await recordCdn();
        const distribution = rec.one(T.distribution);
        const cdn = rec.one(T.cdn).outputs;
        assert.strictEqual(cdn.distributionId, distribution.id);
        assert.strictEqual(cdn.distributionArn, distribution.outputs.arn);
    });
});

describe("Cdn: cache and response headers policies", () => {
    const policyNamed = (rec: Recording, name: string) => rec.inputs(T.cachePolicy, name);

    it("caches API responses briefly, keyed on the path alone (no query string), compressed with gzip and brotli", async () => {
        const rec = await recordCdn();
        const policy = policyNamed(rec, "cdn-api-cache");
        assert.deepStrictEqual([policy.minTtl, policy.defaultTtl, policy.maxTtl], [0, 5, 10]);
        assert.deepStrictEqual(policy.parametersInCacheKeyAndForwardedToOrigin, {
            cookiesConfig: { cookieBehavior: "none" },
            headersConfig: { headerBehavior: "none" },
            queryStringsConfig: { queryStringBehavior: "none" },
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
        });
        assert.strictEqual(rec.inputs(T.distribution).defaultCacheBehavior.cachePolicyId, rec.one(T.cachePolicy, "cdn-api-cache").id);
    });

    it("keys on exactly the query strings it is given, as an allowlist", async () => {
        const rec = await recordCdn({ cacheKeyQueryStrings: ["page", "lang"] });
        assert.deepStrictEqual(policyNamed(rec, "cdn-api-cache").parametersInCacheKeyAndForwardedToOrigin.queryStringsConfig, {
            queryStringBehavior: "whitelist",
            queryStrings: { items: ["page", "lang"] },
        });
    });

    it("follows apiCacheTtlSeconds and adds the chosen headers to the key", async () => {
        const rec = await recordCdn({ apiCacheTtlSeconds: 60, cacheKeyHeaders: ["Accept", "Accept-Language"] });
        const policy = policyNamed(rec, "cdn-api-cache");
        assert.deepStrictEqual([policy.minTtl, policy.defaultTtl, policy.maxTtl], [0, 60, 120]);
        assert.deepStrictEqual(policy.parametersInCacheKeyAndForwardedToOrigin.headersConfig, {
            headerBehavior: "whitelist",
            headers: { items: ["Accept", "Accept-Language"] },
        });
    });

    it("turns API caching off with a TTL of 0, leaving the key empty as CloudFront requires", async () => {
        const rec = await recordCdn({ apiCacheTtlSeconds: 0, cacheKeyHeaders: ["Accept"] });
        const policy = policyNamed(rec, "cdn-api-cache");
        assert.deepStrictEqual([policy.minTtl, policy.defaultTtl, policy.maxTtl], [0, 0, 0]);
        const key = policy.parametersInCacheKeyAndForwardedToOrigin;
        assert.strictEqual(key.headersConfig.headerBehavior, "none");
        assert.strictEqual(key.queryStringsConfig.queryStringBehavior, "none");
        assert.strictEqual(key.enableAcceptEncodingGzip, false);
        assert.strictEqual(key.enableAcceptEncodingBrotli, false);
        // Query strings still reach the function: the origin request policy forwards them.
        assert.strictEqual(rec.inputs(T.distribution).defaultCacheBehavior.originRequestPolicyId, ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID);
    });

    it("caches /static/* for a day by default and up to a year, from the static origin only", async () => {
        const rec = await recordCdn({ staticAssets: true });
        const policy = policyNamed(rec, "cdn-static-cache");
        assert.deepStrictEqual([policy.minTtl, policy.defaultTtl, policy.maxTtl], [0, 86400, 31536000]);
        assert.deepStrictEqual(policy.parametersInCacheKeyAndForwardedToOrigin.queryStringsConfig, { queryStringBehavior: "none" });
        const [behavior] = rec.inputs(T.distribution).orderedCacheBehaviors;
        assert.deepStrictEqual(
            { path: behavior.pathPattern, origin: behavior.targetOriginId, viewer: behavior.viewerProtocolPolicy, methods: behavior.allowedMethods, orp: behavior.originRequestPolicyId },
            { path: "/static/*", origin: "static", viewer: "redirect-to-https", methods: ["GET", "HEAD"], orp: undefined },
        );
        assert.strictEqual(behavior.cachePolicyId, rec.one(T.cachePolicy, "cdn-static-cache").id);
    });

    it("sends HSTS (2 years, subdomains, preload), nosniff, DENY framing, a strict referrer and a deny-all CSP on every behaviour", async () => {
        const rec = await recordCdn({ staticAssets: true });
        const policy = rec.one(T.headersPolicy);
        assert.deepStrictEqual(policy.inputs.securityHeadersConfig, {
            strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: true, override: true },
            contentTypeOptions: { override: true },
            frameOptions: { frameOption: "DENY", override: true },
            referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
            contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", override: true },
        });
        const distribution = rec.inputs(T.distribution);
        for (const behavior of [distribution.defaultCacheBehavior, ...distribution.orderedCacheBehaviors]) {
            assert.strictEqual(behavior.responseHeadersPolicyId, policy.id);
        }
    });
});

describe("Cdn in Bulwark's stack: the app's contract reaches the edge", function () {
    this.timeout(120_000);
    it("keys the API cache on exactly the app's API_QUERY_PARAMETERS and allows exactly its API_METHODS", async () => {
        const plan = await planStack({ stack: "dev" });
        const policy = plan.run.resources.find((r) => r.type === T.cachePolicy && r.name === "edge-api-cache")!;
        const queryStrings = (policy.inputs as any).parametersInCacheKeyAndForwardedToOrigin.queryStringsConfig;
        assert.deepStrictEqual(
            queryStrings,
            API_QUERY_PARAMETERS.length === 0 ? { queryStringBehavior: "none" } : { queryStringBehavior: "whitelist", queryStrings: { items: [...API_QUERY_PARAMETERS] } },
        );
        const distribution = plan.run.resources.find((r) => r.type === T.distribution)!;
        assert.deepStrictEqual((distribution.inputs as any).defaultCacheBehavior.allowedMethods, [...API_METHODS]);
    });
});

describe("Cdn: WAF", () => {
    it("creates a CLOUDFRONT-scoped web ACL in us-east-1 through the region input, on the stack's own provider, and attaches it", async () => {
        const rec = await recordCdn();
        const webAcl = rec.one(T.webAcl);
        assert.strictEqual(webAcl.inputs.scope, "CLOUDFRONT");
        assert.strictEqual(webAcl.inputs.region, "us-east-1");
        assert.match(String(webAcl.outputs.arn), /^arn:aws:wafv2:us-east-1:123456789012:global\/webacl\//);
        const distribution = rec.one(T.distribution);
        assert.strictEqual(distribution.inputs.webAclId, webAcl.outputs.arn);
        assert.deepStrictEqual(distribution.propertyDependencies.webAclId, [webAcl.urn]);
        assert.strictEqual(distribution.provider, null, "the distribution is global and stays on the stack's provider");
    });

    it("creates no provider of its own, so every edge resource inherits the stack's profile, role and allowed accounts", async () => {
        const rec = await recordCdn({ staticAssets: true });
        assert.deepStrictEqual(rec.ofType(T.provider).map((p) => p.name), []);
        const children = rec.childrenOf(rec.one(T.cdn).urn);
        assert.deepStrictEqual(children.filter((r) => r.provider !== null).map((r) => r.name), []);
        const inEdgeRegion = children.filter((r) => r.inputs.region === "us-east-1").map((r) => r.type);
        for (const type of [T.webAcl, T.logGroup, T.wafLogging, T.bucket, T.encryption, T.deliverySource, T.deliveryDestination, T.delivery]) {
            assert.ok(inEdgeRegion.includes(type), `${type} sets region us-east-1`);
        }
    });

    it("blocks in block mode: rate rule first, then the two AWS managed groups (IP reputation, common rule set) with their own actions", async () => {
        const rec = await recordCdn({ rateLimitPer5Min: 500 });
        const webAcl = rec.inputs(T.webAcl);
        assert.deepStrictEqual(webAcl.defaultAction, { allow: {} });
        // WAF's own pattern for descriptions: no parentheses, quotes or other punctuation.
        assert.match(webAcl.description, /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/);
        for (const rule of webAcl.rules) assert.match(rule.name, /^[\w-]{1,128}$/);
        assert.deepStrictEqual(
            webAcl.rules.map((r: any) => [r.priority, r.name, r.action ?? null, r.overrideAction ?? null]),
            [
                [0, "rate-limit-per-ip", { block: {} }, null],
                [1, "AWSManagedRulesAmazonIpReputationList", null, { none: {} }],
                [2, "AWSManagedRulesCommonRuleSet", null, { none: {} }],
            ],
        );
        assert.deepStrictEqual(webAcl.rules[0].statement, { rateBasedStatement: { limit: 500, aggregateKeyType: "IP", evaluationWindowSec: 300 } });
        for (const rule of webAcl.rules.slice(1)) {
            assert.deepStrictEqual(rule.statement, { managedRuleGroupStatement: { vendorName: "AWS", name: rule.name } });
        }
        for (const config of [webAcl.visibilityConfig, ...webAcl.rules.map((r: any) => r.visibilityConfig)]) {
            assert.strictEqual(config.cloudwatchMetricsEnabled, true);
            assert.strictEqual(config.sampledRequestsEnabled, true);
            assert.match(config.metricName, /^cdn-/);
        }
    });

    it("only counts in count mode: managed groups overridden to count, the rate rule counts", async () => {
        const rec = await recordCdn({ wafMode: "count" });
        const rules = rec.inputs(T.webAcl).rules;
        assert.deepStrictEqual(rules[0].action, { count: {} });
        for (const rule of rules.slice(1)) assert.deepStrictEqual(rule.overrideAction, { count: {} });
        assert.strictEqual(rules.length, 3, "count mode keeps every rule");
        assert.deepStrictEqual(rec.inputs(T.webAcl).defaultAction, { allow: {} });
    });

    it("logs to an aws-waf-logs- log group in us-east-1 with the retention asked for, redacting credentials", async () => {
        const rec = await recordCdn({ logRetentionDays: 365 });
        const logGroup = rec.one(T.logGroup);
        assert.match(String(logGroup.outputs.name), /^aws-waf-logs-cdn-/);
        assert.strictEqual(logGroup.inputs.retentionInDays, 365);
        assert.strictEqual(logGroup.inputs.kmsKeyId, EDGE_KEY_ARN);
        assert.strictEqual(logGroup.inputs.region, "us-east-1");
        const logging = rec.one(T.wafLogging);
        assert.strictEqual(logging.inputs.resourceArn, rec.one(T.webAcl).outputs.arn);
        assert.deepStrictEqual(logging.inputs.logDestinationConfigs, [logGroup.outputs.arn]);
        assert.deepStrictEqual(logging.inputs.redactedFields, [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }]);
        assert.strictEqual(logging.inputs.region, "us-east-1");
    });

});

describe("Cdn: the edge key", () => {
    /** A key made in us-east-1 the way the Baseline makes its edge key, so the ARN reaches the Cdn as an output. */
    function recordWithKey(region: string, options: { preview?: boolean } = {}) {
        return record(() => {
            const key = new aws.kms.Key("edge-key", { region });
            return new Cdn("cdn", baseArgs({ staticAssets: true, edgeKmsKeyArn: key.arn }));
        }, { region: "eu-west-1", ...options });
    }

    it("encrypts the WAF log group and both buckets with the key it is given, and depends on that key", async () => {
        for (const preview of [false, true]) {
            const rec = await recordWithKey("us-east-1", { preview });
            const key = rec.one("aws:kms/key:Key");
            const keyArn = preview ? UNKNOWN : key.outputs.arn;
            if (!preview) assert.match(String(keyArn), /^arn:aws:kms:us-east-1:/);
            const logGroup = rec.one(T.logGroup);
            assert.strictEqual(logGroup.inputs.kmsKeyId, keyArn);
            assert.deepStrictEqual(logGroup.propertyDependencies.kmsKeyId, [key.urn]);
            const encryption = rec.ofType(T.encryption);
            assert.deepStrictEqual(encryption.map((e) => e.name).sort(), ["cdn-access-logs-encryption", "cdn-static-encryption"]);
            for (const config of encryption) {
                assert.deepStrictEqual(config.inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }], config.name);
                assert.deepStrictEqual(config.propertyDependencies.rules, [key.urn], config.name);
            }
        }
    });

    it("fails the deployment with a named error when the key output turns out to be in another region", async () => {
        await assertRejects(recordWithKey("eu-west-1"), /In "cdn" Cdn, "edgeKmsKeyArn" is "arn:aws:kms:eu-west-1:123456789012:key\/[^"]+": it must be a KMS key ARN in us-east-1/);
    });
});

describe("Cdn: static assets bucket", () => {
    it("is private, owner-enforced, encrypted, versioned, and readable only by this distribution over TLS", async () => {
        const rec = await recordCdn({ staticAssets: true });
        const bucket = rec.one(T.bucket, "cdn-static");
        const forBucket = (type: string) => rec.ofType(type).filter((r) => r.inputs.bucket === bucket.id);
        // Its SSE-KMS key must be in its region, and the edge key is in us-east-1: so is the bucket, with every control.
        for (const resource of [bucket, ...[T.publicAccess, T.ownership, T.encryption, T.versioning, T.lifecycle, T.bucketPolicy].flatMap(forBucket)]) {
            assert.strictEqual(resource.inputs.region, "us-east-1", resource.name);
            assert.strictEqual(resource.provider, null, resource.name);
        }
        assert.strictEqual(forBucket(T.lifecycle).length, 1);
        assert.match(String(bucket.outputs.bucketRegionalDomainName), /\.s3\.us-east-1\.amazonaws\.com$/);
        assert.deepStrictEqual(
            forBucket(T.publicAccess).map((r) => ({ ...r.inputs, bucket: undefined })),
            [{ region: "us-east-1", bucket: undefined, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }],
        );
        assert.deepStrictEqual(forBucket(T.ownership).map((r) => r.inputs.rule), [{ objectOwnership: "BucketOwnerEnforced" }]);
        assert.deepStrictEqual(forBucket(T.encryption).map((r) => r.inputs.rules), [
            [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: EDGE_KEY_ARN }, bucketKeyEnabled: true }],
        ]);
        assert.deepStrictEqual(forBucket(T.versioning).map((r) => r.inputs.versioningConfiguration), [{ status: "Enabled" }]);

        const distribution = rec.one(T.distribution);
        const [deny, allow] = statements(String(forBucket(T.bucketPolicy)[0].inputs.policy));
        assert.deepStrictEqual(deny, {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket.outputs.arn, `${bucket.outputs.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        assert.deepStrictEqual(allow, {
            Sid: "AllowThisDistributionOnly",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: `${bucket.outputs.arn}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": distribution.outputs.arn } },
        });

        const s3Oac = rec.one(T.oac, "cdn-static-oac");
        assert.deepStrictEqual(
            [s3Oac.inputs.originAccessControlOriginType, s3Oac.inputs.signingBehavior, s3Oac.inputs.signingProtocol],
            ["s3", "always", "sigv4"],
        );
        const staticOrigin = (distribution.inputs.origins as any[]).find((o: any) => o.originId === "static");
        assert.deepStrictEqual(staticOrigin, { originId: "static", domainName: bucket.outputs.bucketRegionalDomainName, originAccessControlId: s3Oac.id });
    });
});

describe("Cdn: access logs", () => {
    it("delivers standard logs (v2) from this distribution to a private, encrypted, expiring bucket in us-east-1", async () => {
        const rec = await recordCdn({ logRetentionDays: 90 });
        const bucket = rec.one(T.bucket, "cdn-access-logs");
        assert.strictEqual(bucket.inputs.region, "us-east-1");
        const forBucket = (type: string) => rec.ofType(type).filter((r) => r.inputs.bucket === bucket.id);
        assert.deepStrictEqual(
            forBucket(T.publicAccess).map((r) => [r.inputs.blockPublicAcls, r.inputs.blockPublicPolicy, r.inputs.ignorePublicAcls, r.inputs.restrictPublicBuckets]),
            [[true, true, true, true]],
        );
        assert.deepStrictEqual(forBucket(T.ownership).map((r) => r.inputs.rule), [{ objectOwnership: "BucketOwnerEnforced" }]);
        assert.deepStrictEqual(forBucket(T.encryption).map((r) => r.inputs.rules), [
            [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: EDGE_KEY_ARN }, bucketKeyEnabled: true }],
        ]);
        const [rule] = forBucket(T.lifecycle)[0].inputs.rules as any[];
        assert.deepStrictEqual(
            { status: rule.status, filter: rule.filter, expiration: rule.expiration },
            { status: "Enabled", filter: {}, expiration: { days: 90 } },
        );

        const source = rec.one(T.deliverySource);
        const distribution = rec.one(T.distribution);
        assert.deepStrictEqual([source.inputs.logType, source.inputs.resourceArn], ["ACCESS_LOGS", distribution.outputs.arn]);
        assert.deepStrictEqual(source.propertyDependencies.resourceArn, [distribution.urn]);
        const destination = rec.one(T.deliveryDestination);
        assert.deepStrictEqual(destination.inputs.deliveryDestinationConfiguration, { destinationResourceArn: bucket.outputs.arn });
        const delivery = rec.one(T.delivery);
        assert.strictEqual(delivery.inputs.deliverySourceName, source.outputs.name);
        assert.strictEqual(delivery.inputs.deliveryDestinationArn, destination.outputs.arn);
        for (const resource of [source, destination, delivery]) {
            assert.strictEqual(resource.inputs.region, "us-east-1", resource.name);
        }

        const policy = forBucket(T.bucketPolicy)[0];
        const encryption = forBucket(T.encryption)[0];
        assert.deepStrictEqual(delivery.options.dependsOn, [policy.urn, encryption.urn], "delivery starts only once the bucket admits it and encrypts with the key");
        const [deny, allow] = statements(String(policy.inputs.policy));
        assert.deepStrictEqual([deny.Effect, deny.Condition], ["Deny", { Bool: { "aws:SecureTransport": "false" } }]);
        assert.deepStrictEqual(allow, {
            Sid: "AllowThisDeliverySourceOnly",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucket.outputs.arn}/AWSLogs/123456789012/*`,
            Condition: {
                StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": source.outputs.arn },
            },
        });
        assert.match(String(source.outputs.arn), /^arn:aws:logs:us-east-1:123456789012:delivery-source:cdn-logs-source-/);
    });

    it("never relies on legacy logging, which needs bucket ACLs", async () => {
        const rec = await recordCdn({ staticAssets: true });
        assert.strictEqual(rec.inputs(T.distribution).loggingConfig, undefined);
        assert.deepStrictEqual(rec.ofType("aws:s3/bucketAcl:BucketAcl"), []);
    });
});

describe("Cdn: protect and tags", () => {
    it("protects the buckets and the WAF log group when asked, and nothing else", async () => {
        const rec = await recordCdn({ staticAssets: true, protect: true });
        const protectedNames = rec.resources.filter((r) => r.options.protect).map((r) => r.name).sort();
        assert.deepStrictEqual(protectedNames, ["cdn-access-logs", "cdn-static", "cdn-waf-logs"]);
        const unprotected = await recordCdn({ staticAssets: true });
        assert.deepStrictEqual(unprotected.resources.filter((r) => r.options.protect).map((r) => r.name), []);
    });

    it("tags the distribution, web ACL, buckets and log group", async () => {
        const tags = { project: "bulwark", stack: "dev" };
        const rec = await recordCdn({ staticAssets: true, tags });
        for (const type of [T.distribution, T.webAcl, T.logGroup, T.bucket, T.deliverySource, T.deliveryDestination, T.delivery]) {
            for (const resource of rec.ofType(type)) assert.deepStrictEqual(resource.inputs.tags, tags, resource.name);
        }
    });
});
