import * as assert from "assert";
import * as fs from "fs";
import { currentDoc, DOC_FILE, formatFrameworks, renderPoliciesDoc } from "../../tools/policy/docs";
import { policies } from "../../policy/rules";

describe("docs/policies.md", () => {
    it("is exactly what `npm run docs:policies` generates from the rules (run it after changing a rule)", () => {
        assert.strictEqual(fs.readFileSync(DOC_FILE, "utf8"), currentDoc());
    });

    it("has one row per policy with its level", () => {
        const doc = currentDoc();
        for (const policy of policies) assert.match(doc, new RegExp(`^\\| \`${policy.name}\` \\| ${policy.enforcementLevel} \\|`, "m"));
    });

    it("keeps table cells on one line and escapes pipes", () => {
        const row = renderPoliciesDoc([{ name: "x-require-y", category: "hygiene", description: "d", what: "a | b\nc", why: "w", fix: "f", frameworks: { soc2: ["CC6.1"] }, enforcementLevel: "advisory" }]);
        assert.match(row, /^\| `x-require-y` \| advisory \| a \\\| b c \| w \| f \| SOC 2 CC6\.1 \|$/m);
        assert.strictEqual(formatFrameworks({ cis: ["1.16"], fsbp: ["IAM.1", "IAM.21"], gdpr: ["32(1)(b)"] }), "CIS AWS Foundations v3.0.0 1.16; AWS FSBP IAM.1, IAM.21; GDPR Art. 32(1)(b)");
    });
});
