import * as assert from "assert";
import { defaultOptions, RecordedResource } from "../../tools/engine/recorder";
import { dependencyCycles } from "../../tools/readiness/checks/dependencyCycles";
import { deployPlan } from "../../tools/readiness/deployPlan";
import { formatDeployPlan, runReadiness } from "../../tools/readiness";
import { checkWorld } from "./world";

const urn = (name: string, type = "aws:s3/bucket:Bucket") => `urn:pulumi:dev::bulwark::${type}::${name}`;

function resource(name: string, type: string, dependencies: string[] = [], parent: string | null = null): RecordedResource {
    return {
        urn: urn(name, type),
        type,
        name,
        custom: true,
        parent,
        provider: null,
        id: null,
        inputs: {},
        outputs: {},
        options: defaultOptions(),
        dependencies,
        propertyDependencies: {},
    };
}

const DIST = "aws:cloudfront/distribution:Distribution";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const NAT = "aws:ec2/natGateway:NatGateway";
const BUCKET = "aws:s3/bucket:Bucket";

describe("readiness: deploy plan", function () {
    this.timeout(60_000);

    it("orders resources in waves by dependencies and parents, leaving out the stack root", () => {
        const root = resource("bulwark-dev", "pulumi:pulumi:Stack");
        const component = resource("edge", "bulwark:edge:Cdn", [], root.urn);
        const bucket = resource("logs", BUCKET, [], component.urn);
        const nat = resource("nat", NAT, [], root.urn);
        const cache = resource("cache", RG, [nat.urn], root.urn);
        const distribution = resource("cdn", DIST, [bucket.urn, cache.urn], component.urn);
        const plan = deployPlan([root, component, bucket, nat, cache, distribution]);
        assert.deepStrictEqual(plan.waves, [[component.urn, nat.urn], [bucket.urn, cache.urn], [distribution.urn]]);
        assert.deepStrictEqual(plan.cycles, []);
        assert.deepStrictEqual(plan.slow, [
            { urn: nat.urn, type: NAT, typicalMinutes: [2, 5] },
            { urn: cache.urn, type: RG, typicalMinutes: [10, 20] },
            { urn: distribution.urn, type: DIST, typicalMinutes: [5, 15] },
        ]);
        assert.deepStrictEqual(plan.criticalPath, { urns: [nat.urn, cache.urn, distribution.urn], typicalMinutes: [17, 40] });
    });

    it("takes the slower of two branches as the critical path", () => {
        const nat = resource("nat", NAT);
        const cache = resource("cache", RG);
        const app = resource("app", BUCKET, [nat.urn, cache.urn]);
        const plan = deployPlan([nat, cache, app]);
        assert.deepStrictEqual(plan.criticalPath, { urns: [cache.urn], typicalMinutes: [10, 20] });
    });

    it("finds cycles, which the check reports as errors naming every member", async () => {
        const a = resource("a", BUCKET, [urn("c")]);
        const b = resource("b", BUCKET, [a.urn]);
        const c = resource("c", BUCKET, [b.urn]);
        const free = resource("free", BUCKET);
        const after = resource("after", BUCKET, [c.urn]);
        const plan = deployPlan([a, b, c, free, after]);
        assert.deepStrictEqual(plan.waves, [[free.urn]]);
        assert.deepStrictEqual(plan.cycles, [[a.urn, c.urn, b.urn]]);
        const readiness = await runReadiness({ resources: [a, b, c, free, after], preview: false, region: "us-east-1" }, { checks: [dependencyCycles] });
        assert.deepStrictEqual(
            readiness.findings.map((f) => `${f.severity}: ${f.message}`),
            ['error: Resources "a" -> "c" -> "b" -> "a" wait for each other: none of them can be created.'],
        );
        assert.match(formatDeployPlan(plan), /cycle: a -> c -> b \(cannot be ordered\)/);
    });

    it("Compliance: a recorded program has no cycle and names its slow resources", async () => {
        const checked = await checkWorld({}, { checks: [dependencyCycles] });
        assert.deepStrictEqual(checked.readiness.findings, []);
        const plan = checked.readiness.deployPlan;
        const waveOf = (name: string) => plan.waves.findIndex((wave) => wave.some((u) => u.endsWith(`::${name}`)));
        assert.ok(waveOf("vpc") < waveOf("private-0") && waveOf("private-0") < waveOf("nat") && waveOf("nat") < waveOf("private-default"));
        assert.ok(waveOf("fn-policy") < waveOf("api"), "dependsOn orders the function after its policy");
        assert.deepStrictEqual(plan.slow.map((s) => s.urn.split("::").pop()).sort(), ["cache", "cdn", "nat", "secretsmanager-endpoint"]);
        assert.deepStrictEqual(plan.waves.flat().length, checked.rec.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length);
    });
});
