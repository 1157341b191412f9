import { resourceRule } from "../../lib/rule";
import { literalCredentialKind, looksLikeSecretName } from "../../lib/secrets";
import { asString, get, isUnknown } from "../../lib/values";

export const disallowPlaintextParameters = resourceRule({
    name: "ssm-disallow-plaintext-parameters",
    category: "exposure",
    description: "SSM parameters that hold secrets must be SecureString.",
    what: 'SSM Parameters of type "String" or "StringList" whose name (the last segment of `name`, else the resource name) says secret (password, secret, token, api_key, private_key, ...), or whose value is a literal credential (an AWS access key id, a private key, a GitHub/Slack/Stripe/Google key, a password inside a connection URL).',
    why: "String parameters are stored and shown in clear: anyone with ssm:GetParameter or console access to Parameter Store reads them, and no KMS key policy or decrypt audit stands in the way.",
    fix: 'Set type: "SecureString" with keyId set to a customer managed key (or move the secret to Secrets Manager), and grant kms:Decrypt only to the readers.',
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)", "32(1)(b)"] },
    types: ["aws:ssm/parameter:Parameter"],
    validate(resource, report) {
        const type = get(resource.props, "type");
        if (isUnknown(type) || !["String", "StringList"].includes(asString(type) ?? "")) return;
        const fullName = asString(get(resource.props, "name")) ?? resource.name;
        const leaf = fullName.split("/").filter((part) => part !== "").pop() ?? fullName;
        const value = asString(get(resource.props, "value")) ?? asString(get(resource.props, "insecureValue"));
        const kind = value === undefined ? undefined : literalCredentialKind(value);
        if (kind) report(`Make parameter "${fullName}" a SecureString: its value is ${kind}, stored and shown in clear as a ${asString(type)}.`);
        else if (looksLikeSecretName(leaf)) report(`Make parameter "${fullName}" a SecureString (with a customer managed key): its name says it holds a secret, and a ${asString(type)} is stored and shown in clear.`);
    },
});
