import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from "aws-lambda";
import { ApiRuntime } from "./runtime";

// Built once per sandbox at init so the secret read and Redis connection are shared by all invocations.
const runtime = new ApiRuntime({ env: process.env });

/**
 * Lambda function URL entry (payload format 2.0): adapts the event and nothing more. The query string
 * is not passed on: no route reads one (API_QUERY_PARAMETERS is empty), which is why the edge cache
 * key leaves it out.
 */
export async function handler(event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> {
    return runtime.handle(event.requestContext.http.method, event.rawPath);
}
