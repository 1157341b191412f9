/**
 * The floor of every plan (bench/plan.ts): ts-node, the Pulumi SDK and the AWS provider package are
 * loaded and read their config, and nothing is registered. What Bulwark's own plan takes beyond this
 * is the cost of Bulwark itself: its program, the policy pack and the report.
 */
import * as aws from "@pulumi/aws";

// A stack output keeps the import a real use, so transpile-only compilation cannot elide it.
export const region = aws.config.region;
