import { asString, get, ReadinessCheck } from "../lib";
import type { Finding } from "../lib";

/** Pulumi's auto-name appends `-<7 hex>`. */
export const AUTO_NAME_SUFFIX_LENGTH = 8;

/** AWS name limits by resource type: the property holding the physical name and its maximum length. */
export const NAME_LIMITS: { type: string; label: string; property: string; max: number; rule: string }[] = [
    { type: "aws:iam/role:Role", label: "IAM role", property: "name", max: 64, rule: "IAM: role names are at most 64 characters." },
    { type: "aws:iam/policy:Policy", label: "IAM policy", property: "name", max: 128, rule: "IAM: managed policy names are at most 128 characters." },
    { type: "aws:lambda/function:Function", label: "Lambda function", property: "name", max: 64, rule: "Lambda: function names are at most 64 characters." },
    { type: "aws:lb/targetGroup:TargetGroup", label: "target group", property: "name", max: 32, rule: "Elastic Load Balancing: target group names are at most 32 characters." },
    { type: "aws:lb/loadBalancer:LoadBalancer", label: "load balancer", property: "name", max: 32, rule: "Elastic Load Balancing: load balancer names are at most 32 characters." },
    { type: "aws:s3/bucket:Bucket", label: "S3 bucket", property: "bucket", max: 63, rule: "S3: bucket names are 3-63 characters." },
    { type: "aws:s3/bucketV2:BucketV2", label: "S3 bucket", property: "bucket", max: 63, rule: "S3: bucket names are 3-63 characters." },
    { type: "aws:cloudwatch/logGroup:LogGroup", label: "log group", property: "name", max: 512, rule: "CloudWatch Logs: log group names are at most 512 characters." },
    { type: "aws:sqs/queue:Queue", label: "SQS queue", property: "name", max: 80, rule: "SQS: queue names are at most 80 characters (including .fifo)." },
    { type: "aws:sns/topic:Topic", label: "SNS topic", property: "name", max: 256, rule: "SNS: topic names are at most 256 characters." },
    { type: "aws:ec2/securityGroup:SecurityGroup", label: "security group", property: "name", max: 255, rule: "EC2: security group names are at most 255 characters." },
    { type: "aws:elasticache/subnetGroup:SubnetGroup", label: "cache subnet group", property: "name", max: 255, rule: "ElastiCache: subnet group names are at most 255 characters." },
    { type: "aws:elasticache/serverlessCache:ServerlessCache", label: "serverless cache", property: "name", max: 40, rule: "ElastiCache: serverless cache names are at most 40 characters." },
    { type: "aws:secretsmanager/secret:Secret", label: "secret", property: "name", max: 512, rule: "Secrets Manager: secret names are at most 512 characters." },
    { type: "aws:cloudtrail/trail:Trail", label: "trail", property: "name", max: 128, rule: "CloudTrail: trail names are 3-128 characters." },
    { type: "aws:wafv2/webAcl:WebAcl", label: "web ACL", property: "name", max: 128, rule: "WAFv2: web ACL names are 1-128 characters." },
    { type: "aws:cloudwatch/eventRule:EventRule", label: "EventBridge rule", property: "name", max: 64, rule: "EventBridge: rule names are at most 64 characters." },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", label: "alarm", property: "name", max: 255, rule: "CloudWatch: alarm names are at most 255 characters." },
    // Replication group ids (40) are checked, with their other rules, by elasticache-replication-group-id.
];

export const nameLengths: ReadinessCheck = {
    name: "name-lengths",
    category: "aws-api",
    severity: "error",
    what: `Physical names, given or auto-named by Pulumi (\`<name>-<7 hex>\` adds ${AUTO_NAME_SUFFIX_LENGTH} characters), fit AWS's limits: ${NAME_LIMITS.map((l) => `${l.label} ${l.max}`).join(", ")}.`,
    rule: "Each service's name length limit (ValidationError / InvalidParameterValue at create).",
    run(stack) {
        const findings: Finding[] = [];
        for (const limit of NAME_LIMITS) {
            for (const resource of stack.ofType(limit.type)) {
                const name = asString(get(stack.props(resource), limit.property)) ?? asString(get(stack.outputs(resource), limit.property));
                if (name === undefined || name.length <= limit.max) continue;
                const autoNamed = name.startsWith(`${resource.name}-`) && name.length === resource.name.length + AUTO_NAME_SUFFIX_LENGTH;
                findings.push(
                    stack.finding(this, resource, "error",
                        `The ${limit.label} name "${name}" is ${name.length} characters: AWS allows ${limit.max}.${autoNamed ? ` Pulumi's auto-name adds ${AUTO_NAME_SUFFIX_LENGTH} to the logical name "${resource.name}".` : ""}`,
                        limit.rule,
                        autoNamed
                            ? `Shorten the logical name to ${limit.max - AUTO_NAME_SUFFIX_LENGTH} characters or fewer, or set ${limit.property} explicitly.`
                            : `Shorten ${limit.property} to ${limit.max} characters or fewer.`),
                );
            }
        }
        return findings;
    },
};
