import { describeResourcePolicy } from "../rules-support/resourceCases";

const trail = {
    s3BucketName: "trail",
    enableLogFileValidation: true,
    isMultiRegionTrail: true,
    cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:trail:*",
    cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail",
};
const TRAIL = "aws:cloudtrail/trail:Trail";

describeResourcePolicy({
    policy: "cloudtrail-enable-trail-validation",
    type: TRAIL,
    compliant: trail,
    failures: [{ name: "no log file validation", props: ({ enableLogFileValidation, ...rest }) => rest, messages: [/^Set enableLogFileValidation to true\.$/] }],
    unknowable: ["enableLogFileValidation"],
});

describeResourcePolicy({
    policy: "cloudtrail-enable-trail-multi-region",
    type: TRAIL,
    compliant: trail,
    failures: [
        { name: "a single-region trail", props: (p) => ({ ...p, isMultiRegionTrail: false }), messages: [/^Set isMultiRegionTrail to true\.$/] },
        { name: "global service events left out", props: (p) => ({ ...p, includeGlobalServiceEvents: false }), messages: [/^Set includeGlobalServiceEvents to true/] },
    ],
    unknowable: ["isMultiRegionTrail", "includeGlobalServiceEvents"],
});

describeResourcePolicy({
    policy: "cloudtrail-enable-trail-cloudwatch",
    type: TRAIL,
    compliant: trail,
    failures: [{ name: "no CloudWatch Logs group", props: ({ cloudWatchLogsGroupArn, ...rest }) => rest, messages: [/^Set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn/] }],
    unknowable: ["cloudWatchLogsGroupArn"],
});

describeResourcePolicy({
    policy: "cloudwatch-configure-log-retention",
    type: "aws:cloudwatch/logGroup:LogGroup",
    compliant: { name: "api", retentionInDays: 30 },
    alsoCompliant: [{ name: "a year, with the FSBP minimum configured", props: { retentionInDays: 365 }, config: { minimumRetentionDays: 365 } }],
    failures: [
        { name: "retention not set (never expire)", props: () => ({ name: "api" }), messages: [/^Set retentionInDays \(at least 1\): the group keeps logs forever\.$/] },
        { name: "0, also never expire", props: (p) => ({ ...p, retentionInDays: 0 }), messages: [/keeps logs forever/] },
        { name: "below the configured minimum", props: (p) => p, config: { minimumRetentionDays: 365 }, messages: [/^Raise retentionInDays from 30 to at least 365\.$/] },
    ],
    unknowable: ["retentionInDays"],
});

describeResourcePolicy({
    policy: "lambda-enable-function-tracing",
    type: "aws:lambda/function:Function",
    compliant: { tracingConfig: { mode: "Active" } },
    failures: [
        { name: "no tracing", props: () => ({}), messages: [/^Set tracingConfig\.mode to "Active"\.$/] },
        { name: "PassThrough", props: () => ({ tracingConfig: { mode: "PassThrough" } }), messages: [/^Set tracingConfig\.mode/] },
    ],
    unknowable: ["tracingConfig"],
});
