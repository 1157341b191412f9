import { resourceRule } from "../../lib/rule";
import { asArray, asString, get, isUnknown } from "../../lib/values";

export const disallowApiKeyOnlyAuth = resourceRule({
    name: "appsync-disallow-api-key-only-auth",
    category: "exposure",
    description: "AppSync GraphQL APIs must not rely on API keys alone.",
    what: 'GraphQL APIs whose authenticationType is "API_KEY" with no additionalAuthenticationProviders other than API_KEY. An API key alongside IAM, Cognito, OIDC or Lambda authorization passes (schema directives then decide per field).',
    why: "An AppSync API key is a static shared value shipped inside every client (web bundles, mobile apps); whoever extracts it can call every query and mutation, and AWS logs no identity to revoke. It identifies an application, it does not authenticate a user.",
    fix: 'Set authenticationType to "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_IAM" or "AWS_LAMBDA" (with its config block), and keep API_KEY, if at all, as an additional provider restricted with @aws_api_key on public read-only fields.',
    frameworks: { fsbp: ["AppSync.5"], soc2: ["CC6.1", "CC6.6"], gdpr: ["32(1)(b)"] },
    types: ["aws:appsync/graphQLApi:GraphQLApi"],
    validate(resource, report) {
        const primary = get(resource.props, "authenticationType");
        if (isUnknown(primary) || asString(primary)?.toUpperCase() !== "API_KEY") return;
        const additional = get(resource.props, "additionalAuthenticationProviders");
        if (isUnknown(additional)) return;
        const others = (asArray(additional) ?? []).map((provider) => get(provider, "authenticationType"));
        if (others.some((type) => isUnknown(type) || (asString(type) !== undefined && asString(type)!.toUpperCase() !== "API_KEY"))) return;
        report('Set authenticationType to "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_IAM" or "AWS_LAMBDA": an API key ships in every client, so anyone who extracts it can call the whole API.');
    },
});
