import * as assert from "assert";
import * as path from "path";
import { planStack } from "../../tools/plan";
import { runReadiness } from "../../tools/readiness";
import { explicitProviderAccount } from "../../tools/readiness/checks/explicitProviderAccount";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "readiness", "explicit-provider");
const CHECK = "provider-explicit-account-settings";

async function findings(file: string, preview = false, change?: (run: Awaited<ReturnType<typeof planStack>>["run"]) => void) {
    const plan = await planStack({ stack: "dev", program: path.join(EXAMPLE, file), preview });
    change?.(plan.run);
    return (await runReadiness(plan.run, { checks: [explicitProviderAccount] })).findings.map((f) => `${f.severity} ${f.check} ${f.name}: ${f.message}`);
}

describe(`readiness: ${CHECK}`, function () {
    this.timeout(120_000);

    for (const preview of [false, true]) {
        it(`explicit-provider: unready.ts's us-east-1 provider lacks the stack's profile and account guard, ready.ts's does not${preview ? " (preview)" : ""}`, async () => {
            assert.deepStrictEqual(await findings("unready.ts", preview), [
                `warning ${CHECK} us-east-1: Explicit provider "us-east-1" does not set profile (aws:profile in the stack's config), allowedAccountIds (aws:allowedAccountIds in the stack's config): its resources deploy with the environment's credentials and no account guard, possibly in another account than the rest of the stack.`,
            ]);
            assert.deepStrictEqual(await findings("ready.ts", preview), []);
        });
    }

    it("says nothing when the stack's config sets no credentials or guard either (both providers use the environment)", async () => {
        assert.deepStrictEqual(await findings("unready.ts", false, (run) => (run.awsConfigKeys = ["region"])), []);
    });

    it("an explicit provider with credentials of its own (assumeRoles) still needs the stack's account guard", async () => {
        const result = await findings("unready.ts", false, (run) => {
            const provider = run.resources.find((r) => r.type === "pulumi:providers:aws" && r.name === "us-east-1")!;
            provider.inputs = { ...provider.inputs, assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::123456789012:role/deploy" }]) };
        });
        assert.deepStrictEqual(result.length, 1);
        assert.match(result[0], /does not set allowedAccountIds \(aws:allowedAccountIds in the stack's config\)/);
        assert.doesNotMatch(result[0], /profile/);
    });

    it("reads the stack's settings from a default provider when the stack comes from a file (a stack export)", async () => {
        const result = await findings("unready.ts", false, (run) => {
            run.awsConfigKeys = undefined;
            const explicit = run.resources.find((r) => r.type === "pulumi:providers:aws" && r.name === "us-east-1")!;
            run.resources.push({ ...explicit, urn: explicit.urn.replace(/::us-east-1$/, "::default_7_48_0"), name: "default_7_48_0", inputs: { region: "eu-west-1", profile: "acme-dev" } });
        });
        assert.deepStrictEqual(result.length, 1);
        assert.match(result[0], /^warning provider-explicit-account-settings us-east-1: Explicit provider "us-east-1" does not set profile \(aws:profile in the stack's config\): /);
    });
});
