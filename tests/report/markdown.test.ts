import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { architectureOf, toMermaid } from "../../tools/report/architecture";
import { COMMENT_MARKER, formatMarkdown } from "../../tools/report/markdown";
import { policyMetadata, StackOutcome } from "../../tools/report/outcome";
import { record } from "../helpers/offline";
import { mermaidBlocks, parseMermaid } from "./mermaid";
import { outcomeOf, plannedStack } from "./stacks";
import { syntheticOutcome } from "./synthetic";

function edgesOf(outcome: StackOutcome): string[] {
    const { nodes, edges } = architectureOf(outcome.resources);
    const label = (id: string) => nodes.find((n) => n.id === id)!.label;
    return edges.map((e) => `${label(e.from)} -> ${label(e.to)}`);
}

describe("markdown report", function () {
    this.timeout(180_000);
    let synthetic: Awaited<ReturnType<typeof syntheticOutcome>>;
    let dev: StackOutcome;
    let prod: StackOutcome;

    before(async () => {
        synthetic = await syntheticOutcome();
        dev = outcomeOf(await plannedStack("dev"));
        prod = outcomeOf(await plannedStack("prod"));
    });

    it("Mermaid's parser rejects a broken flowchart (so the parse check can fail)", async () => {
        await assert.rejects(parseMermaid('flowchart LR\n    a["x"] --> end\n'), /Parse error/);
        await assert.rejects(parseMermaid('flowchart LR\n    a["unclosed] --> b\n'));
    });

    it("the architecture diagram of dev and prod parses as a Mermaid flowchart", async () => {
        for (const outcome of [dev, prod]) {
            const blocks = mermaidBlocks(formatMarkdown([outcome]));
            assert.strictEqual(blocks.length, 1);
            assert.strictEqual(await parseMermaid(blocks[0]), "flowchart-v2");
        }
    });

    it("draws viewers -> CDN -> function -> cache, the NAT to the internet, and the endpoints", () => {
        const dev_ = edgesOf(dev);
        for (const edge of ["Viewers -> edge (Cdn)", "edge (Cdn) -> api (Function)", "api (Function) -> cache (Cache)", "api (Function) -> network (Network)", "network (Network) -> NAT instance ×1 (t4g.nano)", "NAT instance ×1 (t4g.nano) -> Internet", "network (Network) -> s3 endpoint (gateway)"]) {
            assert.ok(dev_.includes(edge), `dev lacks ${edge}: ${dev_.join("; ")}`);
        }
        const prod_ = edgesOf(prod);
        for (const edge of ["network (Network) -> NAT gateway ×3", "NAT gateway ×3 -> Internet", "network (Network) -> secretsmanager endpoint (interface, 3 AZs)"]) {
            assert.ok(prod_.includes(edge), `prod lacks ${edge}: ${prod_.join("; ")}`);
        }
        // The cache serves the function; it does not call the CDN.
        assert.ok(!dev_.includes("cache (Cache) -> edge (Cdn)"));
    });

    it("keeps ids and labels valid whatever the names: keywords, quotes, brackets", async () => {
        const rec = await record(() => {
            class Box extends pulumi.ComponentResource {
                constructor(name: string) {
                    super("test:index:Box", name, {});
                }
            }
            const end = new Box("end");
            const quoted = new Box('say "hi" <now>');
            const key = new aws.kms.Key("end-key", {}, { parent: end });
            new aws.cloudwatch.LogGroup("graph", { kmsKeyId: key.arn }, { parent: quoted });
        });
        const diagram = toMermaid(architectureOf(rec.resources));
        assert.strictEqual(await parseMermaid(diagram), "flowchart-v2");
        assert.deepStrictEqual(architectureOf(rec.resources).edges.map((e) => `${e.from}->${e.to}`), ["c_say__hi___now_->c_end"]);
    });

    it("opens with the marker and a summary line, then violations by severity with each policy's fix", () => {
        const markdown = formatMarkdown([synthetic]);
        const lines = markdown.split("\n");
        assert.strictEqual(lines[0], COMMENT_MARKER);
        const summary = lines.find((l) => l.startsWith("**Blocked**"))!;
        assert.match(summary, /stack `synthetic`, \d+ resources, 1 mandatory, 2 advisory, 1 suppressed, readiness 1 error \/ 1 warning; cost \$\d+\.\d\d a month/);
        const mandatory = markdown.indexOf("#### Mandatory (1)");
        const advisory = markdown.indexOf("#### Advisory (2)");
        const suppressed = markdown.indexOf("#### Suppressed (1)");
        assert.ok(mandatory > 0 && mandatory < advisory && advisory < suppressed, "severity groups in order");
        const fix = policyMetadata(synthetic.policies.mandatory)!.fix.replace(/\s*\n\s*/g, " ");
        assert.ok(markdown.slice(mandatory, advisory).includes(`_Fix:_ ${fix}`), "the mandatory policy's fix");
        assert.ok(markdown.slice(suppressed).includes("_Suppressed: A test topic that holds no data; exempted until 2027._"));
        assert.match(markdown, /- \*\*error\*\* `logs-kms-key-policy` on `aws:cloudwatch:LogGroup logs`: logs-kms-key-policy on logs\. _Fix:_ Change the thing\./);
    });

    it("has a cost table that says it is an estimate from dated list prices", () => {
        const markdown = formatMarkdown([dev]);
        assert.match(markdown, /\| Category \| Monthly \|\n\|---\|---:\|\n\| network \| \$\d+\.\d\d \|/);
        assert.ok(markdown.includes(`| **total** | **$${dev.report.cost.monthlyUsd.toFixed(2)}** |`));
        assert.match(markdown, /_Note: estimate from list prices \(us-east-1, .*\) dated 2026-11;/);
    });

    it("compares stacks side by side", () => {
        const markdown = formatMarkdown([dev, prod]);
        assert.match(markdown, /\| Category \| dev \| prod \|/);
        assert.ok(markdown.includes(`| total | $${dev.report.cost.monthlyUsd.toFixed(2)} | $${prod.report.cost.monthlyUsd.toFixed(2)} |`));
        assert.strictEqual(mermaidBlocks(markdown).length, 2);
    });

    it("says so when there is no violation and leaves out readiness when there is none", () => {
        const clean: StackOutcome = { ...synthetic, report: { ...synthetic.report, violations: [], readiness: [], summary: { ...synthetic.report.summary, mandatory: 0, advisory: 0, suppressed: 0, readinessErrors: 0, readinessWarnings: 0 } as never } };
        const markdown = formatMarkdown([clean]);
        assert.ok(markdown.includes("No policy violations."));
        assert.ok(!markdown.includes("### Readiness"));
        assert.match(markdown, /^\*\*OK\*\*: stack `synthetic`/m);
    });
});
