/**
 * loadSettings through Pulumi's real config store, and the committed stack files through it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { ConfigError } from "../../stacks/errors";
import { loadSettings } from "../../stacks/settings";

const REPO = path.join(__dirname, "..", "..");

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => {
        throw new Error(`Mock not implemented: ${args.token}`);
    },
};

/** The flat map the Pulumi CLI hands a program: structured values as JSON text, scalars as text. */
function configFromStackFile(file: string): Record<string, string> {
    const document = parse(fs.readFileSync(path.join(REPO, file), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(
        Object.entries(document.config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}

async function useStack(stack: string, config: Record<string, string>, secretKeys: string[] = []): Promise<void> {
    await pulumi.runtime.setMocks(mocks, "bulwark", stack, false);
    pulumi.runtime.setAllConfig(config, secretKeys);
}

describe("stacks: loadSettings", () => {
    after(() => pulumi.runtime.setAllConfig({}, []));

    it("reads structured bulwark config and aws:region for the current stack", async () => {
        await useStack("dev", {
            "aws:region": "eu-west-1",
            "bulwark:api": JSON.stringify({ memoryMb: 1024 }),
            "bulwark:protect": "true",
            "bulwark:tags": JSON.stringify({ owner: "team-a" }),
            "other:ignored": "anything",
        });
        const settings = loadSettings();
        assert.strictEqual(settings.stack, "dev");
        assert.strictEqual(settings.region, "eu-west-1");
        assert.strictEqual(settings.api.memoryMb, 1024);
        assert.strictEqual(settings.protect, true);
        assert.strictEqual(settings.tags.owner, "team-a");
        assert.ok(Object.isFrozen(settings.api));
    });

    it("reads bulwark:profile as plain text for other stacks, and fails naming it when missing", async () => {
        await useStack("staging", { "aws:region": "us-east-1", "bulwark:profile": "prod" });
        assert.strictEqual(loadSettings().profile, "prod");
        await useStack("staging", { "aws:region": "us-east-1" });
        assert.throws(loadSettings, (error: unknown) => error instanceof ConfigError && error.key === "bulwark:profile" && /Pulumi\.staging\.yaml/.test(error.message));
    });

    it("fails with a ConfigError when aws:region is missing", async () => {
        await useStack("dev", {});
        assert.throws(loadSettings, (error: unknown) => error instanceof ConfigError && error.key === "aws:region");
    });

    it("rejects bulwark keys Pulumi holds as secrets (the SDK still exposes runtime.isConfigSecret)", async () => {
        assert.strictEqual(typeof (pulumi.runtime as unknown as Record<string, unknown>).isConfigSecret, "function");
        await useStack("dev", { "aws:region": "us-east-1", "bulwark:api": JSON.stringify({ memoryMb: 1024 }) }, ["bulwark:api"]);
        assert.throws(loadSettings, (error: unknown) => error instanceof ConfigError && error.key === "bulwark:api");
        await useStack("dev", { "aws:region": "us-east-1", "bulwark:api": JSON.stringify({ memoryMb: 1024 }) }, ["aws:secretKey"]);
        assert.strictEqual(loadSettings().api.memoryMb, 1024);
    });

    for (const stack of ["dev", "prod"]) {
        it(`loads Pulumi.${stack}.yaml and applies what it sets`, async () => {
            const config = configFromStackFile(`Pulumi.${stack}.yaml`);
            await useStack(stack, config);
            const settings = loadSettings();
            assert.strictEqual(settings.profile, stack);
            assert.strictEqual(settings.region, config["aws:region"]);
            const network = JSON.parse(config["bulwark:network"]) as { cidr: string; azCount: number };
            assert.deepStrictEqual([settings.network.cidr, settings.network.azCount], [network.cidr, network.azCount]);
            if (stack === "prod") {
                assert.deepStrictEqual(settings.security.alertEmails, ["ops@example.com"]);
            }
        });
    }
});
