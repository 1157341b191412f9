import assert from "node:assert/strict";
import { AuthSecretError, parseAuthToken } from "../../app/secret";

describe("parseAuthToken", () => {
    it("accepts a bare token", () => assert.equal(parseAuthToken("s3cr3t-token-value\n"), "s3cr3t-token-value"));
    it('accepts JSON {"token": ...}', () => assert.equal(parseAuthToken('{"token":"abc123","rotatedAt":"2026-01-01"}'), "abc123"));
    for (const [what, secret] of [
        ["malformed JSON", '{"token":'],
        ["JSON without token", '{"password":"x"}'],
        ["JSON with an empty token", '{"token":""}'],
        ["an empty secret", "  "],
    ]) {
        it(`refuses ${what} with a message that says what to store`, () => {
            assert.throws(() => parseAuthToken(secret), (error: unknown) => error instanceof AuthSecretError && /store/.test((error as Error).message));
        });
    }
});
