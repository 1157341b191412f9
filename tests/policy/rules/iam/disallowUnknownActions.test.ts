import { assertFails, assertPasses, checkResource, doc } from "../../helpers";

const POLICY = "iam-disallow-unknown-actions";
const compliant = { Sid: "DenyDeletes", Effect: "Deny", Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource: "arn:aws:s3:::bulwark-assets/*" };
const policy = (change: Record<string, unknown> = {}) => checkResource("aws:iam/policy:Policy", { policy: doc({ ...compliant, ...change }) });

describe(POLICY, () => {
    it("Compliance: real actions, any case", async () => {
        assertPasses(await policy({ Action: ["s3:DeleteObject", "S3:deleteobjectversion", "s3:Delete*"] }), POLICY);
    });

    it("Noncompliance 1: a misspelt action in a Deny, with the closest real one", async () => {
        assertFails(await policy({ Action: ["s3:DeleteObjcet"] }), POLICY, /^Fix "s3:DeleteObjcet" in statement 1 \("DenyDeletes"\) of policy: it is not an action \(did you mean "s3:DeleteObject"\?\)\.$/);
    });

    it("Noncompliance 2: an unknown service", async () => {
        assertFails(await policy({ Action: "s4:GetObject" }), POLICY, /names the service "s4", which IAM does not have/);
    });

    it("Noncompliance 3: a wildcard that matches nothing", async () => {
        assertFails(await policy({ Action: "s3:Fetch*" }), POLICY, /^Fix "s3:Fetch\*" .*: it matches no action\.$/);
    });

    it("Noncompliance 4: a malformed entry", async () => {
        assertFails(await policy({ Action: "GetObject" }), POLICY, /is not of the form "service:Action"/);
    });

    it("Noncompliance 5: a document that is not JSON", async () => {
        assertFails(await checkResource("aws:iam/policy:Policy", { policy: "{ not json" }), POLICY, /^Fix policy: it is not valid JSON/);
    });

    it("checks trust and resource policies as well", async () => {
        const trust = await checkResource("aws:iam/role:Role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRoel" }) });
        assertFails(trust, POLICY, /"sts:AssumeRoel" in statement 1 of assumeRolePolicy: it is not an action \(did you mean "sts:AssumeRole"\?\)/);
        const bucket = await checkResource("aws:s3/bucketPolicy:BucketPolicy", { bucket: "b", policy: doc({ ...compliant, Principal: "*", Action: "s3:GetObjectz" }) });
        assertFails(bucket, POLICY, /"s3:GetObjectz"/);
    });
});
