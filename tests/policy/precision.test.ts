import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "../../tools/plan";
import { evaluate, Evaluation, Violation } from "../../tools/policy/evaluate";
import { policies } from "../../policy/rules";

/**
 * Precision corpus: programs in the shapes public Pulumi programs take (AWS's defaults relied on,
 * website buckets, same-account trust, OAI buckets, templated empty values), each with the verdict a
 * senior AWS reviewer gives in verdict.txt and, in expected.json, that verdict per resource: the
 * policies that must report on it as mandatory and as advisory, in the default profile (what a
 * program from outside gets). A resource not listed must draw nothing; a listed one exactly what is
 * listed. Where expected.json has "strictMandatory", the strict profile must make exactly those
 * policies mandatory on that resource.
 */
interface ResourceVerdict {
    mandatory?: string[];
    advisory?: string[];
    strictMandatory?: string[];
}

interface Expected {
    /** "<Type> <logical name>" (e.g. "BucketV2 site") -> what must report on it. */
    resources: Record<string, ResourceVerdict>;
}

const PRECISION = path.join(__dirname, "precision");
const cases = fs
    .readdirSync(PRECISION, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
const known = new Set(policies.map((p) => p.name));
const STRICT = { "bulwark-configure-profile": { profile: "strict" } };

/** "BucketPolicy site": a program may give a bucket and its companions one logical name. */
const resourceKey = (v: Violation) => (v.name === null ? "(stack)" : `${(v.type ?? "").split(":").pop()} ${v.name}`);

type Found = Map<string, { mandatory: Set<string>; advisory: Set<string> }>;

function byResource(evaluation: Evaluation): Found {
    const found: Found = new Map();
    for (const v of evaluation.violations.filter((x: Violation) => !x.suppressed)) {
        const name = resourceKey(v);
        if (!found.has(name)) found.set(name, { mandatory: new Set(), advisory: new Set() });
        found.get(name)![v.level].add(v.policy);
    }
    return found;
}

const sorted = (items: Iterable<string> | undefined) => [...(items ?? [])].sort();

describe("policy precision corpus: the verdict a reviewer gives, resource by resource", function () {
    this.timeout(120000);

    it("holds at least 40 programs, each with a reviewer's verdict and expectations naming real policies", () => {
        assert.ok(cases.length >= 40, `only ${cases.length} programs`);
        for (const name of cases) {
            for (const file of ["index.ts", "Pulumi.yaml", "expected.json", "verdict.txt"]) assert.ok(fs.existsSync(path.join(PRECISION, name, file)), `${name} lacks ${file}`);
            const expected: Expected = JSON.parse(fs.readFileSync(path.join(PRECISION, name, "expected.json"), "utf8"));
            for (const verdict of Object.values(expected.resources)) {
                for (const policy of [...(verdict.mandatory ?? []), ...(verdict.advisory ?? []), ...(verdict.strictMandatory ?? [])]) assert.ok(known.has(policy), `${name}: no policy "${policy}"`);
            }
        }
    });

    for (const name of cases) {
        it(name, async () => {
            const expected: Expected = JSON.parse(fs.readFileSync(path.join(PRECISION, name, "expected.json"), "utf8"));
            const warn = pulumi.log.warn;
            (pulumi.log as { warn: typeof warn }).warn = () => Promise.resolve();
            let run;
            try {
                run = (await planStack({ stack: "dev", program: path.join(PRECISION, name, "index.ts") })).run;
            } finally {
                (pulumi.log as { warn: typeof warn }).warn = warn;
            }
            const found = byResource(await evaluate(run));
            const names = new Set([...found.keys(), ...Object.keys(expected.resources)]);
            const problems: string[] = [];
            for (const resource of names) {
                const want = expected.resources[resource] ?? {};
                const got = found.get(resource);
                for (const level of ["mandatory", "advisory"] as const) {
                    const a = sorted(got?.[level]);
                    const b = sorted(want[level]);
                    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${resource} ${level}: got ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`);
                }
            }
            const strictWanted = Object.entries(expected.resources).filter(([, v]) => v.strictMandatory);
            if (strictWanted.length > 0) {
                const strict = byResource(await evaluate(run, { config: STRICT }));
                for (const [resource, want] of strictWanted) {
                    const a = sorted(strict.get(resource)?.mandatory);
                    const b = sorted(want.strictMandatory);
                    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${resource} strict mandatory: got ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`);
                }
            }
            assert.deepStrictEqual(problems, [], `${fs.readFileSync(path.join(PRECISION, name, "verdict.txt"), "utf8").trim()}\n${problems.join("\n")}`);
        });
    }
});
