import * as aws from "@pulumi/aws";

// The role every Lambda example starts with.
const role = new aws.iam.Role("fn", { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }) });
new aws.iam.RolePolicyAttachment("fn-logs", { role: role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
