import { assertFails, assertPasses, checkResource, doc } from "../../helpers";

const POLICY = "iam-disallow-public-resource-policies";
const publish = {
    Sid: "EventBridgePublishes",
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: "sns:Publish",
    Resource: "arn:aws:sns:eu-west-1:123456789012:alerts",
    Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:123456789012:rule/alarms" } },
};
const topicPolicy = (change: Record<string, unknown> = {}) => checkResource("aws:sns/topicPolicy:TopicPolicy", { arn: "arn:aws:sns:eu-west-1:123456789012:alerts", policy: doc({ ...publish, ...change }) });

describe(POLICY, () => {
    it("Compliance: a named service principal", async () => {
        assertPasses(await topicPolicy(), POLICY);
    });

    it('Compliance: "*" narrowed by aws:SourceArn', async () => {
        assertPasses(await topicPolicy({ Principal: "*" }), POLICY);
    });

    it('Noncompliance: a bucket\'s own (inline) policy reading for "*"', async () => {
        const policy = doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" });
        assertFails(await checkResource("aws:s3/bucket:Bucket", { bucket: "site", policy }), POLICY, /^Name the principals in statement 1 \("PublicRead"\) of policy instead of "\*"/);
    });

    it('Compliance: a Deny for "*" (e.g. insecure transport)', async () => {
        assertPasses(await topicPolicy({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }), POLICY);
    });

    it('Noncompliance 1: a topic policy allowing "*" without a condition', async () => {
        assertFails(await topicPolicy({ Principal: { AWS: "*" }, Condition: undefined }), POLICY, /^Name the principals in statement 1 \("EventBridgePublishes"\) of policy instead of "\*", or add a condition/);
    });

    it('Noncompliance 2: a KMS key policy allowing "*" without a condition', async () => {
        const keyPolicy = doc({ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" });
        assertFails(await checkResource("aws:kms/key:Key", { policy: keyPolicy }), POLICY, /statement 1 \("Everyone"\) of policy/);
    });

    it("Noncompliance 3: a public bucket policy", async () => {
        const bucketPolicy = doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" });
        assertFails(await checkResource("aws:s3/bucketPolicy:BucketPolicy", { bucket: "site", policy: bucketPolicy }), POLICY, /statement 1 of policy/);
    });

    it('Noncompliance 4: a Lambda permission for principal "*" without sourceArn', async () => {
        const permission = { action: "lambda:InvokeFunctionUrl", function: "api", principal: "*", functionUrlAuthType: "NONE" };
        assertFails(await checkResource("aws:lambda/permission:Permission", permission), POLICY, /^Name the caller of this Lambda permission/);
        assertPasses(await checkResource("aws:lambda/permission:Permission", { ...permission, principal: "cloudfront.amazonaws.com", sourceArn: "arn:aws:cloudfront::123456789012:distribution/E1" }), POLICY);
    });
});
