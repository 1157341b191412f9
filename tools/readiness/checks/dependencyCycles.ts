import { deployPlan } from "../deployPlan";
import { ReadinessCheck } from "../lib";
import type { Finding } from "../lib";

export const dependencyCycles: ReadinessCheck = {
    name: "dependency-cycles",
    category: "deploy-order",
    severity: "error",
    what: "The resources' dependencies (inputs, dependsOn) and parents form no cycle, so the engine can order the deploy.",
    rule: "Pulumi registers a resource only after everything it waits for exists; resources that wait for each other can never be created.",
    run(stack) {
        const findings: Finding[] = [];
        for (const cycle of deployPlan(stack.resources).cycles) {
            const first = stack.get(cycle[0])!;
            const names = cycle.map((urn) => stack.get(urn)?.name ?? urn);
            findings.push(
                stack.finding(this, first, "error",
                    `Resources ${names.map((n) => `"${n}"`).join(" -> ")} -> "${names[0]}" wait for each other: none of them can be created.`,
                    "Pulumi: a resource is created after all its dependencies; a dependency cycle cannot be ordered.",
                    "Break the cycle: drop a dependsOn, or pass a value that does not come from the other resource (a name you choose instead of its output)."),
            );
        }
        return findings;
    },
};
