import type { RecordedResource } from "../../engine/recorder";
import { get, isUnknown, ReadinessCheck, TYPES } from "../lib";

/** The provider settings that decide which credentials, and so which account, a provider deploys with. */
const IDENTITY_SETTINGS = ["profile", "assumeRoles", "assumeRoleWithWebIdentity", "accessKey", "sharedConfigFiles", "sharedCredentialsFiles"];
/** The settings that stop a provider from deploying into an account it was not meant for. */
const ACCOUNT_GUARDS = ["allowedAccountIds", "forbiddenAccountIds"];

/**
 * Set, for a value read with `get` (which already reads null, "", [] and {} as not set): the engine
 * sends a provider's structured inputs as JSON strings, so an empty list or object arrives as "[]" or "{}".
 */
function isSet(value: unknown): boolean {
    return value !== undefined && value !== "[]" && value !== "{}";
}

/** A default provider (`default_<version>`) is configured by the stack's `aws:` config; an explicit one only by its arguments. */
function isDefaultProvider(resource: RecordedResource): boolean {
    return resource.name.startsWith("default");
}

export const explicitProviderAccount: ReadinessCheck = {
    name: "provider-explicit-account-settings",
    category: "aws-api",
    severity: "warning",
    what: "An explicit aws.Provider (e.g. a second one for us-east-1) that leaves out the credentials or account guard the stack's own config gives the default provider (aws:profile, aws:assumeRoles, aws:allowedAccountIds...): its resources deploy with whatever credentials the environment holds, possibly into another account.",
    rule: "Pulumi configures a default provider from the stack's `aws:` config; an explicit provider is configured only by its constructor arguments and the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID...), never by the stack's config.",
    run(stack) {
        const settingsOfStack = new Set(stack.awsConfigKeys);
        // A stack export carries its default providers with the settings the stack's config gave them.
        for (const provider of stack.ofType(TYPES.provider).filter(isDefaultProvider)) {
            for (const key of [...IDENTITY_SETTINGS, ...ACCOUNT_GUARDS]) if (isSet(get(stack.props(provider), key))) settingsOfStack.add(key);
        }
        const identityOfStack = IDENTITY_SETTINGS.filter((key) => settingsOfStack.has(key));
        const guardsOfStack = ACCOUNT_GUARDS.filter((key) => settingsOfStack.has(key));
        if (identityOfStack.length === 0 && guardsOfStack.length === 0) return [];
        const findings = [];
        for (const provider of stack.ofType(TYPES.provider).filter((p) => !isDefaultProvider(p))) {
            const props = stack.props(provider);
            const values = (keys: string[]) => keys.map((key) => get(props, key));
            // A setting still unknown (a preview) may well be the stack's own: judge only what is known.
            if ([...values(IDENTITY_SETTINGS), ...values(ACCOUNT_GUARDS)].some((v) => typeof v === "string" && isUnknown(v))) continue;
            const ownIdentity = IDENTITY_SETTINGS.some((key) => isSet(get(props, key)));
            const missing = [
                ...(ownIdentity ? [] : identityOfStack),
                ...guardsOfStack.filter((key) => !isSet(get(props, key))),
            ];
            if (missing.length === 0) continue;
            findings.push(
                stack.finding(this, provider, "warning",
                    `Explicit provider "${provider.name}" does not set ${missing.map((k) => `${k} (aws:${k} in the stack's config)`).join(", ")}: its resources deploy with the environment's credentials${guardsOfStack.some((k) => missing.includes(k)) ? " and no account guard" : ""}, possibly in another account than the rest of the stack.`,
                    "Pulumi: an explicit provider is configured by its arguments only; the stack's aws: config configures the default provider.",
                    "Pass the same settings to the provider (e.g. profile: new pulumi.Config(\"aws\").get(\"profile\"), allowedAccountIds: ...), or drop the provider and set the per-resource `region` input that @pulumi/aws 7 resources take."),
            );
        }
        return findings;
    },
};
