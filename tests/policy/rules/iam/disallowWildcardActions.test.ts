import * as aws from "@pulumi/aws";
import { assertFails, assertPasses, checkProgram, checkResource, doc } from "../../helpers";

const POLICY = "iam-disallow-wildcard-actions";
const compliant = { Sid: "ReadConfig", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: "arn:aws:ssm:eu-west-1:123456789012:parameter/bulwark/*" };
const rolePolicy = (change: Record<string, unknown> = {}) => checkResource("aws:iam/rolePolicy:RolePolicy", { role: "api", policy: doc({ ...compliant, ...change }) });

describe(POLICY, () => {
    it("Compliance: a role whose inline policy names its actions", async () => {
        const evaluation = await checkProgram(() => {
            new aws.iam.Role("api", {
                assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
                inlinePolicies: [{ name: "config", policy: doc(compliant) }],
            });
        });
        assertPasses(evaluation, POLICY);
    });

    it("Compliance: a wildcard that stops short of the whole service", async () => {
        assertPasses(await rolePolicy({ Action: "ssm:GetParameter*" }), POLICY);
    });

    it("Compliance: Deny statements may use wildcards", async () => {
        assertPasses(await rolePolicy({ Effect: "Deny", Action: "*" }), POLICY);
    });

    it('Noncompliance 1: Action "*"', async () => {
        assertFails(await rolePolicy({ Action: "*" }), POLICY, /^Replace "\*" in statement 1 \("ReadConfig"\) of policy with the actions the workload calls: it allows every action of every service\.$/);
    });

    it('Noncompliance 2: a service-wide wildcard ("ssm:*")', async () => {
        assertFails(await rolePolicy({ Action: ["ssm:GetParameter", "ssm:*"] }), POLICY, /^Replace "ssm:\*" in statement 1 .* every action of the service\.$/);
    });

    it('Noncompliance 3: a wildcard that covers the whole service without saying "*" ("SSM:?*")', async () => {
        assertFails(await rolePolicy({ Action: "SSM:?*" }), POLICY, /^Replace "SSM:\?\*"/);
    });

    it("Noncompliance 4: NotAction with Allow", async () => {
        const { Action: _, ...withoutAction } = compliant;
        const evaluation = await checkResource("aws:iam/policy:Policy", { policy: doc({ ...withoutAction, NotAction: ["iam:*"] }) });
        assertFails(evaluation, POLICY, /^Replace NotAction \["iam:\*"\] in statement 1/);
    });

    it("Noncompliance 5: a wildcard service prefix", async () => {
        assertFails(await rolePolicy({ Action: "*:Get*" }), POLICY, /^Replace "\*:Get\*"/);
    });

    for (const type of ["aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy", "aws:iam/policy:Policy"]) {
        it(`judges ${type} documents too`, async () => {
            assertFails(await checkResource(type, { policy: doc({ ...compliant, Action: "*" }) }), POLICY, /every action of every service/);
        });
    }

    it("accepts documents given as objects rather than JSON text", async () => {
        const evaluation = await checkResource("aws:iam/policy:Policy", { policy: { Version: "2012-10-17", Statement: { ...compliant, Action: "ssm:*" } } });
        assertFails(evaluation, POLICY, /"ssm:\*"/);
    });
});
