/**
 * s3-log-bucket-force-destroy: buckets AWS services fill, found from the program the way users write it
 * (Pulumi's CloudTrail, CloudFront, WAF and flow-log examples), and the example pair under examples/readiness.
 */
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "../../tools/plan";
import { runReadiness } from "../../tools/readiness";
import { s3LogBucketForceDestroy } from "../../tools/readiness/checks/s3LogBucketForceDestroy";
import { checkProgram, messages } from "./world";

const checks = [s3LogBucketForceDestroy];
const EXAMPLE = path.join(__dirname, "..", "..", "examples", "readiness", "log-bucket-destroy");

function trail(bucketArgs: aws.s3.BucketArgs, opts: pulumi.CustomResourceOptions = {}) {
    const bucket = new aws.s3.Bucket("trail-logs", bucketArgs, opts);
    new aws.cloudtrail.Trail("trail", { s3BucketName: bucket.id });
    new aws.s3.Bucket("app");
}

const TRAIL_WARNING =
    'warning: Bucket "trail-logs" is filled by CloudTrail ("trail") and sets neither forceDestroy nor protect: `pulumi destroy` fails on it with BucketNotEmpty and leaves the stack half-deleted.';

describe("readiness: s3-log-bucket-force-destroy", function () {
    this.timeout(120_000);

    for (const preview of [false, true]) {
        const mode = preview ? " (preview)" : "";
        it(`Noncompliance: a trail bucket without forceDestroy; the app bucket nothing writes to is not named${mode}`, async () => {
            assert.deepStrictEqual(messages(await checkProgram(() => trail({}), checks, { preview })), [TRAIL_WARNING]);
            assert.deepStrictEqual(messages(await checkProgram(() => trail({ forceDestroy: false }), checks, { preview })), [TRAIL_WARNING]);
        });

        it(`Compliance: forceDestroy, protect or retainOnDelete${mode}`, async () => {
            assert.deepStrictEqual(messages(await checkProgram(() => trail({ forceDestroy: true }), checks, { preview })), []);
            assert.deepStrictEqual(messages(await checkProgram(() => trail({}, { protect: true }), checks, { preview })), []);
            assert.deepStrictEqual(messages(await checkProgram(() => trail({}, { retainOnDelete: true }), checks, { preview })), []);
        });
    }

    it("an unknown forceDestroy (preview) is not judged; the same program once known is", async () => {
        const program = () => {
            const flag = new aws.ssm.Parameter("destroyable", { type: "String", value: "false" });
            // The version is computed by AWS, so unknown in a preview.
            trail({ forceDestroy: flag.version.apply((v) => v < 0) });
        };
        assert.deepStrictEqual(messages(await checkProgram(program, checks, { preview: true })), []);
        assert.deepStrictEqual(messages(await checkProgram(program, checks)), [TRAIL_WARNING]);
    });

    it("resolves a CloudFront bucket domain name, a WAF S3 ARN written as a string, and an ALB's access logs", async () => {
        const checked = await checkProgram(() => {
            const cdnLogs = new aws.s3.Bucket("cdn-logs");
            new aws.cloudfront.Distribution("cdn", {
                enabled: true,
                origins: [{ originId: "web", domainName: "example.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
                defaultCacheBehavior: { targetOriginId: "web", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: { cloudfrontDefaultCertificate: true },
                loggingConfig: { bucket: cdnLogs.bucketDomainName, prefix: "cdn/" },
            });
            new aws.s3.Bucket("waf-logs", { bucket: "aws-waf-logs-shop" });
            new aws.wafv2.WebAclLoggingConfiguration("waf", { resourceArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/abc", logDestinationConfigs: ["arn:aws:s3:::aws-waf-logs-shop"] });
            const albLogs = new aws.s3.Bucket("alb-logs");
            new aws.lb.LoadBalancer("web", { loadBalancerType: "application", subnets: ["subnet-1", "subnet-2"], accessLogs: { bucket: albLogs.id, enabled: true } });
            const disabledLogs = new aws.s3.Bucket("disabled-logs");
            new aws.lb.LoadBalancer("internal", { loadBalancerType: "application", subnets: ["subnet-1", "subnet-2"], accessLogs: { bucket: disabledLogs.id, enabled: false } });
        }, checks);
        assert.deepStrictEqual(checked.readiness.findings.map((f) => f.name).sort(), ["alb-logs", "cdn-logs", "waf-logs"]);
        assert.ok(checked.readiness.findings.find((f) => f.name === "cdn-logs")!.message.includes("CloudFront standard logging"));
    });

    it("a flow log to CloudWatch Logs fills no bucket; one to S3 does", async () => {
        const program = (logDestinationType: string) => () => {
            const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
            const bucket = new aws.s3.Bucket("flow-logs");
            const group = new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 30 });
            new aws.ec2.FlowLog("main", { vpcId: vpc.id, trafficType: "ALL", logDestinationType, logDestination: logDestinationType === "s3" ? bucket.arn : group.arn });
        };
        assert.deepStrictEqual(messages(await checkProgram(program("cloud-watch-logs"), checks)), []);
        assert.strictEqual(messages(await checkProgram(program("s3"), checks)).length, 1);
    });

    for (const preview of [false, true]) {
        it(`log-bucket-destroy: unready.ts warns on its three log buckets, ready.ts is quiet${preview ? " (preview)" : ""}`, async () => {
            const findings = async (file: string) =>
                (await runReadiness((await planStack({ stack: "dev", program: path.join(EXAMPLE, file), preview })).run)).findings.map((f) => `${f.severity} ${f.check} ${f.name}`);
            assert.deepStrictEqual((await findings("unready.ts")).sort(), [
                "warning s3-log-bucket-force-destroy app-access-logs",
                "warning s3-log-bucket-force-destroy flow-logs",
                "warning s3-log-bucket-force-destroy trail-logs",
            ]);
            assert.deepStrictEqual(await findings("ready.ts"), []);
        });
    }
});
