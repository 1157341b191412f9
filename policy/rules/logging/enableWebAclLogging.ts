import { stackRule } from "../../lib/rule";
import { resourcesOfType } from "../../lib/stack";
import { linksOf } from "../reachability/links";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

export const enableWebAclLogging = stackRule({
    name: "wafv2-enable-web-acl-logging",
    category: "logging",
    description: "WAF web ACLs must log requests.",
    what: "Each WebAcl must be the resourceArn of a WebAclLoggingConfiguration.",
    why: "Without logs, a blocked attack and a blocked customer look the same: nobody can tune a rule or prove what was stopped.",
    fix: "Add aws.wafv2.WebAclLoggingConfiguration({ resourceArn: webAcl.arn, logDestinationConfigs: [logGroupArn] }) with a log group named aws-waf-logs-*.",
    frameworks: { fsbp: ["WAF.11"], soc2: ["CC7.2"], gdpr: ["32(1)(d)"] },
    validate({ resources }, report) {
        const configs = resourcesOfType(resources, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").map((c) => linksOf(resources, c, "resourceArn", [WEB_ACL]));
        if (configs.some((c) => c.unresolved)) return;
        const logged = new Set(configs.flatMap((c) => c.targets.map((t) => t.urn)));
        for (const acl of resourcesOfType(resources, WEB_ACL)) {
            if (!logged.has(acl.urn)) report(acl, `Add a WebAclLoggingConfiguration with resourceArn set to web ACL "${acl.name}".`);
        }
    },
});
