import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROFILE_POLICY_NAME } from "../../policy/lib/profile";
import { policies } from "../../policy/rules";
import { resolvePolicyConfig } from "../../tools/policy/config";
import { checkResource, violationsOf } from "./helpers";

const QUEUE = "aws:sqs/queue:Queue";
const POLICY = "sqs-enable-queue-encryption";
const STRICT = { [PROFILE_POLICY_NAME]: { profile: "strict" } };

async function levelsFor(props: Record<string, unknown>, config?: Record<string, unknown>): Promise<string[]> {
    const evaluation = await checkResource(QUEUE, props, { config: config as never });
    return violationsOf(evaluation, POLICY).map((v) => v.level);
}

describe("profiles (default and strict)", () => {
    it("Bulwark's own stacks run strict (policy/config.dev.json and policy/config.prod.json)", () => {
        for (const stack of ["dev", "prod"]) {
            const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy", `config.${stack}.json`), "utf8"));
            assert.deepStrictEqual(resolvePolicyConfig(policies, "advisory", file).get(PROFILE_POLICY_NAME)?.properties, { profile: "strict" }, stack);
        }
    });

    it("lists the profile policy first, so it has recorded the profile before any rule reports", () => {
        assert.strictEqual(policies[0].name, PROFILE_POLICY_NAME);
    });

    it("default profile: a customer managed key where AWS already encrypts (SSE-SQS) is advisory", async () => {
        assert.deepStrictEqual(await levelsFor({ name: "jobs" }), ["advisory"]);
    });

    it("strict profile: the same finding is mandatory", async () => {
        assert.deepStrictEqual(await levelsFor({ name: "jobs" }, STRICT), ["mandatory"]);
    });

    it("a queue stored unencrypted is mandatory in both profiles", async () => {
        assert.deepStrictEqual(await levelsFor({ name: "jobs", sqsManagedSseEnabled: false }), ["mandatory"]);
        assert.deepStrictEqual(await levelsFor({ name: "jobs", sqsManagedSseEnabled: false }, STRICT), ["mandatory"]);
    });

    it("a strict evaluation leaves nothing behind: the next default one is default again", async () => {
        assert.deepStrictEqual(await levelsFor({ name: "jobs" }, STRICT), ["mandatory"]);
        assert.deepStrictEqual(await levelsFor({ name: "jobs" }), ["advisory"]);
    });

    it('honours configured levels under strict: "all": "advisory" and a policy\'s own level', async () => {
        assert.deepStrictEqual(await levelsFor({ name: "jobs" }, { ...STRICT, all: "advisory" }), ["advisory"]);
        assert.deepStrictEqual(await levelsFor({ name: "jobs", sqsManagedSseEnabled: false }, { ...STRICT, [POLICY]: "advisory" }), ["advisory"]);
        assert.deepStrictEqual(await levelsFor({ name: "jobs" }, { ...STRICT, [POLICY]: "disabled" }), []);
    });

    it("is a setting of the profile policy with a default, checked against its schema", () => {
        assert.deepStrictEqual(resolvePolicyConfig(policies, "advisory").get(PROFILE_POLICY_NAME)?.properties, { profile: "default" });
        assert.throws(() => resolvePolicyConfig(policies, "advisory", { [PROFILE_POLICY_NAME]: { profile: "paranoid" } }), /Policy config for "bulwark-configure-profile" is invalid: \/profile must be equal to one of the allowed values/);
    });

    it('rejects a top-level "profile" (the CLI would too) and says where it goes', () => {
        assert.throws(() => resolvePolicyConfig(policies, "advisory", { profile: "strict" } as never), /"profile" is not a policy of the pack: write \{ "bulwark-configure-profile": \{ "profile": "strict" \} \}/);
    });

    it("declares every rule's strict level at least its default level, and publishes the strict one", () => {
        for (const policy of policies) {
            const { levels } = policy.bulwark;
            assert.ok(!(levels.default === "mandatory" && levels.strict === "advisory"), `${policy.name}: strict below default`);
            if (policy.name !== PROFILE_POLICY_NAME) assert.strictEqual(policy.enforcementLevel, levels.strict, policy.name);
        }
    });
});
