import * as assert from "assert";
import { checkWorld, messages } from "./world";

describe("readiness: the baseline world", function () {
    this.timeout(60_000);

    it("passes every check when outputs are known", async () => {
        const checked = await checkWorld();
        assert.deepStrictEqual(messages(checked), []);
    });

    it("passes every check in preview, where ids and ARNs are unknown", async () => {
        const checked = await checkWorld({}, { preview: true });
        assert.ok(checked.rec.resources.some((r) => r.id === null && r.custom), "preview leaves ids unknown");
        assert.deepStrictEqual(messages(checked), []);
    });
});
