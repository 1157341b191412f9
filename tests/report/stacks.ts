import { checkStack, CheckedPlan } from "../../tools/plan";
import { StackOutcome } from "../../tools/report/outcome";

/**
 * Bulwark's dev and prod stacks planned once per test run (about 10 s each) and shared by the
 * report, cost and CLI tests.
 */
const plans = new Map<string, Promise<CheckedPlan>>();

export function plannedStack(stack: "dev" | "prod"): Promise<CheckedPlan> {
    let plan = plans.get(stack);
    if (!plan) {
        plan = checkStack({ stack });
        plans.set(stack, plan);
    }
    return plan;
}

export function outcomeOf(plan: CheckedPlan): StackOutcome {
    return { report: plan.report, resources: plan.run.resources, notes: plan.evaluation.notes, preview: false };
}
