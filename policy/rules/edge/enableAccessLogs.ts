import { stackRule } from "../../lib/rule";
import { propsOf, resourcesOfType } from "../../lib/stack";
import { get } from "../../lib/values";
import { linksOf } from "../reachability/links";
import { DISTRIBUTION } from "./behaviors";

const SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";

export const enableAccessLogs = stackRule({
    name: "cloudfront-distribution-enable-access-logs",
    category: "logging",
    description: "CloudFront distributions must record access logs.",
    what: "Each Distribution needs either loggingConfig (legacy standard logging to S3) or a LogDeliverySource (standard logging v2) whose resourceArn is the distribution and logType ACCESS_LOGS.",
    why: "Access logs are the only record of who requested what at the edge (client IP, path, status, bytes): the evidence for abuse, scraping or a data leak.",
    fix: 'Add aws.cloudwatch.LogDeliverySource({ logType: "ACCESS_LOGS", resourceArn: distribution.arn }) with a destination and a LogDelivery (created in us-east-1), or set loggingConfig.',
    frameworks: { fsbp: ["CloudFront.5"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    validate({ resources }, report) {
        const sources = resourcesOfType(resources, SOURCE)
            .filter((s) => get(propsOf(s), "logType") !== "ERROR_LOGS")
            .map((s) => linksOf(resources, s, "resourceArn", [DISTRIBUTION]));
        if (sources.some((s) => s.unresolved)) return;
        const logged = new Set(sources.flatMap((s) => s.targets.map((t) => t.urn)));
        for (const distribution of resourcesOfType(resources, DISTRIBUTION)) {
            if (get(propsOf(distribution), "loggingConfig", "bucket") !== undefined) continue;
            if (logged.has(distribution.urn)) continue;
            report(distribution, `Record access logs of distribution "${distribution.name}": add a LogDeliverySource (logType ACCESS_LOGS, resourceArn the distribution) or loggingConfig.`);
        }
    },
});
