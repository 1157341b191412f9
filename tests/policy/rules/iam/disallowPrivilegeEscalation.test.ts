import { assertFails, assertPasses, checkResource, doc } from "../../helpers";

const POLICY = "iam-disallow-privilege-escalation";
const compliant = {
    Sid: "PassExecutionRole",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: "arn:aws:iam::123456789012:role/api-execution",
    Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
};
const policy = (change: Record<string, unknown> = {}) => checkResource("aws:iam/rolePolicy:RolePolicy", { role: "deployer", policy: doc({ ...compliant, ...change }) });

describe(POLICY, () => {
    it("Compliance: iam:PassRole on one role", async () => {
        assertPasses(await policy(), POLICY);
    });

    it('Noncompliance 1: iam:PassRole on "*"', async () => {
        assertFails(await policy({ Resource: "*" }), POLICY, /^Scope "iam:PassRole" in statement 1 \("PassExecutionRole"\) of policy to the ARNs the workload needs: on every resource they let the holder escalate its own privileges\.$/);
    });

    it("Noncompliance 2: iam:PassRole on every role of the account", async () => {
        assertFails(await policy({ Resource: "arn:aws:iam::123456789012:role/*" }), POLICY, /"iam:PassRole"/);
    });

    it('Noncompliance 3: a wildcard that covers escalation actions ("iam:Put*Policy")', async () => {
        assertFails(await policy({ Action: "iam:Put*Policy", Resource: "*" }), POLICY, /"iam:PutGroupPolicy", "iam:PutRolePolicy" and "iam:PutUserPolicy"/);
    });

    it("Noncompliance 4: iam:CreatePolicyVersion and iam:AttachRolePolicy on every resource", async () => {
        assertFails(await policy({ Action: ["iam:CreatePolicyVersion", "iam:AttachRolePolicy"], Resource: "*" }), POLICY, /"iam:CreatePolicyVersion" and "iam:AttachRolePolicy"/);
    });

    it("Noncompliance 5: sts:AssumeRole on every role", async () => {
        assertFails(await policy({ Action: "sts:AssumeRole", Resource: "*", Condition: undefined }), POLICY, /"sts:AssumeRole"/);
    });
});
