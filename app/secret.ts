/**
 * The Redis AUTH token lives in Secrets Manager, never in an environment variable: anyone
 * allowed lambda:GetFunctionConfiguration can read environment variables in plain text.
 */

/** Returns the SecretString of the secret with this ARN. Injected so tests need no AWS. */
export type SecretFetcher = (secretArn: string) => Promise<string>;

export class AuthSecretError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AuthSecretError";
    }
}

/** Accepts the bare token or JSON {"token": "..."} (the shape a generated secret often has). */
export function parseAuthToken(secretString: string): string {
    const trimmed = secretString.trim();
    if (trimmed.startsWith("{")) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(trimmed);
        } catch {
            throw new AuthSecretError('the Redis AUTH secret looks like JSON but does not parse: store the bare token or {"token": "..."}.');
        }
        const token = (parsed as { token?: unknown }).token;
        if (typeof token !== "string" || token === "") {
            throw new AuthSecretError('the Redis AUTH secret is JSON without a non-empty string "token" field: store {"token": "..."}.');
        }
        return token;
    }
    if (trimmed === "") throw new AuthSecretError("the Redis AUTH secret is empty: store the AUTH token in it.");
    return trimmed;
}

/** Reads the secret with the AWS SDK that the Lambda Node.js runtime ships. */
export const secretsManagerFetcher: SecretFetcher = async (secretArn) => {
    // Loaded on first use so tests and Redis-without-AUTH setups never pay for the SDK. A plain
    // require, not import(): the runtime's bundled SDK is found through NODE_PATH, which ESM
    // resolution ignores.
    const { SecretsManagerClient, GetSecretValueCommand }: typeof import("@aws-sdk/client-secrets-manager") = require("@aws-sdk/client-secrets-manager");
    const client = new SecretsManagerClient({});
    try {
        const output = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
        if (output.SecretString === undefined) {
            throw new AuthSecretError("the Redis AUTH secret has no SecretString (binary secrets are not supported): store the token as text.");
        }
        return output.SecretString;
    } finally {
        client.destroy();
    }
};
