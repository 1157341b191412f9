/**
 * Bulwark's layered layout against its single-stack layout: the dev and prod sets (layers/*.yaml)
 * plan clean and deploy what the single stacks deploy, judged the same way; the layers read each
 * other only through the output names stacks/layers.ts promises.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { checkStack, CheckedPlan } from "../../tools/plan";
import { planSet, SetPlan } from "../../tools/stacks-set/plan-set";
import { LAYER_NAMES, LAYER_OUTPUTS, LayerName } from "../../stacks/layers";
import type { RecordedResource } from "../../tools/engine/recorder";

const root = path.resolve(__dirname, "..", "..");
const ENVIRONMENTS = ["dev", "prod"] as const;

/** The layer of a set member's name, `<org>/bulwark/<env>-<layer>`. */
function layerOf(name: string): LayerName {
    const layer = LAYER_NAMES.find((l) => name.endsWith(`-${l}`));
    assert.ok(layer, `${name} names no layer`);
    return layer;
}

/** What StackReference plumbing changes between layouts: stack names in URNs and tags, and the ids hashed from them. */
function normalised(value: unknown, environment: string): string {
    return JSON.stringify(value)
        .replace(new RegExp(`\\b${environment}-(?:${LAYER_NAMES.join("|")})\\b`, "g"), environment)
        .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>")
        .replace(/\bE[0-9A-F]{13}\b/g, "<distribution>")
        .replace(/[0-9a-f]{6,}|[0-9A-F]{6,}/g, "<hex>")
        // Random values (the cache's AUTH token) are drawn per stack.
        .replace(/"value":"(?:[^"\\]|\\.)*"/g, '"value":"<random>"');
}

/** A resource as both layouts must deploy it: type, name, protection and inputs, stack names and ids aside. */
function deployed(resource: RecordedResource, environment: string): string {
    return `${resource.type}::${resource.name} protect=${resource.options.protect} ${normalised(resource.inputs, environment)}`;
}

const isPlumbing = (r: RecordedResource) => r.type === "pulumi:pulumi:Stack" || r.type === "pulumi:pulumi:StackReference";
const sorted = (items: string[]) => [...items].sort();

describe("Bulwark as layers (layers/dev.yaml, layers/prod.yaml)", function () {
    this.timeout(600_000);
    const plans = new Map<string, { single: CheckedPlan; layered: SetPlan }>();

    before(async () => {
        for (const environment of ENVIRONMENTS) {
            plans.set(environment, {
                single: await checkStack({ stack: environment }),
                layered: await planSet(path.join(root, "layers", `${environment}.yaml`), {}),
            });
        }
    });

    for (const environment of ENVIRONMENTS) {
        describe(environment, () => {
            it("plans every layer, in order, with no cross-stack error and nothing mandatory (exit 0)", () => {
                const { layered } = plans.get(environment)!;
                assert.deepStrictEqual(layered.set.deployOrder.map(layerOf), [...LAYER_NAMES]);
                assert.deepStrictEqual(layered.set.notPlanned, []);
                assert.deepStrictEqual(layered.set.cycles, []);
                assert.deepStrictEqual(layered.set.missingOutputs, []);
                // Joined, the function's NAT route (network) and the cache's client rule (app, on data's group) are found: nothing across stacks.
                assert.deepStrictEqual(layered.set.crossStack, { judged: true, violations: [], readiness: [] });
                for (const plan of layered.checked) {
                    assert.strictEqual(plan.report.summary.mandatory, 0, `${plan.run.stack}: ${JSON.stringify(plan.report.violations.filter((v) => v.level === "mandatory" && !v.suppressed))}`);
                    assert.strictEqual(plan.report.summary.readinessErrors, 0, plan.run.stack);
                }
            });

            it("deploys exactly the single stack's resources, with the same inputs and protection", () => {
                const { single, layered } = plans.get(environment)!;
                const one = single.run.resources.filter((r) => !isPlumbing(r)).map((r) => deployed(r, environment));
                const layers = layered.checked.flatMap((p) => p.run.resources).filter((r) => !isPlumbing(r)).map((r) => deployed(r, environment));
                assert.ok(one.length > 50, `${one.length} resources`);
                assert.deepStrictEqual(sorted(layers), sorted(one));
            });

            it("puts each component in its layer and the cache's client rule in the app's", () => {
                const { layered } = plans.get(environment)!;
                const componentsOf = (layer: LayerName) => {
                    const plan = layered.checked.find((p) => p.run.stack === `${environment}-${layer}`)!;
                    return plan.run.resources.filter((r) => !r.custom && !isPlumbing(r)).map((r) => r.type).sort();
                };
                assert.deepStrictEqual(componentsOf("baseline"), ["bulwark:security:Baseline"]);
                assert.deepStrictEqual(componentsOf("network"), ["bulwark:network:Network"]);
                assert.deepStrictEqual(componentsOf("data"), ["bulwark:data:Cache"]);
                assert.deepStrictEqual(componentsOf("app"), ["bulwark:compute:Function", "bulwark:edge:Cdn", "bulwark:ops:Monitoring"]);
                const app = layered.checked.find((p) => p.run.stack === `${environment}-app`)!;
                assert.ok(app.run.resources.some((r) => r.name === "cache-from-api" && r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"));
            });

            it("finds the same policy violations and readiness findings as the single stack", () => {
                const { single, layered } = plans.get(environment)!;
                const violation = (v: CheckedPlan["report"]["violations"][number]) =>
                    normalised([v.policy, v.level, v.type, v.name, v.suppressed, v.message], environment);
                const finding = (f: CheckedPlan["report"]["readiness"][number]) => normalised(f, environment);
                assert.deepStrictEqual(sorted(layered.checked.flatMap((p) => p.report.violations.map(violation))), sorted(single.report.violations.map(violation)));
                assert.deepStrictEqual(sorted(layered.checked.flatMap((p) => p.report.readiness.map(finding))), sorted(single.report.readiness.map(finding)));
                // Each layer is judged under its environment's policy config (strict, with its exemption).
                for (const plan of layered.checked) assert.strictEqual(plan.policyConfigFile, single.policyConfigFile, plan.run.stack);
            });

            it("costs what the single stack costs, the set's AWS Config items counting every layer's resources", () => {
                const { single, layered } = plans.get(environment)!;
                assert.strictEqual(layered.set.cost.idleMonthlyUsd, single.report.cost.idleMonthlyUsd);
                assert.strictEqual(layered.set.cost.monthlyUsd, single.report.cost.monthlyUsd);
                assert.deepStrictEqual(Object.keys(layered.set.cost.byStack), layered.set.deployOrder);
            });

            it("reads only outputs the contract names, of layers deployed before the reader", () => {
                const { layered } = plans.get(environment)!;
                for (const edge of layered.set.graph) {
                    const producer = layerOf(edge.producer);
                    const consumer = layerOf(edge.consumer);
                    assert.ok(LAYER_NAMES.indexOf(producer) < LAYER_NAMES.indexOf(consumer), `${consumer} reads ${producer}`);
                    for (const output of edge.outputs) assert.ok(output in LAYER_OUTPUTS[producer], `${consumer} reads ${producer}'s "${output}", which stacks/layers.ts does not promise`);
                }
                for (const [stack, exported] of Object.entries(layered.set.exports)) {
                    const promised = Object.keys(LAYER_OUTPUTS[layerOf(stack)]);
                    for (const output of exported) assert.ok(promised.includes(output), `${stack} exports "${output}", which stacks/layers.ts does not name`);
                }
            });
        });
    }

    it("exports nothing no layer reads: every promised output of baseline, network and data is read in dev or prod", () => {
        const read = new Set<string>();
        for (const { layered } of plans.values()) {
            for (const edge of layered.set.graph) for (const output of edge.outputs) read.add(`${layerOf(edge.producer)}.${output}`);
        }
        for (const layer of LAYER_NAMES.filter((l) => l !== "app")) {
            for (const output of Object.keys(LAYER_OUTPUTS[layer])) assert.ok(read.has(`${layer}.${output}`), `${layer} promises "${output}" but no layer reads it`);
        }
        // The app layer is read by people and workflows (the blue/green one reads apiFunctionVersion), never by a layer.
        for (const { layered } of plans.values()) {
            const app = layered.set.deployOrder.find((n) => layerOf(n) === "app")!;
            assert.deepStrictEqual(layered.set.exports[app], Object.keys(LAYER_OUTPUTS.app).sort());
        }
    });

    it("each layer's stack file carries its environment's settings, plus bulwark:layer", () => {
        for (const environment of ENVIRONMENTS) {
            const single = YAML.parse(fs.readFileSync(path.join(root, `Pulumi.${environment}.yaml`), "utf8")).config;
            for (const layer of LAYER_NAMES) {
                const file = `Pulumi.${environment}-${layer}.yaml`;
                const { [`bulwark:layer`]: named, ...rest } = YAML.parse(fs.readFileSync(path.join(root, file), "utf8")).config;
                assert.strictEqual(named, layer, file);
                assert.deepStrictEqual(rest, single, `${file} drifted from Pulumi.${environment}.yaml: every layer validates the whole environment, so set the value in all of them`);
            }
        }
    });

    it("the set files list every layer of their environment, named as the layers reference each other", () => {
        for (const environment of ENVIRONMENTS) {
            const { stacks } = YAML.parse(fs.readFileSync(path.join(root, "layers", `${environment}.yaml`), "utf8"));
            assert.deepStrictEqual(
                stacks.map((s: { name: string }) => s.name),
                LAYER_NAMES.map((layer) => `organization/bulwark/${environment}-${layer}`),
            );
        }
    });
});
