import * as assert from "assert";
import * as path from "path";
import { planStack } from "../../tools/plan";
import { runReadiness } from "../../tools/readiness";

const INSECURE = path.join(__dirname, "..", "..", "examples", "insecure", "index.ts");

describe("readiness: examples and Bulwark's own stacks", function () {
    this.timeout(180_000);

    it("the insecure example: no deploy error, and the seeds' failure (an internet upstream from subnets without a NAT)", async () => {
        for (const preview of [false, true]) {
            const plan = await planStack({ stack: "dev", program: INSECURE, preview });
            const readiness = await runReadiness(plan.run);
            assert.deepStrictEqual(
                readiness.findings.map((f) => `${f.severity} ${f.check}: ${f.message}`),
                [
                    'warning function-egress-path: Function "app-function" calls the internet ("UPSTREAM_URL") but its subnets "app-private-a" and "app-private-b" have no route to a NAT: those calls will time out.',
                ],
                `preview=${preview}`,
            );
        }
    });

    for (const stack of ["dev", "prod"]) {
        for (const preview of [false, true]) {
            it(`Bulwark's ${stack} stack${preview ? " in preview" : ""} would deploy: no readiness errors`, async () => {
                const plan = await planStack({ stack, preview });
                const readiness = await runReadiness(plan.run);
                const errors = readiness.findings.filter((f) => f.severity === "error").map((f) => `${f.check} ${f.name}: ${f.message}`);
                assert.deepStrictEqual(errors, []);
                assert.deepStrictEqual(readiness.deployPlan.cycles, []);
                const slowTypes = new Set(readiness.deployPlan.slow.map((s) => s.type));
                assert.ok(slowTypes.has("aws:cloudfront/distribution:Distribution"), "the distribution is named as slow");
            });
        }
    }
});
