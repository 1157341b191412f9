import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { resolvePolicyConfig } from "../../tools/policy/config";
import { policies } from "../../policy/rules";
import { assertFails, checkProgram, checkResource, doc, violationsOf } from "./helpers";
import { PASSED_ROLE_SERVICES } from "../../policy/rules/iam/requireScopedTrust";

const WILDCARDS = "iam-disallow-wildcard-actions";
const adminPolicy = doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" });

describe("policy config (Pulumi's --policy-pack-config format)", () => {
    it('applies "all", then each policy\'s own level', () => {
        const resolved = resolvePolicyConfig(policies, "advisory", { all: "advisory", [WILDCARDS]: { enforcementLevel: "mandatory" } });
        assert.strictEqual(resolved.get(WILDCARDS)?.level, "mandatory");
        assert.strictEqual(resolved.get("iam-disallow-wildcard-resources")?.level, "advisory");
    });

    it("fills schema defaults the engine would, before the configured values", () => {
        const resolved = resolvePolicyConfig(policies, "advisory", { "iam-role-require-scoped-trust": { trustedAccountIds: ["123456789012"] } });
        assert.deepStrictEqual(resolved.get("iam-role-require-scoped-trust")?.properties, {
            exemptions: [],
            trustedAccountIds: ["123456789012"],
            servicesWithoutSourceContext: PASSED_ROLE_SERVICES,
        });
    });

    it("downgrades a mandatory policy to advisory for one stack", async () => {
        const evaluation = await checkResource("aws:iam/policy:Policy", { policy: adminPolicy }, { config: { [WILDCARDS]: "advisory" } });
        const [violation] = violationsOf(evaluation, WILDCARDS);
        assert.strictEqual(violation.level, "advisory");
    });

    it("disables a policy", async () => {
        const evaluation = await checkResource("aws:iam/policy:Policy", { policy: adminPolicy }, { config: { [WILDCARDS]: "disabled" } });
        assert.deepStrictEqual(violationsOf(evaluation, WILDCARDS), []);
    });

    for (const [why, config, message] of [
        ["a misspelt policy name", { "iam-disallow-wildcard-action": "advisory" }, /names "iam-disallow-wildcard-action", which is not a policy of the pack/],
        ["an unknown level", { [WILDCARDS]: "warn" }, /the level of "iam-disallow-wildcard-actions" is "warn": it must be one of advisory, mandatory, remediate, disabled/],
        ["an exemption without a reason", { [WILDCARDS]: { exemptions: [{ resource: "api" }] } }, /Policy config for "iam-disallow-wildcard-actions" is invalid: \/exemptions\/0 must have required property 'reason'/],
    ] as const) {
        it(`rejects ${why}`, () => {
            assert.throws(() => resolvePolicyConfig(policies, "advisory", config as any), (error: Error) => error.name === "PlanInputError" && message.test(error.message));
        });
    }
});

describe("exemptions", () => {
    const program = (tags?: Record<string, string>) => () => {
        new aws.iam.Policy("break-glass", { policy: adminPolicy, tags });
        new aws.iam.Policy("deployer", { policy: adminPolicy });
    };

    it("a bulwark:exempt:<policy> tag with a reason suppresses that policy on that resource only, and says why", async () => {
        const evaluation = await checkProgram(program({ [`bulwark:exempt:${WILDCARDS}`]: "Break-glass role, MFA and 1h sessions, ticket SEC-12" }));
        const found = violationsOf(evaluation, WILDCARDS);
        const glass = found.find((v) => v.name === "break-glass")!;
        const deployer = found.find((v) => v.name === "deployer")!;
        assert.strictEqual(found.length, 2);
        assert.deepStrictEqual(
            { name: glass.name, suppressed: glass.suppressed, level: glass.level, reason: glass.reason },
            { name: "break-glass", suppressed: true, level: "mandatory", reason: "Break-glass role, MFA and 1h sessions, ticket SEC-12" },
        );
        assert.match(glass.message, /^Replace "\*" in statement 1 \("Admin"\)/);
        assert.deepStrictEqual({ name: deployer.name, suppressed: deployer.suppressed }, { name: "deployer", suppressed: false });
    });

    it("an exemption tag without a reason exempts nothing and says so", async () => {
        const evaluation = await checkProgram(program({ [`bulwark:exempt:${WILDCARDS}`]: " " }));
        const glass = violationsOf(evaluation, WILDCARDS).find((v) => v.name === "break-glass")!;
        assert.strictEqual(glass.suppressed, false);
        assert.match(glass.message, /The bulwark:exempt:iam-disallow-wildcard-actions tag is ignored: its value must give the reason\.\)$/);
    });

    it("a config exemption matches a name glob or a URN", async () => {
        for (const resource of ["break-*", "urn:pulumi:dev::fixture::aws:iam/policy:Policy::break-glass"]) {
            const evaluation = await checkProgram(program(), { config: { [WILDCARDS]: { exemptions: [{ resource, reason: "Break-glass, SEC-12" }] } } });
            const found = violationsOf(evaluation, WILDCARDS)
                .map((v) => [v.name, v.suppressed, v.reason])
                .sort();
            assert.deepStrictEqual(found, [
                ["break-glass", true, "Break-glass, SEC-12"],
                ["deployer", false, null],
            ]);
        }
    });

    it("a stack policy's finding is exempted on the resource it names", async () => {
        const evaluation = await checkProgram(
            () =>
                new aws.elasticache.ReplicationGroup("cache", {
                    description: "cache",
                    nodeType: "cache.t4g.micro",
                    authToken: "correct-horse-battery-staple",
                    transitEncryptionEnabled: true,
                    tags: { "bulwark:exempt:secrets-require-generated-credentials": "Token rotated by the vendor, INC-4" },
                }),
        );
        const [violation] = violationsOf(evaluation, "secrets-require-generated-credentials");
        assert.deepStrictEqual([violation.suppressed, violation.reason, violation.name], [true, "Token rotated by the vendor, INC-4", "cache"]);
    });

    it("exempting one policy leaves the others in force", async () => {
        const evaluation = await checkResource("aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }), tags: { [`bulwark:exempt:${WILDCARDS}`]: "not this one" } });
        assertFails(evaluation, "iam-disallow-wildcard-resources", /"s3:GetObject"/);
    });
});
