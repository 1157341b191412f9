import * as assert from "assert";
import * as fs from "fs";
import { runPlanCli } from "../helpers/plan-cli";
import { pathAtOffset, syntaxErrorOffset } from "../../tools/input/json-file";
import { fixture, GO_EXPORT, PYTHON_EXPORT, tempFile, YAML_PREVIEW } from "./helpers";

/** The plan refused the file: exit 2, one line on stderr, no stack trace, no report. */
async function refused(args: string[]): Promise<string> {
    const { code, err, out } = await runPlanCli(args);
    assert.strictEqual(code, 2, `expected exit 2, got ${code}: ${err}`);
    assert.strictEqual(out, "", "no report is written for a refused input");
    const lines = err.trimEnd().split("\n");
    assert.strictEqual(lines.length, 1, `one line, got:\n${err}`);
    assert.doesNotMatch(err, /^\s+at /m);
    return lines[0];
}

describe("plan --from-state / --from-preview: bad input", () => {
    it("names the file and says what it expected for JSON of neither format", async () => {
        const file = tempFile({ name: "py-site", resources: [] });
        const line = await refused(["--from-state", file]);
        assert.match(line, new RegExp(`^plan: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\$: an object with keys "name", "resources" is neither a stack export`));
        assert.match(line, /pulumi stack export --file/);
        assert.match(line, /pulumi preview --json/);
    });

    it("points a preview given to --from-state to --from-preview, and the other way round", async () => {
        assert.match(await refused(["--from-state", YAML_PREVIEW]), /yaml-preview\.json: \$: this is `pulumi preview --json` output: pass it with --from-preview, not --from-state\./);
        assert.match(await refused(["--from-preview", GO_EXPORT]), /go-export\.json: \$: this is a `pulumi stack export` file: pass it with --from-state, not --from-preview\./);
    });

    it("refuses deployment versions it does not know, older or newer", async () => {
        for (const version of [2, 5]) {
            const doc = fixture(GO_EXPORT);
            doc.version = version;
            assert.match(await refused(["--from-state", tempFile(doc)]), new RegExp(`: \\$\\.version: deployment schema version ${version} is not supported \\(3 and 4 are\\)`));
        }
        const doc = fixture(GO_EXPORT);
        doc.version = "3";
        assert.match(await refused(["--from-state", tempFile(doc)]), /\$\.version: must be the deployment schema version \(a whole number, 3 or 4\), not "3"/);
    });

    it("reads version 4 with the features it knows and refuses one it does not", async () => {
        const known = fixture(GO_EXPORT);
        known.version = 4;
        known.features = ["refreshBeforeUpdate"];
        assert.strictEqual((await runPlanCli(["--from-state", tempFile(known), "--format", "json"])).code, 1);
        const unknown = fixture(GO_EXPORT);
        unknown.version = 4;
        unknown.features = ["refreshBeforeUpdate", "snippets-prototype"];
        assert.match(await refused(["--from-state", tempFile(unknown)]), /\$\.features: the deployment uses features this plan does not read: "snippets-prototype"/);
    });

    it("says where a truncated export ends", async () => {
        const text = fs.readFileSync(PYTHON_EXPORT, "utf8");
        const cut = text.indexOf('"viewerProtocolPolicy": "allow-all"') + '"viewerProtocolPolicy": "all'.length;
        const line = await refused(["--from-state", tempFile(text.slice(0, cut))]);
        assert.match(line, /: \$\.deployment\.resources\[6\]\.inputs\.defaultCacheBehavior\.viewerProtocolPolicy: the JSON ends early \(the file is truncated\); export it again\.$/);
    });

    it("gives line and column of a syntax error inside the file", async () => {
        const text = fs.readFileSync(GO_EXPORT, "utf8").replace('"engine": "postgres",', '"engine": postgres,');
        const line = await refused(["--from-state", tempFile(text)]);
        assert.match(line, /: \$\.deployment\.resources\[6\]\.inputs\.engine: not valid JSON at line 175, column 31: unexpected "p"\.$/);
    });

    it("names the resource without a type by its JSON path and URN", async () => {
        const doc = fixture(PYTHON_EXPORT);
        delete doc.deployment.resources[3].type;
        const line = await refused(["--from-state", tempFile(doc)]);
        assert.strictEqual(line.replace(/^plan: .*?: /, ""), "$.deployment.resources[3].type: the resource urn:pulumi:dev::py-site::acme:web:StaticSite$aws:s3/bucket:Bucket::site-bucket has no type.");
    });

    it("names bad fields of a resource and of a preview step", async () => {
        const doc = fixture(GO_EXPORT);
        doc.deployment.resources[6].dependencies = "urn:pulumi:prod::go-logs::aws:iam/role:Role::app";
        assert.match(await refused(["--from-state", tempFile(doc)]), /\$\.deployment\.resources\[6\]\.dependencies: must be a list of strings\./);
        const preview = fixture(YAML_PREVIEW);
        delete preview.steps[4].op;
        assert.match(await refused(["--from-preview", tempFile(preview)]), /\$\.steps\[4\]\.op: the step has no op/);
        const noState = fixture(YAML_PREVIEW);
        delete noState.steps[2].newState;
        assert.match(await refused(["--from-preview", tempFile(noState)]), /\$\.steps\[2\]\.newState: a "create" step must carry the resource's newState\./);
        const badOp = fixture(YAML_PREVIEW);
        badOp.steps[2].op = "frobnicate";
        assert.match(await refused(["--from-preview", tempFile(badOp)]), /\$\.steps\[2\]\.op: unknown step op "frobnicate"\./);
    });

    it("refuses a missing file, an empty one and a secret it cannot read", async () => {
        assert.match(await refused(["--from-state", "no/such/export.json"]), /no\/such\/export\.json: no such file\./);
        assert.match(await refused(["--from-state", tempFile("  \n")]), /: \$: the file is empty/);
        const doc = fixture(GO_EXPORT);
        doc.deployment.resources[6].inputs.password = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
        assert.match(await refused(["--from-state", tempFile(doc)]), /\$\.deployment\.resources\[6\]\.inputs\.password: a secret with neither ciphertext nor plaintext\./);
    });

    it("refuses a program option beside a file, and a --stack the file does not hold", async () => {
        assert.match(await refused(["--from-state", GO_EXPORT, "--preview"]), /--from-state judges a file instead of running a program: drop --preview\./);
        assert.match(await refused(["--from-state", GO_EXPORT, "--program", "index.ts"]), /drop --program/);
        assert.match(await refused(["--from-state", GO_EXPORT, "--from-preview", YAML_PREVIEW]), /drop both --from-state and --from-preview/);
        assert.match(await refused(["--from-state", GO_EXPORT, "--stack", "dev"]), /--stack is "dev" but .*go-export\.json holds stack "prod"/);
    });
});

describe("pathAtOffset", () => {
    it("follows keys and indexes, strings with escapes and brackets included", () => {
        const text = '{"a": [1, {"b\\"]": "x]}", "c": [[2, 3], {"d": ';
        assert.strictEqual(pathAtOffset(text, text.length), '$.a[1].c[1].d');
        assert.strictEqual(pathAtOffset('{"a": 1, "b": ', 14), "$.b");
        assert.strictEqual(pathAtOffset("[1, 2, ", 7), "$[2]");
    });

    it("finds the first syntax error JSON.parse refused", () => {
        assert.strictEqual(syntaxErrorOffset('{"a": [1, 2'), 11);
        assert.strictEqual(syntaxErrorOffset('{"a": tru}'), 9);
        assert.strictEqual(syntaxErrorOffset('{"a": 1,}'), 8);
        assert.strictEqual(syntaxErrorOffset('{"a": "x\\q"}'), 9);
    });
});
