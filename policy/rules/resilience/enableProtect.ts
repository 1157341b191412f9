import { stackRule } from "../../lib/rule";
import { resourcesOfType } from "../../lib/stack";

const STATEFUL = [
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/serverlessCache:ServerlessCache",
    "aws:kms/key:Key",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:secretsmanager/secret:Secret",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:dynamodb/table:Table",
];

export const enableProtect = stackRule({
    name: "stateful-resources-enable-protect",
    category: "resilience",
    description: "Stateful resources should carry Pulumi's protect option.",
    what: "ElastiCache replication groups and serverless caches, KMS keys, S3 buckets, Secrets Manager secrets, RDS instances and clusters and DynamoDB tables declared without `protect: true` (log groups too with `includeLogGroups`).",
    why: "A rename, a replace-triggering change or a stray `pulumi destroy` deletes data that no redeploy brings back; protect makes Pulumi refuse until someone lifts it on purpose.",
    fix: "Pass { protect: true } in the resource options (Bulwark components take a `protect` arg set from the stack's settings).",
    frameworks: { soc2: ["A1.2", "CC8.1"], gdpr: ["32(1)(c)"] },
    config: {
        includeLogGroups: { type: "boolean", default: false, description: "Also require protect on CloudWatch log groups." },
    },
    validate({ resources, config }, report) {
        const types = config.includeLogGroups === true ? [...STATEFUL, "aws:cloudwatch/logGroup:LogGroup"] : STATEFUL;
        for (const resource of resourcesOfType(resources, ...types)) {
            if (resource.opts?.protect !== true) report(resource, `Set protect: true on "${resource.name}": deleting it destroys data a redeploy cannot bring back.`);
        }
    },
});
