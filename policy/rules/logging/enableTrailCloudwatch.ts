import { resourceRule } from "../../lib/rule";
import { get } from "../../lib/values";

export const enableTrailCloudwatch = resourceRule({
    name: "cloudtrail-enable-trail-cloudwatch",
    category: "logging",
    description: "CloudTrail trails must deliver to CloudWatch Logs.",
    what: "Trails without cloudWatchLogsGroupArn (and its cloudWatchLogsRoleArn).",
    why: "Metric filters and alarms on root logins, policy changes and console sign-in failures need the trail in CloudWatch Logs; in S3 alone nobody is told.",
    fix: "Set cloudWatchLogsGroupArn (`${logGroup.arn}:*`) and cloudWatchLogsRoleArn to a role CloudTrail can assume.",
    frameworks: { fsbp: ["CloudTrail.5"], soc2: ["CC7.2", "CC7.3"], gdpr: ["32(1)(d)"] },
    types: ["aws:cloudtrail/trail:Trail"],
    validate(resource, report) {
        if (get(resource.props, "cloudWatchLogsGroupArn") === undefined) report("Set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn so the trail reaches CloudWatch Logs.");
    },
});
