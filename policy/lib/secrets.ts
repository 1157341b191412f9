/**
 * Telling secrets from references to secrets. CrossGuard hands policies secret values already
 * unwrapped (deserializeProperties(..., false) in @pulumi/policy's server.js), so a rule cannot see
 * whether a value was a Pulumi secret; it can see what the value is and what it is called.
 */

/** Names that announce a credential: DB_PASSWORD, API_KEY, STRIPE_SECRET, AUTH_TOKEN, PRIVATE_KEY... */
const SECRET_NAME = /(^|[_\-.])(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH|APIKEY|SIGNING_?KEY)($|[_\-.])/i;

/** Suffixes that say the variable holds where the secret is, or something about it, not the secret. */
const REFERENCE_SUFFIX = /[_\-.](ARN|NAME|ID|PARAMETER|PARAM|PATH|SSM|SECRET_ID|URL_ARN|TTL|TTL_SECONDS|HEADER|LENGTH|ENABLED|URL|URI|ENDPOINT|HOST|DOMAIN|ISSUER|AUDIENCE|REGION|PROVIDER|MODE|TYPE|PREFIX|PORT|TIMEOUT|TIMEOUT_MS|EXPIRY|VERSION)$/i;

export function looksLikeSecretName(name: string): boolean {
    return SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

/** An ARN of a secret store, an SSM parameter path, or a dynamic reference: where to fetch a secret. */
export function isSecretReference(value: string): boolean {
    return /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value) || /^\/[A-Za-z0-9_.\-/]+$/.test(value) || /^\{\{resolve:/.test(value);
}

/** Values that cannot be a credential however they are named: flags, numbers, durations, empty. */
export function isInertValue(value: string): boolean {
    return /^(|true|false|yes|no|on|off|enabled|disabled|none|\d+(\.\d+)?(ms|s|m|h)?)$/i.test(value.trim());
}

const CREDENTIAL_PATTERNS: [string, RegExp][] = [
    ["an AWS access key id", /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
    ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ["a GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
    ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
    ["a Stripe secret key", /\b(sk|rk)_live_[A-Za-z0-9]{16,}/],
    ["a Google API key", /\bAIza[0-9A-Za-z_-]{35}\b/],
    ["a password inside a connection URL", /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i],
];

/** What kind of literal credential the value is, if it is one whatever its name. */
export function literalCredentialKind(value: string): string | undefined {
    return CREDENTIAL_PATTERNS.find(([, pattern]) => pattern.test(value))?.[0];
}
