import * as assert from "assert";
import { assertFails, assertPasses, checkResource, doc, violationsOf } from "../../helpers";

const POLICY = "iam-disallow-wildcard-resources";
const compliant = { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::bulwark-assets/*" };
const policy = (change: Record<string, unknown> = {}) => checkResource("aws:iam/policy:Policy", { policy: doc({ ...compliant, ...change }) });

describe(POLICY, () => {
    it("Compliance: actions scoped to an ARN", async () => {
        assertPasses(await policy(), POLICY);
    });

    it('Compliance: actions AWS only authorizes on "*" (X-Ray, ec2:Describe*)', async () => {
        assertPasses(await policy({ Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "ec2:DescribeSubnets"], Resource: "*" }), POLICY);
    });

    it('Compliance: actions whose resource types are all optional and that AWS grants on "*" (CloudWatch metrics, List actions)', async () => {
        assertPasses(await policy({ Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "cloudwatch:PutMetricData", "dynamodb:ListExports"], Resource: "*" }), POLICY);
    });

    it("Compliance: ec2:DeleteNetworkInterface on every resource of one region and account, as Lambda checks it for a VPC function", async () => {
        assertPasses(await policy({ Action: "ec2:DeleteNetworkInterface", Resource: "arn:aws:ec2:eu-west-1:123456789012:*/*" }), POLICY);
    });

    it("Noncompliance: ec2:DeleteNetworkInterface on every region or account, and any other action beside it", async () => {
        assertFails(await policy({ Action: "ec2:DeleteNetworkInterface", Resource: "*" }), POLICY, /"ec2:DeleteNetworkInterface" can take ARNs but is granted on "\*"/);
        assertFails(await policy({ Action: "ec2:DeleteNetworkInterface", Resource: "arn:aws:ec2:*:*:*/*" }), POLICY, /"ec2:DeleteNetworkInterface" can take ARNs/);
        const [violation] = assertFails(await policy({ Action: ["ec2:DeleteNetworkInterface", "ec2:DeleteSubnet"], Resource: "arn:aws:ec2:eu-west-1:123456789012:*/*" }), POLICY, /"ec2:DeleteSubnet" can take ARNs/);
        if (violation.message.includes("DeleteNetworkInterface")) throw new Error("only the other action is reported");
    });

    it('Noncompliance: an object read stays scopable although the service reference marks its resource type optional', async () => {
        assertFails(await policy({ Action: ["s3:GetObject", "cloudwatch:GetMetricData"], Resource: "*" }), POLICY, /: "s3:GetObject" can take ARNs but is granted on "\*"\.$/);
    });

    it('Noncompliance 1: an action that takes ARNs granted on "*"', async () => {
        assertFails(await policy({ Resource: "*" }), POLICY, /^Scope statement 1 \("ReadObjects"\) of policy to resource ARNs: "s3:GetObject" can take ARNs but is granted on "\*"\.$/);
    });

    it("Noncompliance 2: an ARN whose resource part is only wildcards", async () => {
        assertFails(await policy({ Resource: "arn:aws:s3:::*/*" }), POLICY, /granted on "arn:aws:s3:::\*\/\*"/);
    });

    it("Noncompliance 3: a partial wildcard is expanded, and only its scopable actions count", async () => {
        const [violation] = assertFails(await policy({ Action: ["xray:PutTraceSegments", "logs:Create*"], Resource: "*" }), POLICY, /"logs:Create\*" \(\d+ of its \d+ actions: logs:Create[A-Za-z]+(, logs:Create[A-Za-z]+)*( and \d+ more)?\) can take ARNs but are granted/);
        if (/xray/.test(violation.message)) throw new Error("the X-Ray action takes no ARN and must not be listed");
    });

    it('ec2:Describe* on "*": names the few Describe actions that take ARNs, advisory by default (List-level only), mandatory in strict', async () => {
        const describe = { Action: "ec2:Describe*", Resource: "*" };
        const [found] = assertFails(await policy(describe), POLICY, /"ec2:Describe\*" \(\d+ of its \d+ actions: ec2:Describe[A-Za-z]+, .* and \d+ more\) can take ARNs but are granted on "\*"\.$/);
        assert.match(found.message, /ec2:DescribeCapacityBlockExtensionOfferings|ec2:DescribeClientVpn/);
        assert.doesNotMatch(found.message, /ec2:DescribeSubnets|ec2:DescribeInstances[,)]/, "actions authorized only on * are not listed");
        assert.strictEqual(found.level, "advisory");
        const strict = await checkResource("aws:iam/policy:Policy", { policy: doc({ ...compliant, ...describe }) }, { config: { "bulwark-configure-profile": { profile: "strict" } } });
        assert.deepStrictEqual(violationsOf(strict, POLICY).map((v) => v.level), ["mandatory"]);
        const [write] = assertFails(await policy({ Action: ["ec2:Describe*", "ec2:TerminateInstances"], Resource: "*" }), POLICY, /"ec2:TerminateInstances"/);
        assert.strictEqual(write.level, "mandatory");
    });

    it("Noncompliance 4: NotResource with Allow", async () => {
        const { Resource: _, ...withoutResource } = compliant;
        const evaluation = await checkResource("aws:iam/policy:Policy", { policy: doc({ ...withoutResource, NotResource: "arn:aws:s3:::secret/*" }) });
        assertFails(evaluation, POLICY, /"s3:GetObject" can take ARNs but is granted on NotResource \["arn:aws:s3:::secret\/\*"\]\.$/);
    });

    it('leaves Action "*" to iam-disallow-wildcard-actions', async () => {
        assertPasses(await policy({ Action: "*", Resource: "*" }), POLICY);
    });
});
