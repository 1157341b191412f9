import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertFails, assertPasses, checkProgram, checkResource } from "../../helpers";

const POLICY = "lambda-function-disallow-plaintext-secrets";
const compliantVariables = {
    API_KEY_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:upstream-api-key-AbCdEf",
    REDIS_AUTH_PARAMETER: "/bulwark/dev/redis-auth",
    TOKEN_TTL_SECONDS: "300",
    UPSTREAM_URL: "https://api.example.com",
    AUTH_ENABLED: "true",
};
const fn = (variables: Record<string, string>) => checkResource("aws:lambda/function:Function", { runtime: "nodejs20.x", environment: { variables } });

describe(POLICY, () => {
    it("Compliance: references to secrets, and values that cannot be secrets", async () => {
        const evaluation = await checkProgram(() => {
            const role = new aws.iam.Role("api", { assumeRolePolicy: "{}" });
            new aws.lambda.Function("api", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), environment: { variables: compliantVariables } });
        });
        assertPasses(evaluation, POLICY);
    });

    it("Noncompliance 1: a secret-named variable holding a value (a Pulumi secret is no different to AWS)", async () => {
        const evaluation = await checkProgram(() => {
            const role = new aws.iam.Role("api", { assumeRolePolicy: "{}" });
            const variables = { ...compliantVariables, API_KEY: pulumi.secret("3f9a1c7e5b") };
            new aws.lambda.Function("api", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), environment: { variables } });
        });
        assertFails(evaluation, POLICY, /^Move environment variable API_KEY into Secrets Manager and pass its ARN \(e\.g\. API_KEY_SECRET_ARN\) for the function to read at run time/);
    });

    for (const name of ["DB_PASSWORD", "STRIPE_SECRET", "AUTH_TOKEN", "PRIVATE_KEY", "client-secret"]) {
        it(`Noncompliance: ${name} holds a value`, async () => {
            assertFails(await fn({ ...compliantVariables, [name]: "s3cr3t-value-here" }), POLICY, new RegExp(`^Move environment variable ${name} `));
        });
    }

    it("Noncompliance 2: a literal AWS access key under an innocent name", async () => {
        assertFails(await fn({ ...compliantVariables, UPSTREAM_ID: "AKIAIOSFODNN7EXAMPLE" }), POLICY, /UPSTREAM_ID .*its value is an AWS access key id/);
    });

    it("Noncompliance 3: a password inside a connection URL", async () => {
        assertFails(await fn({ ...compliantVariables, REDIS_URL: "rediss://:hunter2hunter2@cache.example.com:6379" }), POLICY, /REDIS_URL .*a password inside a connection URL/);
    });

    it("skips values not known until deployment", async () => {
        assertPasses(await checkResource("aws:lambda/function:Function", { environment: { variables: { API_KEY: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } } }), POLICY);
        assertPasses(await checkResource("aws:lambda/function:Function", { environment: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }), POLICY);
    });
});
