import * as assert from "assert";
import { colourEnabled, colourText, stripColour } from "../../tools/report/colour";
import { render } from "../../tools/report/render";
import { syntheticOutcome } from "./synthetic";

describe("text colour", function () {
    this.timeout(60_000);

    it("is on for a terminal, off for pipes and files; NO_COLOR turns it off, FORCE_COLOR wins", () => {
        const tty = { isTTY: true };
        const pipe = { isTTY: false };
        assert.strictEqual(colourEnabled(tty, {}), true);
        assert.strictEqual(colourEnabled(pipe, {}), false);
        assert.strictEqual(colourEnabled({}, {}), false);
        assert.strictEqual(colourEnabled(tty, { NO_COLOR: "1" }), false);
        assert.strictEqual(colourEnabled(tty, { NO_COLOR: "" }), true, "an empty NO_COLOR is ignored");
        assert.strictEqual(colourEnabled(pipe, { FORCE_COLOR: "1" }), true);
        assert.strictEqual(colourEnabled(pipe, { FORCE_COLOR: "" }), true);
        assert.strictEqual(colourEnabled(tty, { FORCE_COLOR: "0" }), false);
        assert.strictEqual(colourEnabled(tty, { FORCE_COLOR: "false" }), false);
        assert.strictEqual(colourEnabled(pipe, { NO_COLOR: "1", FORCE_COLOR: "1" }), true);
    });

    it("colours the text report by severity and changes none of its words", async () => {
        const outcome = await syntheticOutcome();
        const plain = render("text", [outcome]);
        const coloured = render("text", [outcome], { colour: true });
        assert.ok(!/\u001b\[/.test(plain), "no escape codes without colour");
        assert.notStrictEqual(coloured, plain);
        assert.strictEqual(stripColour(coloured), plain);
        const line = (pattern: RegExp) => coloured.split("\n").find((l) => pattern.test(stripColour(l)))!;
        assert.ok(line(/^ {2}mandatory /).startsWith("\u001b[31;1m"), "mandatory in bold red");
        assert.ok(line(/^ {2}advisory /).startsWith("\u001b[33m"), "advisory in yellow");
        assert.ok(line(/^ {2}suppressed \(/).startsWith("\u001b[2m"), "suppressed dimmed");
        assert.ok(line(/BLOCKED/).startsWith("\u001b[31;1m"));
        assert.ok(line(/^Cost estimate: /).startsWith("\u001b[1m"));
    });

    it("leaves lines it has no style for alone", () => {
        assert.strictEqual(colourText("aws:kms:Key key\n    Encrypt it."), "aws:kms:Key key\n    Encrypt it.");
    });
});
