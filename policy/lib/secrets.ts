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
    // Webhook URLs whose path or query is the credential: whoever reads one posts as the integration
    // (Slack and Discord keep the token in the path, Teams and Logic Apps in a `sig` parameter).
    ["a Slack webhook URL", /https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9_/-]{16,}/],
    ["a Discord webhook URL", /https:\/\/(?:[a-z]+\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/],
    ["a Microsoft Teams webhook URL", /https:\/\/[A-Za-z0-9.-]+\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/_-]{20,}/],
    ["a webhook URL with a signature", /https:\/\/[A-Za-z0-9.-]+\.logic\.azure\.com[^\s"']*[?&]sig=[A-Za-z0-9%_-]{16,}/],
    ["a URL with a token in its query", /https?:\/\/[^\s"'?]+\?[^\s"']*\b(token|access_token|api_key|apikey|secret|signature)=[A-Za-z0-9%._~+\/-]{16,}/i],
    ["a password inside a connection URL", /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i],
];

/** What kind of literal credential the value is, if it is one whatever its name. */
export function literalCredentialKind(value: string): string | undefined {
    return CREDENTIAL_PATTERNS.find(([, pattern]) => pattern.test(value))?.[0];
}

/** The same credentials found anywhere inside a longer text (a script, a command line). */
const EMBEDDED_PATTERNS: [string, RegExp][] = [
    ...CREDENTIAL_PATTERNS.filter(([kind]) => kind !== "a password inside a connection URL"),
    ["a password inside a connection URL", /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]*:[^/\s@'"$]+@[A-Za-z0-9.-]/i],
];

export function embeddedCredentialKinds(text: string): string[] {
    return EMBEDDED_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}

/**
 * A value a script computes or fetches at run time rather than one written into it, or a crypt(3)
 * hash (cloud-init's `passwd: $6$...`), which is what the system stores, not the password.
 */
function isComputedInScript(value: string): boolean {
    return /\$[({A-Za-z_]|`/.test(value) || /^\{\{resolve:/.test(value) || /^\$(1|2[aby]?|5|6|y)\$/.test(value);
}

const SHELL_ASSIGNMENT = /^\s*(?:export\s+|set\s+|ENV\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("([^"]*)"|'([^']*)'|(\S+))/;
const YAML_ENTRY = /^\s*-?\s*([A-Za-z_][A-Za-z0-9_-]*)\s*:\s+("([^"]*)"|'([^']*)'|([^#\s][^#]*?))\s*$/;
const SECRET_FLAG = /(?:^|\s)--?(password|passwd|token|secret|api-key|apikey|client-secret)[= ]("([^"]*)"|'([^']*)'|([^\s-]\S*))/i;

/**
 * Secrets a boot script (user data, a container command) writes in clear: a secret-named shell or
 * YAML assignment, or a --password style flag, holding a literal; values the script reads at run
 * time ($VAR, $(aws ssm ...)) and references (ARNs, parameter paths) pass.
 */
export function secretAssignmentsIn(text: string): string[] {
    const found: string[] = [];
    for (const line of text.split(/\r?\n/)) {
        if (/^\s*#(?!cloud-config)/.test(line)) continue;
        const assignment = SHELL_ASSIGNMENT.exec(line) ?? YAML_ENTRY.exec(line);
        if (assignment) {
            const [, name, , doubleQuoted, singleQuoted, bare] = assignment;
            const value = (doubleQuoted ?? singleQuoted ?? bare ?? "").trim();
            if (looksLikeSecretName(name) && !isInertValue(value) && !isSecretReference(value) && !isComputedInScript(value)) found.push(name);
            continue;
        }
        const flag = SECRET_FLAG.exec(line);
        if (flag) {
            const value = (flag[3] ?? flag[4] ?? flag[5] ?? "").trim();
            if (!isInertValue(value) && !isSecretReference(value) && !isComputedInScript(value)) found.push(`--${flag[1]}`);
        }
    }
    return [...new Set(found)];
}
