import { resourceRule } from "../../lib/rule";
import { asRecord, get, isUnknown } from "../../lib/values";

export const enableEnvironmentEncryption = resourceRule({
    name: "lambda-function-enable-environment-encryption",
    category: "encryption",
    description: "Lambda functions with environment variables must encrypt them with a customer managed KMS key.",
    what: "Functions with environment.variables and no kmsKeyArn.",
    why: "Environment variables are readable by anyone with lambda:GetFunctionConfiguration; a customer managed key adds a key-policy check and an audit trail on decrypt.",
    fix: "Set kmsKeyArn to a customer managed key, and keep secrets themselves in Secrets Manager rather than in the environment.",
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    levels: { default: "advisory", strict: "mandatory" },
    awsDefault: "Lambda encrypts environment variables at rest with an AWS managed key (aws/lambda) when kmsKeyArn is not set.",
    types: ["aws:lambda/function:Function"],
    validate(resource, report) {
        const variables = get(resource.props, "environment", "variables");
        if (variables === undefined) return;
        if (!isUnknown(variables) && Object.keys(asRecord(variables) ?? {}).length === 0) return;
        if (get(resource.props, "kmsKeyArn") === undefined) report("Set kmsKeyArn to a customer managed KMS key to encrypt the environment variables.");
    },
});
