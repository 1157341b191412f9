import { asNumber, get, LAMBDA_UNRESERVED_MINIMUM, ReadinessCheck, TYPES } from "../lib";
import type { Finding } from "../lib";

export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 };
export const LAMBDA_TIMEOUT_SECONDS = { min: 1, max: 900 };

export const lambdaLimits: ReadinessCheck = {
    name: "lambda-limits",
    category: "aws-api",
    severity: "error",
    what: "Each function's memory is 128-10240 MB and timeout 1-900 s; reserved concurrency, per function and summed over the stack, leaves the account's 100 unreserved executions (quota configurable, default 1000); a reservation of 0 is flagged because the function can then never run.",
    rule: "Lambda CreateFunction/PutFunctionConcurrency: MemorySize 128-10240, Timeout 1-900; ReservedConcurrentExecutions may not drop UnreservedConcurrentExecutions below 100 (InvalidParameterValueException).",
    run(stack) {
        const findings: Finding[] = [];
        const limit = stack.options.lambdaConcurrencyLimit;
        const reservable = limit - LAMBDA_UNRESERVED_MINIMUM;
        let reservedSoFar = 0;
        for (const fn of stack.ofType(TYPES.lambdaFunction)) {
            const props = stack.props(fn);
            const memory = asNumber(get(props, "memorySize"));
            if (memory !== undefined && (memory < LAMBDA_MEMORY_MB.min || memory > LAMBDA_MEMORY_MB.max)) {
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" has memorySize ${memory} MB: Lambda accepts ${LAMBDA_MEMORY_MB.min} to ${LAMBDA_MEMORY_MB.max}.`,
                        `Lambda: MemorySize must be between ${LAMBDA_MEMORY_MB.min} and ${LAMBDA_MEMORY_MB.max} MB.`,
                        `Set memorySize between ${LAMBDA_MEMORY_MB.min} and ${LAMBDA_MEMORY_MB.max}.`),
                );
            }
            const timeout = asNumber(get(props, "timeout"));
            if (timeout !== undefined && (timeout < LAMBDA_TIMEOUT_SECONDS.min || timeout > LAMBDA_TIMEOUT_SECONDS.max)) {
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" has timeout ${timeout} s: Lambda accepts ${LAMBDA_TIMEOUT_SECONDS.min} to ${LAMBDA_TIMEOUT_SECONDS.max}.`,
                        `Lambda: Timeout must be between ${LAMBDA_TIMEOUT_SECONDS.min} and ${LAMBDA_TIMEOUT_SECONDS.max} seconds.`,
                        `Set timeout between ${LAMBDA_TIMEOUT_SECONDS.min} and ${LAMBDA_TIMEOUT_SECONDS.max}.`),
                );
            }
            // -1 is the provider's "no reservation".
            const reserved = asNumber(get(props, "reservedConcurrentExecutions"));
            if (reserved === undefined || reserved < 0) continue;
            if (reserved === 0) {
                findings.push(
                    stack.finding(this, fn, "warning",
                        `Function "${fn.name}" reserves 0 concurrent executions: every invocation is throttled.`,
                        "Lambda: a reserved concurrency of 0 stops the function from running at all.",
                        "Remove reservedConcurrentExecutions (or set -1), or reserve at least 1."),
                );
                continue;
            }
            reservedSoFar += reserved;
            if (reserved > reservable) {
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" reserves ${reserved} concurrent executions: ${reservable > 0 ? `with an account limit of ${limit}, at most ${reservable} can be reserved` : `an account limit of ${limit} leaves nothing to reserve`}.`,
                        `Lambda: reservations may not leave fewer than ${LAMBDA_UNRESERVED_MINIMUM} unreserved concurrent executions in the account.`,
                        `Reserve at most ${reservable}, or raise the account's concurrency quota (Service Quotas) and pass the new limit to the plan.`),
                );
            } else if (reservedSoFar > reservable) {
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" brings the stack's reserved concurrency to ${reservedSoFar}: with an account limit of ${limit}, at most ${reservable} can be reserved in total.`,
                        `Lambda: reservations may not leave fewer than ${LAMBDA_UNRESERVED_MINIMUM} unreserved concurrent executions in the account.`,
                        `Lower the reservations so they sum to ${reservable} or less, or raise the account's concurrency quota.`),
                );
            }
        }
        return findings;
    },
};
