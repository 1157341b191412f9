import { resourceRule } from "../../lib/rule";
import { asNumber, get, isUnknown } from "../../lib/values";

export const configureLogRetention = resourceRule({
    name: "cloudwatch-configure-log-retention",
    category: "logging",
    description: "CloudWatch log groups must set a retention period of at least the configured minimum.",
    what: "LogGroups whose retentionInDays is unset or 0 (never expire), or below `minimumRetentionDays` (1 by default: any explicit period).",
    why: "Never-expiring logs grow cost forever and keep personal data past any purpose (GDPR storage limitation); too-short retention loses the evidence an investigation needs.",
    fix: "Set retentionInDays (e.g. 30 for dev, 365 where an audit framework asks for a year).",
    frameworks: { fsbp: ["CloudWatch.16"], soc2: ["CC7.2"], gdpr: ["32(1)(b)"] },
    config: {
        minimumRetentionDays: { type: "integer", minimum: 1, default: 1, description: "Shortest acceptable retention (365 for FSBP CloudWatch.16)." },
    },
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    validate(resource, report) {
        const value = get(resource.props, "retentionInDays");
        if (isUnknown(value)) return;
        const days = asNumber(value) ?? 0;
        const minimum = (resource.config.minimumRetentionDays as number | undefined) ?? 1;
        if (days === 0) report(`Set retentionInDays (at least ${minimum}): the group keeps logs forever.`);
        else if (days < minimum) report(`Raise retentionInDays from ${days} to at least ${minimum}.`);
    },
});
