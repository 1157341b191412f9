import { asString, get, ReadinessCheck, TYPES } from "../lib";
import type { Finding } from "../lib";

export const lambdaLogGroup: ReadinessCheck = {
    name: "lambda-log-group",
    category: "aws-api",
    severity: "warning",
    what: "A function without loggingConfig.logGroup writes to `/aws/lambda/<function name>`; a /aws/lambda/ log group the program creates for it (a dependency or a sibling) must have exactly that name.",
    rule: "Lambda sends logs to /aws/lambda/<FunctionName> unless LoggingConfig.LogGroup is set, creating that group itself (no KMS key, never expires) when it does not exist.",
    run(stack) {
        const findings: Finding[] = [];
        const logGroups = stack.ofType(TYPES.logGroup);
        for (const fn of stack.ofType(TYPES.lambdaFunction)) {
            const props = stack.props(fn);
            const configured = get(props, "loggingConfig", "logGroup");
            if (configured !== undefined) continue;
            const name = asString(get(props, "name"));
            if (!name) continue;
            const expected = `/aws/lambda/${name}`;
            const related = logGroups.filter((group) => fn.dependencies.includes(group.urn) || (group.parent !== null && group.parent === fn.parent));
            const lambdaGroups = related
                .map((group) => ({ group, name: asString(get(stack.props(group), "name")) }))
                .filter((g): g is { group: typeof g.group; name: string } => g.name !== undefined && g.name.startsWith("/aws/lambda/"));
            if (lambdaGroups.length === 0 || lambdaGroups.some((g) => g.name === expected)) continue;
            const wrong = lambdaGroups[0];
            findings.push(
                stack.finding(this, fn, "warning",
                    `Function "${fn.name}" logs to ${expected}, but its log group "${wrong.group.name}" is named ${wrong.name}: Lambda creates its own group (unencrypted, kept forever) and yours stays empty.`,
                    "Lambda: without LoggingConfig.LogGroup, logs go to /aws/lambda/<FunctionName>.",
                    `Name the log group ${expected} (use the function's name), or set loggingConfig.logGroup to "${wrong.name}".`),
            );
        }
        return findings;
    },
};
