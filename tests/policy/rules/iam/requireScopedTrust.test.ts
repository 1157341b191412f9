import * as aws from "@pulumi/aws";
import { assertFails, assertNoNotes, assertPasses, checkProgram, checkResource, doc } from "../../helpers";

const POLICY = "iam-role-require-scoped-trust";
const compliant = {
    Sid: "LambdaAssumes",
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
};
const role = (change: Record<string, unknown> = {}, config?: Record<string, unknown>) =>
    checkResource("aws:iam/role:Role", { assumeRolePolicy: doc({ ...compliant, ...change }) }, config ? { config: { [POLICY]: config } } : {});

describe(POLICY, () => {
    it("Compliance: a service principal pinned to the account", async () => {
        assertPasses(await role(), POLICY);
    });

    it("Compliance: EC2 sends no source context for instance profiles (default servicesWithoutSourceContext)", async () => {
        assertPasses(await role({ Principal: { Service: "ec2.amazonaws.com" }, Condition: undefined }), POLICY);
    });

    it("Compliance: an account listed in trustedAccountIds needs no external id", async () => {
        assertPasses(await role({ Principal: { AWS: "arn:aws:iam::210987654321:root" }, Condition: undefined }, { trustedAccountIds: ["210987654321"] }), POLICY);
    });

    for (const service of ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "states.amazonaws.com"]) {
        it(`Compliance: ${service} assumes only roles passed to it with iam:PassRole, which never crosses accounts`, async () => {
            assertPasses(await role({ Principal: { Service: service }, Condition: undefined }), POLICY);
        });
    }

    it("Noncompliance 1: a service principal without aws:SourceAccount or aws:SourceArn", async () => {
        assertFails(
            await role({ Principal: { Service: "scheduler.amazonaws.com" }, Condition: undefined }),
            POLICY,
            /^Add an aws:SourceAccount or aws:SourceArn condition to statement 1 \("LambdaAssumes"\) of assumeRolePolicy so that scheduler\.amazonaws\.com can assume the role only on behalf of your account\.$/,
        );
    });

    it("Compliance: Firehose's documented trust, sts:ExternalId set to the account", async () => {
        assertPasses(await role({ Principal: { Service: "firehose.amazonaws.com" }, Condition: { StringEquals: { "sts:ExternalId": "123456789012" } } }), POLICY);
    });

    it("Noncompliance: sts:ExternalId does not scope a service that never sends one", async () => {
        assertFails(await role({ Principal: { Service: "scheduler.amazonaws.com" }, Condition: { StringEquals: { "sts:ExternalId": "123456789012" } } }), POLICY, /aws:SourceAccount or aws:SourceArn/);
    });

    it("Noncompliance: a passed-role service when the config no longer exempts it", async () => {
        assertFails(await role({ Condition: undefined }, { servicesWithoutSourceContext: [] }), POLICY, /so that lambda\.amazonaws\.com can assume the role/);
    });

    it('Noncompliance 2: principal "*"', async () => {
        assertFails(await role({ Principal: "*" }), POLICY, /^Name the principals that may assume the role instead of "\*"/);
    });

    it("Compliance: a principal of the stack's own account (the role's own ARN names it) needs no external id", async () => {
        const trust = doc({ ...compliant, Principal: { AWS: "arn:aws:iam::123456789012:root" }, Condition: undefined });
        assertPasses(await checkResource("aws:iam/role:Role", { assumeRolePolicy: trust, arn: "arn:aws:iam::123456789012:role/deployer" }), POLICY);
    });

    it("Compliance: an account the provider is pinned to (allowedAccountIds) needs no external id", async () => {
        const evaluation = await checkProgram(() => {
            const provider = new aws.Provider("pinned", { region: "eu-west-1", allowedAccountIds: ["210987654321"] });
            new aws.iam.Role("ops", { assumeRolePolicy: doc({ ...compliant, Principal: { AWS: "arn:aws:iam::210987654321:role/admin" }, Condition: undefined }) }, { provider });
        });
        assertPasses(evaluation, POLICY);
    });

    it("Noncompliance: another account is still foreign when the stack's own is known", async () => {
        const trust = doc({ ...compliant, Principal: { AWS: "arn:aws:iam::999999999999:root" }, Condition: undefined });
        assertFails(await checkResource("aws:iam/role:Role", { assumeRolePolicy: trust, arn: "arn:aws:iam::123456789012:role/deployer" }), POLICY, /for account 999999999999 \(not the stack's own\)/);
    });

    it("preview: with every ARN unknown and no account pinned, a principal's account cannot be judged (no finding, no note)", async () => {
        const trust = doc({ ...compliant, Principal: { AWS: "arn:aws:iam::999999999999:root" }, Condition: undefined });
        const evaluation = await checkResource("aws:iam/role:Role", { assumeRolePolicy: trust, arn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, { preview: true });
        assertPasses(evaluation, POLICY);
        assertNoNotes(evaluation);
    });

    it("Noncompliance 3: another account without sts:ExternalId", async () => {
        assertFails(await role({ Principal: { AWS: "999999999999" }, Condition: undefined }), POLICY, /^Require an sts:ExternalId condition in statement 1 .* for account 999999999999/);
    });

    it("Compliance: another account with sts:ExternalId", async () => {
        assertPasses(await role({ Principal: { AWS: "arn:aws:iam::999999999999:role/vendor" }, Condition: { StringEquals: { "sts:ExternalId": "bulwark-7f3a" } } }), POLICY);
    });

    it("Noncompliance 4: a GitHub OIDC principal without a :sub condition", async () => {
        const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
        const change = { Principal: { Federated: github }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } };
        assertFails(await role(change), POLICY, /^Add a "token\.actions\.githubusercontent\.com:sub" condition/);
        const pinned = { ...change, Condition: { ...change.Condition, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/bulwark:*" } } };
        assertPasses(await role(pinned), POLICY);
    });

    it("Noncompliance 5: NotPrincipal with Allow", async () => {
        assertFails(await role({ Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }), POLICY, /^Replace NotPrincipal/);
    });

    it("rejects a config that is not a list of account ids", async () => {
        await role({}, { trustedAccountIds: ["me"] }).then(
            () => Promise.reject(new Error("expected a config error")),
            (error: Error) => {
                if (!/Policy config for "iam-role-require-scoped-trust" is invalid: \/trustedAccountIds\/0 must match pattern/.test(error.message)) throw error;
            },
        );
    });
});
