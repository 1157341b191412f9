import { describeStackPolicy } from "../rules-support/stackCases";

describeStackPolicy("stateful-resources-enable-protect", "cache, keys, buckets and secret are protected", [
    {
        name: "the cache without protect",
        change: (v) => {
            v.resource("cache").options.protect = false;
            return v;
        },
        messages: [/^Set protect: true on "cache": deleting it destroys data a redeploy cannot bring back\.$/],
        on: "cache",
    },
]);

describeStackPolicy("lambda-configure-function-dead-letter-queue", "a function only called through its URL needs no DLQ", [
    {
        name: "S3 may invoke the function asynchronously and it has no DLQ",
        change: (v) => v.add("aws:lambda/permission:Permission", "api-from-s3", { function: "api", principal: "s3.amazonaws.com", action: "lambda:InvokeFunction", sourceArn: "arn:aws:s3:::uploads" }, { function: ["api"] }),
        messages: [/^Set deadLetterConfig\.targetArn \(or an on-failure destination\) on function "api": Permission "api-from-s3" invokes it asynchronously/],
        on: "api",
    },
], [
    {
        name: "async-invoked with a DLQ",
        change: (v) =>
            v
                .add("aws:lambda/permission:Permission", "api-from-s3", { function: "api", principal: "s3.amazonaws.com", action: "lambda:InvokeFunction" }, { function: ["api"] })
                .edit("api", (p) => (p.deadLetterConfig = { targetArn: "arn:aws:sqs:eu-west-1:123456789012:dlq" })),
    },
]);

