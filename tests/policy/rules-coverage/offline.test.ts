import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { recordFixture, UNKNOWN } from "../rules-support/variants";

type Props = Record<string, any>;
const inputsOf = (run: { resources: { name: string; inputs: unknown }[] }, name: string) => run.resources.find((r) => r.name === name)!.inputs as Props;

/** The outputs the offline AWS computes for the coverage rules' services reach the resources that interpolate them. */
function program() {
    const domain = new aws.apigateway.DomainName("api", { domainName: "api.example.com", regionalCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x", endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2" });
    new aws.route53.Record("api-record", { zoneId: "Z0123", name: domain.domainName, type: "A", aliases: [{ name: domain.regionalDomainName, zoneId: domain.regionalZoneId, evaluateTargetHealth: false }] });
    const files = new aws.efs.FileSystem("shared", { encrypted: true });
    const warehouse = new aws.redshift.Cluster("warehouse", { clusterIdentifier: "analytics", nodeType: "ra3.xlplus", masterUsername: "admin", manageMasterPassword: true });
    const search = new aws.opensearch.Domain("search", { domainName: "search", encryptAtRest: { enabled: true }, nodeToNodeEncryption: { enabled: true } });
    const stream = new aws.kinesis.Stream("clicks", { shardCount: 1, encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" });
    new aws.ssm.Parameter("endpoints", {
        type: "StringList",
        value: "see description",
        description: pulumi.interpolate`${files.dnsName},${warehouse.endpoint},${search.endpoint},${stream.arn}`,
    });
}

describe("offline AWS: outputs of the coverage rules' services", () => {
    it("computes the endpoints a program interpolates, in AWS's shapes", async () => {
        const run = await recordFixture(program);
        const record = inputsOf(run, "api-record");
        assert.match(record.aliases[0].name, /^d-[0-9a-f]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
        assert.strictEqual(record.aliases[0].zoneId, "Z1UJRXOUMOOFQ8");
        const [efs, redshift, opensearch, kinesis] = (inputsOf(run, "endpoints").description as string).split(",");
        assert.match(efs, /^fs-[0-9a-f]{17}\.efs\.eu-west-1\.amazonaws\.com$/);
        assert.match(redshift, /^analytics\.[0-9a-f]{12}\.eu-west-1\.redshift\.amazonaws\.com:5439$/);
        assert.match(opensearch, /^search-search-[0-9a-f]{26}\.eu-west-1\.es\.amazonaws\.com$/);
        // No name given: pulumi-aws auto-names the stream from the resource name with a random suffix.
        assert.match(kinesis, /^arn:aws:kinesis:eu-west-1:123456789012:stream\/clicks-[0-9a-f]{7}$/);
    });

    it("leaves them unknown in preview", async () => {
        const run = await recordFixture(program, true);
        assert.strictEqual(inputsOf(run, "api-record").aliases[0].name, UNKNOWN);
        assert.strictEqual(inputsOf(run, "endpoints").description, UNKNOWN);
    });
});
