import * as assert from "assert";
import * as path from "path";
import { runProgram } from "../../../tools/engine/run";
import { Evaluation } from "../../../tools/policy/evaluate";
import { evaluateOnly } from "../rules-support/variants";

const PROGRAM = path.resolve(__dirname, "..", "..", "..", "examples", "insecure", "index.ts");

/** The insecure example's mistakes in the encryption, exposure, edge and reachability areas, each with the policy that must flag it. */
const EXPECTED: [string, string, RegExp][] = [
    ["elasticache-enable-transit-encryption", "app-cache", /transitEncryptionEnabled/],
    ["elasticache-enable-at-rest-encryption", "app-cache", /atRestEncryptionEnabled/],
    ["elasticache-enable-auth", "app-cache", /authToken/],
    ["ec2-security-group-disallow-public-ingress", "app-sg", /all traffic from 0\.0\.0\.0\/0/],
    ["elasticache-require-client-only-ingress", "app-sg", /0\.0\.0\.0\/0 .*ReplicationGroup "app-cache"/],
    ["cloudfront-distribution-enforce-viewer-https", "app-cdn", /defaultCacheBehavior/],
    ["lambda-disallow-public-function-url", "app-function-url", /AWS_IAM/],
    ["cloudfront-disallow-origin-bypass", "app-function-url", /with NONE anyone can call it/],
    ["cloudfront-disallow-origin-bypass", "app-cdn", /origin access control of type "lambda"/],
    ["lambda-function-require-network-egress", "app-function", /"app-private-a" and "app-private-b": they have no route to a NAT.*UPSTREAM_URL points at api\.example\.com/],
];

describe("examples/insecure under the encryption, exposure, edge and reachability policies", () => {
    let evaluation: Evaluation;
    before(async () => {
        const run = await runProgram({ program: PROGRAM, project: "insecure-api", stack: "dev", config: { "aws:region": "eu-west-1" } });
        evaluation = await evaluateOnly(run, ...new Set(EXPECTED.map(([policy]) => policy)));
    });

    for (const [policy, name, pattern] of EXPECTED) {
        it(`${policy} flags ${name}: ${pattern.source}`, () => {
            assert.ok(
                evaluation.violations.some((v) => v.policy === policy && v.name === name && pattern.test(v.message)),
                `${policy} did not flag ${name}; it reported:\n${evaluation.violations.filter((v) => v.policy === policy).map((v) => `${v.name}: ${v.message}`).join("\n")}`,
            );
        });
    }
});
