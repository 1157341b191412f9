import * as assert from "assert";
import { argError, ConfigError, configError, configSetCommand, formatValue } from "../../stacks/errors";

describe("stacks: ConfigError", () => {
    it("formats a config key error in the one message shape, with its parts as fields", () => {
        const error = configError(
            "bulwark:api.memoryMb", 64, "an integer between 128 and 10240", "pulumi config set --path bulwark:api.memoryMb 512", "dev",
        );
        assert.ok(error instanceof ConfigError && error instanceof Error);
        assert.strictEqual(error.name, "ConfigError");
        assert.strictEqual(
            error.message,
            "bulwark:api.memoryMb is 64: it must be an integer between 128 and 10240. " +
                "Set it with `pulumi config set --path bulwark:api.memoryMb 512` (stack file Pulumi.dev.yaml).",
        );
        assert.deepStrictEqual(
            [error.key, error.value, error.allowed, error.fix],
            ["bulwark:api.memoryMb", 64, "an integer between 128 and 10240", "pulumi config set --path bulwark:api.memoryMb 512"],
        );
        assert.match(String(error), /^ConfigError: bulwark:api.memoryMb is 64/);
    });

    it("says Remove or Fix when the commands remove a key", () => {
        assert.match(configError("bulwark:x", 1, "a known key", "pulumi config rm bulwark:x", "dev").message, /\. Remove it with `pulumi config rm/);
        assert.match(
            configError("bulwark:x", 1, "a known key", "pulumi config rm bulwark:x && pulumi config set bulwark:y 1", "dev").message,
            /\. Fix it with `/,
        );
    });

    it("formats a component argument error", () => {
        const error = argError("Function", "api", "memoryMb", 64, "an integer between 128 and 10240");
        assert.ok(error instanceof ConfigError);
        assert.ok(
            error.message.startsWith('In "api" Function, "memoryMb" is 64: it must be an integer between 128 and 10240. Pass a "memoryMb"'),
            error.message,
        );
        assert.strictEqual(error.key, '"api" Function.memoryMb');
    });

    it("shows values as typed: strings quoted, missing as not set, long values cut", () => {
        assert.deepStrictEqual(
            [formatValue("x"), formatValue(undefined), formatValue(null), formatValue(true), formatValue(["a"])],
            ['"x"', "not set", "null", "true", '["a"]'],
        );
        assert.strictEqual(formatValue("y".repeat(500)).length, 120);
    });

    it("quotes keys and values for the shell only when needed", () => {
        assert.strictEqual(configSetCommand("aws:region", "us-east-1"), "pulumi config set aws:region us-east-1");
        assert.strictEqual(
            configSetCommand("bulwark:tags.owner", "team a's"),
            "pulumi config set --path bulwark:tags.owner 'team a'\\''s'",
        );
        assert.strictEqual(configSetCommand("bulwark:x.y[0]", "v"), "pulumi config set --path 'bulwark:x.y[0]' v");
    });
});
