/**
 * Security Hub turned on the way its quick-start shows: the hub and two standards. Nothing records the
 * account's resources for AWS Config, so most controls report nothing and Config.1 fails as CRITICAL on
 * the first day.
 */
import * as aws from "@pulumi/aws";

const region = aws.getRegionOutput().region;
const hub = new aws.securityhub.Account("hub", { enableDefaultStandards: false });
new aws.securityhub.StandardsSubscription("fsbp", {
    standardsArn: region.apply((r) => `arn:aws:securityhub:${r}::standards/aws-foundational-security-best-practices/v/1.0.0`),
}, { dependsOn: [hub] });
new aws.securityhub.StandardsSubscription("cis", {
    standardsArn: region.apply((r) => `arn:aws:securityhub:${r}::standards/cis-aws-foundations-benchmark/v/3.0.0`),
}, { dependsOn: [hub] });
