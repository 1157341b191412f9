import { asString, get, isUnknown, ReadinessCheck, TYPES } from "../lib";
import { CLOUDFRONT_REGION } from "./cloudfrontCertificate";

export const cloudfrontWebAcl: ReadinessCheck = {
    name: "cloudfront-web-acl",
    category: "aws-api",
    severity: "error",
    what: "A web ACL attached to a distribution (webAclId) has scope CLOUDFRONT and lives in us-east-1 (from its provider's region, its `region` input or its ARN).",
    rule: "CloudFront UpdateDistribution/CreateDistribution: WebACLId must be a WAFv2 web ACL with Scope=CLOUDFRONT, created in us-east-1 (InvalidWebACLId).",
    run(stack) {
        const findings = [];
        for (const distribution of stack.ofType(TYPES.distribution)) {
            const webAclId = get(stack.props(distribution), "webAclId");
            if (webAclId === undefined) continue;
            const acls = stack.refs(distribution, "webAclId", TYPES.webAcl);
            for (const acl of acls) {
                const scope = asString(get(stack.props(acl), "scope"));
                const region = stack.regionOf(acl);
                const problems = [];
                if (scope !== undefined && scope !== "CLOUDFRONT") problems.push(`has scope ${scope}`);
                if (region !== CLOUDFRONT_REGION) problems.push(`is created in ${region}`);
                if (problems.length === 0) continue;
                findings.push(
                    stack.finding(this, distribution, "error",
                        `Distribution "${distribution.name}" attaches web ACL "${acl.name}", which ${problems.join(" and ")}: CloudFront accepts only CLOUDFRONT-scope ACLs from ${CLOUDFRONT_REGION}.`,
                        "WAFv2: web ACLs for CloudFront must use Scope=CLOUDFRONT and be created in us-east-1.",
                        `Create "${acl.name}" with scope: "CLOUDFRONT" and an aws.Provider for ${CLOUDFRONT_REGION} (or region: "${CLOUDFRONT_REGION}").`),
                );
            }
            const arn = asString(webAclId);
            if (acls.length === 0 && arn && !isUnknown(arn) && arn.startsWith("arn:")) {
                const [, , service, region, , resource = ""] = arn.split(":");
                const global = resource.startsWith("global/");
                if (service === "wafv2" && (region !== CLOUDFRONT_REGION || !global)) {
                    findings.push(
                        stack.finding(this, distribution, "error",
                            `Distribution "${distribution.name}" attaches web ACL ${arn}, ${global ? `in ${region}` : "a REGIONAL ACL"}: CloudFront accepts only CLOUDFRONT-scope ACLs from ${CLOUDFRONT_REGION}.`,
                            "WAFv2: web ACLs for CloudFront must use Scope=CLOUDFRONT and be created in us-east-1.",
                            `Use a web ACL created with scope CLOUDFRONT in ${CLOUDFRONT_REGION}.`),
                    );
                }
            }
        }
        return findings;
    },
};
