import * as assert from "assert";
import { PROFILE_POLICY_NAME } from "../../../policy/lib/profile";
import { checkResource, violationsOf } from "../helpers";

const STRICT = { [PROFILE_POLICY_NAME]: { profile: "strict" } };
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

async function levels(type: string, policy: string, props: Record<string, unknown>, strict = false): Promise<string[]> {
    const evaluation = await checkResource(type, props, { config: strict ? (STRICT as never) : undefined });
    return violationsOf(evaluation, policy).map((v) => v.level);
}

/** Where AWS (or the program) already encrypts, a customer managed key is hardening: advisory by default, mandatory in strict. */
const cases: { policy: string; type: string; awsKey: Record<string, unknown>; unencrypted: Record<string, unknown> }[] = [
    { policy: "efs-enable-file-system-encryption", type: "aws:efs/fileSystem:FileSystem", awsKey: { encrypted: true }, unencrypted: {} },
    { policy: "kinesis-enable-stream-encryption", type: "aws:kinesis/stream:Stream", awsKey: { shardCount: 1, encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }, unencrypted: { shardCount: 1 } },
    { policy: "firehose-enable-delivery-stream-encryption", type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", awsKey: { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } }, unencrypted: { destination: "extended_s3" } },
    { policy: "redshift-enable-cluster-encryption", type: "aws:redshift/cluster:Cluster", awsKey: { clusterIdentifier: "dw", nodeType: "ra3.xlplus" }, unencrypted: { clusterIdentifier: "dw", nodeType: "ra3.xlplus", encrypted: "false" } },
    { policy: "opensearch-enable-domain-encryption", type: "aws:opensearch/domain:Domain", awsKey: { encryptAtRest: { enabled: true }, nodeToNodeEncryption: { enabled: true } }, unencrypted: { encryptAtRest: { enabled: false, kmsKeyId: KEY }, nodeToNodeEncryption: { enabled: true } } },
];

describe("new encryption rules under the default and strict profiles", () => {
    for (const c of cases) {
        it(`${c.policy}: the AWS key is advisory by default and mandatory in strict; no encryption is mandatory in both`, async () => {
            assert.deepStrictEqual(await levels(c.type, c.policy, c.awsKey), ["advisory"]);
            assert.deepStrictEqual(await levels(c.type, c.policy, c.awsKey, true), ["mandatory"]);
            assert.deepStrictEqual(await levels(c.type, c.policy, c.unencrypted), ["mandatory"]);
            assert.deepStrictEqual(await levels(c.type, c.policy, c.unencrypted, true), ["mandatory"]);
        });
    }
});
