import * as assert from "assert";
import { checkStack, CheckedPlan } from "../../tools/plan";
import { exportOf } from "../../tools/input/export";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../tools/engine/recorder";
import { ciphertexts, tempFile } from "./helpers";

/**
 * The same platform judged two ways must get the same verdict: Bulwark's dev stack planned from its
 * TypeScript under mocks, and the stack export that `pulumi up` of that plan would leave, read back
 * with --from-state. The export holds the run's inputs (as the program registered them, auto-names
 * filled in) and the offline AWS's outputs, default providers and their references, dependsOn folded
 * into dependencies, and encrypted secrets, as a real export does.
 */

const verdict = (checked: CheckedPlan) => ({
    violations: checked.report.violations,
    readiness: checked.report.readiness,
    summary: checked.report.summary,
    monthlyUsd: checked.report.cost.monthlyUsd,
    costItems: [...checked.report.cost.items].map((i) => JSON.stringify(i)).sort(),
});

describe("Bulwark dev: planned from TypeScript and from its stack export", () => {
    let planned: CheckedPlan;
    let exported: ReturnType<typeof exportOf>;

    before(async function () {
        this.timeout(120_000);
        planned = await checkStack({ stack: "dev" });
        exported = exportOf(planned.run);
    });

    it("export: a version 3 deployment with the default providers every custom resource names", () => {
        assert.strictEqual(exported.version, 3);
        const resources = exported.deployment.resources as any[];
        const providers = resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.urn);
        const defaults = providers.filter((urn) => urn.includes("::default_"));
        assert.deepStrictEqual(defaults, ["urn:pulumi:dev::bulwark::pulumi:providers:aws::default_7_48_0", "urn:pulumi:dev::bulwark::pulumi:providers:random::default_4_21_2"]);
        const explicit = planned.run.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.urn);
        assert.deepStrictEqual(providers, [...defaults, ...explicit]);
        for (const r of resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))) {
            assert.ok(providers.some((p) => r.provider.startsWith(`${p}::`)), `${r.urn} names its provider`);
        }
        assert.strictEqual(resources[0].type, "pulumi:pulumi:Stack");
        assert.ok(ciphertexts(exported).length > 0, "Bulwark dev has secrets (the cache's auth token)");
    });

    it("gives the same findings, readiness and cost", async function () {
        this.timeout(60_000);
        const fromState = await checkStack({ stack: "", fromState: tempFile(exported, "bulwark-dev.json") });
        assert.strictEqual(fromState.report.stack, "dev");
        assert.ok(planned.report.violations.length > 5, "the comparison needs findings to compare");
        assert.deepStrictEqual(verdict(fromState), { ...verdict(planned), summary: { ...planned.report.summary, resources: planned.report.summary.resources + 2 } });
        // The two resources more are the default providers a state records and a program run does not.
        assert.deepStrictEqual(
            fromState.report.resources.filter((r) => !planned.report.resources.some((p) => p.urn === r.urn)).map((r) => r.name),
            ["default_7_48_0", "default_4_21_2"],
        );
    });

    it("gives the same findings from an export made with --show-secrets", async function () {
        this.timeout(60_000);
        const open = exportOf(planned.run, { showSecrets: true });
        assert.strictEqual(ciphertexts(open).length, 0);
        const fromState = await checkStack({ stack: "", fromState: tempFile(open, "bulwark-dev-open.json") });
        assert.ok(fromState.input!.secrets.size > 0, "the secrets were read as plaintext");
        assert.deepStrictEqual(fromState.report.violations, planned.report.violations);
    });

    it("records secrets in the export the way the engine stores them", () => {
        const secretsIn = (value: unknown, found: any[] = []): any[] => {
            if (Array.isArray(value)) value.forEach((v) => secretsIn(v, found));
            else if (typeof value === "object" && value !== null) {
                if ((value as any)[SPECIAL_SIG_KEY] === SECRET_SIG) found.push(value);
                else Object.values(value).forEach((v) => secretsIn(v, found));
            }
            return found;
        };
        const stored = secretsIn(exported.deployment.resources);
        assert.ok(stored.length > 0, "Bulwark dev has secrets (the cache's auth token, its secret version)");
        for (const secret of stored) {
            assert.deepStrictEqual(Object.keys(secret).sort(), [SPECIAL_SIG_KEY, "ciphertext"].sort());
            assert.match(secret.ciphertext, /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
        }
    });
});
