import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudfrontCertificate } from "../../tools/readiness/checks/cloudfrontCertificate";
import { cloudfrontLambdaOrigin } from "../../tools/readiness/checks/cloudfrontLambdaOrigin";
import { cloudfrontWebAcl } from "../../tools/readiness/checks/cloudfrontWebAcl";
import { elasticacheAuthToken } from "../../tools/readiness/checks/elasticacheAuthToken";
import { elasticacheMultiAz } from "../../tools/readiness/checks/elasticacheMultiAz";
import { elasticacheReplicationGroupId, replicationGroupIdProblem } from "../../tools/readiness/checks/elasticacheReplicationGroupId";
import { lambdaLimits } from "../../tools/readiness/checks/lambdaLimits";
import { lambdaLogGroup } from "../../tools/readiness/checks/lambdaLogGroup";
import { nameLengths } from "../../tools/readiness/checks/nameLengths";
import { subnetLayout } from "../../tools/readiness/checks/subnetLayout";
import { checkProgram, checkWorld, messages } from "./world";

const CERT_ELSEWHERE = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-4333-a444-555555555555";
const CERT_EDGE = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-4333-a444-555555555555";

describe("readiness: AWS API constraints", function () {
    this.timeout(60_000);

    describe("elasticache-auth-token", () => {
        const check = [elasticacheAuthToken];
        it("Compliance: a 16-character token of allowed characters with TLS", async () => {
            const checked = await checkWorld({ cache: { authToken: pulumi.secret("Abcdefgh1234567!") } }, { checks: check });
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance 1: a token without in-transit encryption", async () => {
            const checked = await checkWorld({ cache: { transitEncryptionEnabled: false } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Replication group "cache" sets an AUTH token without in-transit encryption: ElastiCache rejects it.']);
        });
        it("Noncompliance 2: too short, and with a disallowed character, without printing the token", async () => {
            const checked = await checkWorld({ cache: { authToken: pulumi.secret("short@token") } }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Replication group "cache" has an AUTH token of 11 characters: ElastiCache accepts 16 to 128.',
                'error: Replication group "cache" has an AUTH token with 1 disallowed special character: ElastiCache allows only letters, digits and ! & # $ ^ < > -.',
            ]);
            assert.ok(!JSON.stringify(checked.readiness.findings).includes("short@token"));
        });
        it("Noncompliance 3: longer than 128 characters", async () => {
            const checked = await checkWorld({ cache: { authToken: pulumi.secret("a".repeat(129)) } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Replication group "cache" has an AUTH token of 129 characters: ElastiCache accepts 16 to 128.']);
        });
    });

    describe("elasticache-multi-az", () => {
        const check = [elasticacheMultiAz];
        it("Compliance: Multi-AZ with failover and two nodes; a single node with neither", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            const single = await checkWorld({ cache: { numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false } }, { checks: check });
            assert.deepStrictEqual(messages(single), []);
        });
        it("Noncompliance 1: Multi-AZ without automatic failover", async () => {
            const checked = await checkWorld({ cache: { automaticFailoverEnabled: false } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Replication group "cache" enables Multi-AZ without automatic failover: ElastiCache rejects it.']);
        });
        it("Noncompliance 2: Multi-AZ and failover with one node", async () => {
            const checked = await checkWorld({ cache: { numCacheClusters: 1 } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Replication group "cache" enables Multi-AZ with 1 node: it needs a primary and at least one replica.']);
        });
    });

    describe("elasticache-replication-group-id", () => {
        it("states each naming rule", () => {
            assert.strictEqual(replicationGroupIdProblem("cache-1a2b3c4"), undefined);
            assert.strictEqual(replicationGroupIdProblem("Cache-Upper"), undefined, "ElastiCache lowercases ids");
            assert.strictEqual(replicationGroupIdProblem("a".repeat(40)), undefined);
            assert.strictEqual(replicationGroupIdProblem("a".repeat(41)), "is 41 characters long (1 to 40 allowed)");
            assert.strictEqual(replicationGroupIdProblem("1cache"), "does not start with a letter");
            assert.strictEqual(replicationGroupIdProblem("ca_che"), "contains characters other than letters, digits and hyphens");
            assert.strictEqual(replicationGroupIdProblem("ca--che"), "contains two consecutive hyphens");
            assert.strictEqual(replicationGroupIdProblem("cache-"), "ends with a hyphen");
        });
        it("Compliance: the auto-named id of a short logical name", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: [elasticacheReplicationGroupId] })), []);
        });
        it("Noncompliance: an auto-named id pushed past 40 by the 8-character suffix", async () => {
            const checked = await checkProgram(() => {
                new aws.elasticache.ReplicationGroup("a-very-long-cache-name-for-the-api-x", { description: "x", nodeType: "cache.t4g.micro" });
            }, [elasticacheReplicationGroupId]);
            const id = checked.rec.inputs("aws:elasticache/replicationGroup:ReplicationGroup").replicationGroupId as string;
            assert.strictEqual(id.length, 44);
            assert.deepStrictEqual(messages(checked), [`error: Replication group id "${id}" is 44 characters long (1 to 40 allowed): ElastiCache rejects it.`]);
            assert.match(checked.readiness.findings[0].fix, /Shorten the logical name "a-very-long-cache-name-for-the-api-x" to 32 characters/);
        });
    });

    describe("cloudfront-certificate", () => {
        const check = [cloudfrontCertificate];
        it("Compliance: aliases with a us-east-1 ACM certificate and TLSv1.2_2021", async () => {
            const checked = await checkWorld(
                { distribution: { aliases: ["api.example.com"], viewerCertificate: { acmCertificateArn: CERT_EDGE, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" } } },
                { checks: check },
            );
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance 1: aliases with the default certificate", async () => {
            const checked = await checkWorld({ distribution: { aliases: ["api.example.com"] } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Distribution "cdn" has aliases (api.example.com) but the default *.cloudfront.net certificate: CloudFront rejects it.']);
        });
        it("Noncompliance 2: a certificate from another region", async () => {
            const checked = await checkWorld(
                { distribution: { aliases: ["api.example.com"], viewerCertificate: { acmCertificateArn: CERT_ELSEWHERE, sslSupportMethod: "sni-only" } } },
                { checks: check },
            );
            assert.deepStrictEqual(messages(checked), ['error: Distribution "cdn" uses an ACM certificate from eu-west-1: CloudFront only uses certificates in us-east-1.']);
        });
        it("Noncompliance 3: the default certificate with a raised minimum protocol", async () => {
            const checked = await checkWorld({ distribution: { viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" } } }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Distribution "cdn" uses the default certificate with minimumProtocolVersion "TLSv1.2_2021": CloudFront fixes it at TLSv1 for *.cloudfront.net.',
            ]);
        });
    });

    describe("cloudfront-web-acl", () => {
        const check = [cloudfrontWebAcl];
        it("Compliance: a CLOUDFRONT ACL from a us-east-1 provider, also in preview", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check, preview: true })), []);
        });
        it("Noncompliance 1: a REGIONAL ACL from eu-west-1 (found through propertyDependencies in preview)", async () => {
            for (const preview of [false, true]) {
                const checked = await checkWorld({ webAcl: { scope: "REGIONAL", region: "eu-west-1" } }, { checks: check, preview });
                assert.deepStrictEqual(messages(checked), [
                    'error: Distribution "cdn" attaches web ACL "waf", which has scope REGIONAL and is created in eu-west-1: CloudFront accepts only CLOUDFRONT-scope ACLs from us-east-1.',
                ]);
            }
        });
        it("Noncompliance 2: a literal ARN of a regional ACL", async () => {
            const checked = await checkWorld({ distribution: { webAclId: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1111" } }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Distribution "cdn" attaches web ACL arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1111, a REGIONAL ACL: CloudFront accepts only CLOUDFRONT-scope ACLs from us-east-1.',
            ]);
        });
    });

    describe("cloudfront-lambda-origin-auth", () => {
        const check = [cloudfrontLambdaOrigin];
        it("Compliance: the lambda OAC in front of an AWS_IAM function URL", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
        });
        it("Noncompliance: the lambda OAC in front of a NONE function URL, known and in preview", async () => {
            const program = () => {
                const fn = new aws.lambda.Function("fn", { role: "arn:aws:iam::123456789012:role/x", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}) });
                const url = new aws.lambda.FunctionUrl("url", { functionName: fn.name, authorizationType: "NONE" });
                const oac = new aws.cloudfront.OriginAccessControl("oac", { originAccessControlOriginType: "lambda", signingBehavior: "always", signingProtocol: "sigv4" });
                new aws.cloudfront.Distribution("cdn", {
                    enabled: true,
                    origins: [{ originId: "api", domainName: url.functionUrl.apply((u) => new URL(u).host), originAccessControlId: oac.id }],
                    defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
                    restrictions: { geoRestriction: { restrictionType: "none" } },
                    viewerCertificate: { cloudfrontDefaultCertificate: true },
                });
            };
            for (const preview of [false, true]) {
                const checked = await checkProgram(program, check, { preview });
                assert.deepStrictEqual(messages(checked), [
                    'warning: Function URL "url" is signed for by origin access control "oac" on distribution "cdn" but has authorizationType NONE: anyone can call the URL directly, around CloudFront and its WAF.',
                ]);
            }
        });
    });

    describe("lambda-limits", () => {
        const check = [lambdaLimits];
        it("Compliance: the edges of memory and timeout, and a reservation that leaves 100", async () => {
            const checked = await checkWorld({ functionArgs: { memorySize: 10240, timeout: 900, reservedConcurrentExecutions: 900 } }, { checks: check });
            assert.deepStrictEqual(messages(checked), []);
        });
        it("Noncompliance 1: memory and timeout out of range", async () => {
            const checked = await checkWorld({ functionArgs: { memorySize: 64, timeout: 901 } }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'error: Function "api" has memorySize 64 MB: Lambda accepts 128 to 10240.',
                'error: Function "api" has timeout 901 s: Lambda accepts 1 to 900.',
            ]);
        });
        it("Noncompliance 2: a reservation eating into the unreserved 100, with the account limit configurable", async () => {
            const checked = await checkWorld({ functionArgs: { reservedConcurrentExecutions: 901 } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Function "api" reserves 901 concurrent executions: with an account limit of 1000, at most 900 can be reserved.']);
            const raised = await checkWorld({ functionArgs: { reservedConcurrentExecutions: 901 } }, { checks: check, readiness: { lambdaConcurrencyLimit: 3000 } });
            assert.deepStrictEqual(messages(raised), []);
            const newAccount = await checkWorld({ functionArgs: { reservedConcurrentExecutions: 5 } }, { checks: check, readiness: { lambdaConcurrencyLimit: 10 } });
            assert.deepStrictEqual(messages(newAccount), ['error: Function "api" reserves 5 concurrent executions: an account limit of 10 leaves nothing to reserve.']);
        });
        it("Noncompliance 3: reservations that fit one by one but not together", async () => {
            const checked = await checkProgram(() => {
                for (const name of ["a", "b"]) {
                    new aws.lambda.Function(name, { role: "arn:aws:iam::123456789012:role/x", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), reservedConcurrentExecutions: 500 });
                }
            }, check);
            assert.deepStrictEqual(messages(checked), [
                'error: Function "b" brings the stack\'s reserved concurrency to 1000: with an account limit of 1000, at most 900 can be reserved in total.',
            ]);
        });
        it("Noncompliance 4: a reservation of 0 never runs", async () => {
            const checked = await checkWorld({ functionArgs: { reservedConcurrentExecutions: 0 } }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['warning: Function "api" reserves 0 concurrent executions: every invocation is throttled.']);
        });
    });

    describe("lambda-log-group", () => {
        const check = [lambdaLogGroup];
        it("Compliance: /aws/lambda/<name> made before the function", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
        });
        it("Noncompliance: the function's name differs from the group's", async () => {
            const checked = await checkWorld({ functionArgs: { name: "api-v2" } }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'warning: Function "api" logs to /aws/lambda/api-v2, but its log group "fn-logs" is named /aws/lambda/api: Lambda creates its own group (unencrypted, kept forever) and yours stays empty.',
            ]);
        });
        it("Compliance: loggingConfig.logGroup names the group", async () => {
            const checked = await checkWorld({ functionArgs: { name: "api-v2", loggingConfig: { logFormat: "Text", logGroup: "/aws/lambda/api" } } }, { checks: check });
            assert.deepStrictEqual(messages(checked), []);
        });
    });

    describe("subnet-layout", () => {
        const check = [subnetLayout];
        it("Compliance: disjoint /24s inside the /16", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
        });
        it("Noncompliance 1: a subnet outside the VPC", async () => {
            const checked = await checkWorld({ privateCidrs: ["10.0.1.0/24", "10.1.2.0/24"] }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Subnet "private-1" (10.1.2.0/24) is outside VPC "vpc" (10.0.0.0/16).']);
        });
        it("Noncompliance 2: overlapping subnets", async () => {
            const checked = await checkWorld({ privateCidrs: ["10.0.0.0/23", "10.0.2.0/24"] }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Subnet "private-0" (10.0.0.0/23) overlaps subnet "public" (10.0.0.0/24) in the same VPC.']);
        });
        it("Noncompliance 3: a subnet smaller than /28", async () => {
            const checked = await checkWorld({ privateCidrs: ["10.0.1.0/29", "10.0.2.0/24"] }, { checks: check });
            assert.deepStrictEqual(messages(checked), ['error: Subnet "private-0" is a /29 (10.0.1.0/29): AWS subnets are /16 to /28.']);
        });
    });

    describe("name-lengths", () => {
        const check = [nameLengths];
        it("Compliance: auto-names of short logical names", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
        });
        it("Noncompliance: a role whose auto-name passes 64 and a target group past 32, judged on the generated value", async () => {
            const roleName = "r".repeat(57);
            const checked = await checkProgram(() => {
                new aws.iam.Role(roleName, { assumeRolePolicy: "{}" });
                new aws.iam.Role("r".repeat(56), { assumeRolePolicy: "{}" });
                new aws.lb.TargetGroup("t".repeat(25), { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
            }, check);
            const generated = checked.rec.ofType("aws:iam/role:Role").map((r) => r.inputs.name as string);
            assert.deepStrictEqual(generated.map((n) => n.length), [65, 64]);
            const targetGroup = checked.rec.one("aws:lb/targetGroup:TargetGroup").inputs.name as string;
            assert.deepStrictEqual(messages(checked), [
                `error: The IAM role name "${generated[0]}" is 65 characters: AWS allows 64. Pulumi's auto-name adds 8 to the logical name "${roleName}".`,
                `error: The target group name "${targetGroup}" is 33 characters: AWS allows 32. Pulumi's auto-name adds 8 to the logical name "${"t".repeat(25)}".`,
            ]);
        });
    });
});

