import { stringMap } from "../../lib/iamResources";
import { resourceRule } from "../../lib/rule";
import { isInertValue, isSecretReference, literalCredentialKind, looksLikeSecretName } from "../../lib/secrets";
import { get, UNKNOWN } from "../../lib/values";

export const disallowPlaintextSecrets = resourceRule({
    name: "lambda-function-disallow-plaintext-secrets",
    category: "exposure",
    description: "Lambda functions must not carry secrets in their environment variables.",
    what: "Lambda environment variables whose value is a literal credential (AWS access key id, private key, GitHub/Slack/Stripe/Google key, a password inside a connection URL) whatever the name, or whose name says secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) while the value is not a reference (a Secrets Manager or SSM ARN, or an SSM parameter path). Values not known yet are skipped.",
    why: "Environment variables are plain text to anyone allowed lambda:GetFunctionConfiguration, in the console, and in the Pulumi state; making the value a Pulumi secret does not change what AWS shows. A leaked API key is used from outside long before anyone rotates it.",
    fix: "Store the secret in Secrets Manager, pass its ARN in a variable such as API_KEY_SECRET_ARN, grant secretsmanager:GetSecretValue on that ARN, and read it at cold start.",
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)", "32(1)(b)"] },
    types: ["aws:lambda/function:Function"],
    validate(resource, report) {
        const variables = stringMap(get(resource.props, "environment", "variables"));
        for (const [name, value] of Object.entries(variables)) {
            if (value === UNKNOWN) continue;
            const kind = literalCredentialKind(value);
            if (kind) {
                report(`Move environment variable ${name} into Secrets Manager and pass its ARN instead: its value is ${kind}, readable by anyone who can read the function's configuration.`);
            } else if (looksLikeSecretName(name) && !isInertValue(value) && !isSecretReference(value)) {
                report(`Move environment variable ${name} into Secrets Manager and pass its ARN (e.g. ${name}_SECRET_ARN) for the function to read at run time: its value is readable by anyone who can read the function's configuration.`);
            }
        }
    },
});
