import * as assert from "assert";
import * as fs from "fs";
import { CHECKS } from "../../tools/readiness";
import { currentDoc, DOC_FILE, renderReadinessDoc } from "../../tools/readiness/docs";

describe("docs/readiness.md", () => {
    it("is exactly what `npm run docs:readiness` generates from the checks (run it after changing a check)", () => {
        assert.strictEqual(fs.readFileSync(DOC_FILE, "utf8"), currentDoc());
    });

    it("has one row per check with its area and worst severity, and check names are unique", () => {
        const doc = currentDoc();
        assert.strictEqual(new Set(CHECKS.map((c) => c.name)).size, CHECKS.length);
        for (const check of CHECKS) assert.match(doc, new RegExp(`^\\| \`${check.name}\` \\| [a-zA-Z -]+ \\| ${check.severity} \\|`, "m"));
    });

    it("keeps table cells on one line and escapes pipes", () => {
        const doc = renderReadinessDoc([{ name: "x-y", category: "iam", severity: "warning", what: "a | b\nc", rule: "r", run: () => [] }]);
        assert.match(doc, /^\| `x-y` \| IAM \| warning \| a \\\| b c \| r \|  \|$/m);
    });
});
