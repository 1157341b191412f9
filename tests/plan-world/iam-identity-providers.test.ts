import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { assertFails, assertPasses, checkProgram } from "../policy/helpers";
import { recordFixture } from "../policy/rules-support/variants";

/** GitHub Actions' OIDC trust as GitHub's and Pulumi's guides write it: the role trusts the provider resource's ARN. */
function githubDeployRole(subject: string | undefined) {
    const github = new aws.iam.OpenIdConnectProvider("github", {
        url: "https://token.actions.githubusercontent.com",
        clientIdLists: ["sts.amazonaws.com"],
    });
    new aws.iam.Role("deploy", {
        assumeRolePolicy: github.arn.apply((arn) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Federated: arn },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                            ...(subject ? { StringLike: { "token.actions.githubusercontent.com:sub": subject } } : {}),
                        },
                    },
                ],
            }),
        ),
    });
}

describe("offline AWS: IAM identity providers", () => {
    it("gives an OIDC provider IAM's global ARN form, arn:aws:iam::<account>:oidc-provider/<host>", async () => {
        const run = await recordFixture(() => githubDeployRole("repo:acme/app:ref:refs/heads/main"));
        const deploy = run.resources.find((r) => r.name === "deploy")!;
        const trust = JSON.parse((deploy.inputs as { assumeRolePolicy: string }).assumeRolePolicy);
        assert.match(trust.Statement[0].Principal.Federated, /^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/);
    });

    it("judges the trust of a provider resource's ARN on its subject condition, as it would a literal ARN", async () => {
        assertPasses(await checkProgram(() => githubDeployRole("repo:acme/app:ref:refs/heads/main")), "iam-role-require-scoped-trust");
        assertFails(await checkProgram(() => githubDeployRole(undefined)), "iam-role-require-scoped-trust", /token\.actions\.githubusercontent\.com:sub/);
    });
});
