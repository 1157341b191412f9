import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const requireImdsv2 = resourceRule({
    name: "ec2-instance-require-imdsv2",
    category: "exposure",
    description: "EC2 instances and launch templates must require IMDSv2 session tokens.",
    what: "Instances and launch templates whose metadataOptions.httpTokens is not \"required\" (the default is \"optional\" for most AMIs), unless the metadata endpoint is disabled.",
    why: "IMDSv1 answers any GET: one SSRF bug in software on the box hands out the instance role's credentials (the Capital One breach).",
    fix: 'Set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }.',
    frameworks: { cis: ["5.6"], fsbp: ["EC2.8"], soc2: ["CC6.1"], gdpr: ["32(1)(b)"] },
    awsDefault: "Instances accept IMDSv1 unless their AMI is registered with ImdsSupport v2.0 (Amazon Linux 2023 AMIs, since March 2023) or the account default requires IMDSv2 (possible since March 2024); neither is visible in the program, so httpTokens must say it.",
    types: ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"],
    validate(resource, report) {
        const endpoint = get(resource.props, "metadataOptions", "httpEndpoint");
        if (endpoint === "disabled") return;
        const tokens = get(resource.props, "metadataOptions", "httpTokens");
        if (isUnknown(tokens) || asString(tokens) === "required") return;
        report('Set metadataOptions.httpTokens to "required": IMDSv1 hands the instance role\'s credentials to any SSRF.');
    },
});
