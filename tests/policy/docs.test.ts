import * as assert from "assert";
import * as fs from "fs";
import { currentDoc, DOC_FILE, formatFrameworks, renderPoliciesDoc } from "../../tools/policy/docs";
import { policies } from "../../policy/rules";
import { PROFILE_POLICY_NAME } from "../../policy/lib/profile";

describe("docs/policies.md", () => {
    it("is exactly what `npm run docs:policies` generates from the rules (run it after changing a rule)", () => {
        assert.strictEqual(fs.readFileSync(DOC_FILE, "utf8"), currentDoc());
    });

    it("has one row per rule with its level in each profile (the profile policy is described above the table)", () => {
        const doc = currentDoc();
        for (const policy of policies.filter((p) => p.name !== PROFILE_POLICY_NAME)) {
            const { levels } = policy.bulwark;
            assert.match(doc, new RegExp(`^\\| \`${policy.name}\` \\| ${levels.default}( \\(advisory: [^|]+\\))? \\| ${levels.strict} \\|`, "m"));
        }
        assert.doesNotMatch(doc, new RegExp(`^\\| \`${PROFILE_POLICY_NAME}\``, "m"));
        assert.match(doc, new RegExp(`"${PROFILE_POLICY_NAME}": \\{ "profile": "strict" \\}`));
    });

    it("keeps table cells on one line and escapes pipes", () => {
        const row = renderPoliciesDoc([
            { name: "x-require-y", category: "hygiene", description: "d", what: "a | b\nc", why: "w", fix: "f", frameworks: { soc2: ["CC6.1"] }, levels: { default: "advisory", strict: "mandatory" }, awsDefault: "Z on (since 2023)" },
            { name: "x-enable-z", category: "encryption", description: "d", what: "a", why: "w", fix: "f", frameworks: { soc2: ["CC6.1"] }, levels: { default: "mandatory", strict: "mandatory" }, hardening: "no CMK" },
        ]);
        assert.match(row, /^\| `x-require-y` \| advisory \| mandatory \| a \\\| b c \| w \| f \| Z on \(since 2023\) \| SOC 2 CC6\.1 \|$/m);
        assert.match(row, /^\| `x-enable-z` \| mandatory \(advisory: no CMK\) \| mandatory \| a \| w \| f \| None: no AWS default bears on it\. \| SOC 2 CC6\.1 \|$/m);
        assert.strictEqual(formatFrameworks({ cis: ["1.16"], fsbp: ["IAM.1", "IAM.21"], gdpr: ["32(1)(b)"] }), "CIS AWS Foundations v3.0.0 1.16; AWS FSBP IAM.1, IAM.21; GDPR Art. 32(1)(b)");
    });
});
