import type { RecordedResource } from "../../engine/recorder";
import { isParseError, parsePolicyDocument, PolicyDocument, Statement, accountOfPrincipal } from "../../../policy/lib/iam";
import { asString, documentsAllow, get, globToRegExp, isServicePrincipal, ReadinessCheck, StackView, TYPES } from "../lib";
import type { Finding } from "../lib";

type KeyPolicy = { document: PolicyDocument; defaulted: boolean } | undefined;

/** The key's policy: its `policy` input, a KeyPolicy resource, or AWS's default (the account root only). */
function keyPolicyOf(stack: StackView, key: RecordedResource): KeyPolicy {
    const standalone = stack.referrers(key, "keyId", TYPES.kmsKeyPolicy)[0];
    const value = standalone ? get(stack.props(standalone), "policy") : get(stack.props(key), "policy");
    if (value === undefined) {
        const root = `arn:aws:iam::${stack.account}:root`;
        return { defaulted: true, document: { unknownStatements: 0, statements: [defaultStatement(root)] } };
    }
    const parsed = parsePolicyDocument(value);
    if (!parsed || typeof parsed !== "object" || isParseError(parsed)) return undefined;
    return { document: parsed, defaulted: false };
}

function defaultStatement(root: string): Statement {
    return {
        index: 1,
        sid: "Enable IAM User Permissions",
        effect: "Allow",
        actions: ["kms:*"],
        notActions: undefined,
        resources: ["*"],
        notResources: undefined,
        principals: { anyone: false, aws: [root], service: [], federated: [], canonicalUser: [] },
        notPrincipals: undefined,
        conditions: {},
    };
}

/** Values of a condition key (any operator), lower-cased key; undefined when the statement does not test it. */
function conditionValues(statement: Statement, key: string): string[] | undefined {
    const values = Object.values(statement.conditions).flatMap((block) => block[key.toLowerCase()] ?? []);
    return values.length > 0 ? values : undefined;
}

/** A condition that pins a value to some ARNs must let this ARN through (when the ARN is known). */
function conditionAdmits(statement: Statement, key: string, arn: string | undefined): boolean {
    const values = conditionValues(statement, key);
    if (!values || !arn) return true;
    return values.some((v) => globToRegExp(v, "").test(arn));
}

const CONFIG_DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const BUCKET_ENCRYPTION_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

/** The keys AWS Config encrypts with: the channel's s3KmsKeyArn, else its bucket's default SSE-KMS key. */
function configDeliveryKeys(stack: StackView, channel: RecordedResource): RecordedResource[] {
    if (get(stack.props(channel), "s3KmsKeyArn") !== undefined) return stack.refs(channel, "s3KmsKeyArn", TYPES.kmsKey);
    const keys = new Map<string, RecordedResource>();
    for (const bucket of stack.refs(channel, "s3BucketName", ...BUCKET_TYPES)) {
        for (const encryption of stack.referrers(bucket, "bucket", ...BUCKET_ENCRYPTION_TYPES)) {
            for (const key of stack.refs(encryption, "rules", TYPES.kmsKey)) keys.set(key.urn, key);
        }
        for (const key of stack.refs(bucket, "serverSideEncryptionConfiguration", TYPES.kmsKey)) keys.set(key.urn, key);
    }
    return [...keys.values()];
}

function keyRegion(stack: StackView, key: RecordedResource): string {
    return stack.regionOf(key);
}

export const kmsKeyAccess: ReadinessCheck = {
    name: "kms-key-access",
    category: "iam",
    severity: "error",
    what: "A customer managed key lets its consumer use it: CloudWatch Logs (the logs service principal, an aws:logs:arn encryption context that admits the group, a key in the group's region) for a log group's kmsKeyId; CloudTrail (cloudtrail.amazonaws.com, kms:GenerateDataKey*, an aws:SourceArn that admits the trail) for a trail's kmsKeyId; the deploying account (kms:CreateGrant and kms:Encrypt, through IAM or by name) for a function's kmsKeyArn, since Lambda creates its grant with the caller's permissions; AWS Config (config.amazonaws.com, kms:Decrypt and kms:GenerateDataKey, an aws:SourceAccount that admits the account) for a delivery channel's s3KmsKeyArn or its bucket's default SSE-KMS key.",
    rule: "CreateLogGroup/AssociateKmsKey fail when the key policy does not allow logs.<region>.amazonaws.com (AccessDeniedException); CreateTrail fails with InsufficientEncryptionPolicyException; CreateFunction with KMSKeyArn fails when the caller cannot kms:CreateGrant on the key; PutDeliveryChannel fails when Config cannot write its check file to the bucket.",
    run(stack) {
        const findings: Finding[] = [];
        for (const group of stack.ofType(TYPES.logGroup)) {
            if (get(stack.props(group), "kmsKeyId") === undefined) continue;
            for (const key of stack.refs(group, "kmsKeyId", TYPES.kmsKey)) {
                const groupRegion = stack.regionOf(group);
                if (keyRegion(stack, key) !== groupRegion) {
                    findings.push(
                        stack.finding(this, group, "error",
                            `Log group "${group.name}" (${groupRegion}) is encrypted with key "${key.name}" from ${keyRegion(stack, key)}: CloudWatch Logs only uses keys in the log group's region.`,
                            "CloudWatch Logs: the KMS key must be in the same Region as the log group.",
                            `Use a key created in ${groupRegion} (an aws.Provider or region input for that region).`),
                    );
                    continue;
                }
                const policy = keyPolicyOf(stack, key);
                if (!policy) continue;
                const name = asString(get(stack.props(group), "name"));
                const groupArn = name ? `arn:aws:logs:${groupRegion}:${stack.account}:log-group:${name}` : undefined;
                const accept = (s: Statement) =>
                    (s.principals?.service ?? []).some((p) => isServicePrincipal(p, "logs")) && conditionAdmits(s, "kms:EncryptionContext:aws:logs:arn", groupArn);
                const missing = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"].filter((action) => !documentsAllow([policy.document], action, accept));
                if (missing.length === 0 || policy.document.unknownStatements > 0) continue;
                findings.push(
                    stack.finding(this, group, "error",
                        `Log group "${group.name}" is encrypted with key "${key.name}", whose ${policy.defaulted ? "default " : ""}policy does not let CloudWatch Logs ${missing.join(", ")}${groupArn ? ` for ${groupArn}` : ""}: creating the log group fails.`,
                        "CloudWatch Logs: the key policy must allow logs.<region>.amazonaws.com kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe* (scoped by kms:EncryptionContext:aws:logs:arn).",
                        `Add a statement to "${key.name}"'s policy for the Service principal logs.${groupRegion}.amazonaws.com with those actions and an ArnLike condition on kms:EncryptionContext:aws:logs:arn covering the group.`),
                );
            }
        }
        for (const trail of stack.ofType(TYPES.trail)) {
            if (get(stack.props(trail), "kmsKeyId") === undefined) continue;
            for (const key of stack.refs(trail, "kmsKeyId", TYPES.kmsKey)) {
                const policy = keyPolicyOf(stack, key);
                if (!policy) continue;
                const name = asString(get(stack.props(trail), "name"));
                const trailArn = name ? `arn:aws:cloudtrail:${stack.regionOf(trail)}:${stack.account}:trail/${name}` : undefined;
                const accept = (s: Statement) =>
                    (s.principals?.service ?? []).some((p) => isServicePrincipal(p, "cloudtrail")) &&
                    conditionAdmits(s, "aws:SourceArn", trailArn) &&
                    conditionAdmits(s, "kms:EncryptionContext:aws:cloudtrail:arn", trailArn);
                if (documentsAllow([policy.document], "kms:GenerateDataKey", accept) || policy.document.unknownStatements > 0) continue;
                findings.push(
                    stack.finding(this, trail, "error",
                        `Trail "${trail.name}" is encrypted with key "${key.name}", whose ${policy.defaulted ? "default " : ""}policy does not let CloudTrail call kms:GenerateDataKey${trailArn ? ` for ${trailArn}` : ""}: creating the trail fails.`,
                        "CloudTrail: the key policy must allow cloudtrail.amazonaws.com kms:GenerateDataKey* (InsufficientEncryptionPolicyException).",
                        `Add a statement to "${key.name}"'s policy for the Service principal cloudtrail.amazonaws.com allowing kms:GenerateDataKey* with aws:SourceArn = the trail's ARN.`),
                );
            }
        }
        for (const channel of stack.ofType(CONFIG_DELIVERY_CHANNEL)) {
            for (const key of configDeliveryKeys(stack, channel)) {
                const policy = keyPolicyOf(stack, key);
                if (!policy || policy.document.unknownStatements > 0) continue;
                const accept = (s: Statement) =>
                    (s.principals?.service ?? []).some((p) => isServicePrincipal(p, "config")) && conditionAdmits(s, "aws:SourceAccount", stack.account);
                const missing = ["kms:GenerateDataKey", "kms:Decrypt"].filter((action) => !documentsAllow([policy.document], action, accept));
                if (missing.length === 0) continue;
                findings.push(
                    stack.finding(this, channel, "error",
                        `Delivery channel "${channel.name}" writes objects encrypted with key "${key.name}", whose ${policy.defaulted ? "default " : ""}policy does not let AWS Config ${missing.join(", ")}: Config cannot write its check file, so creating the channel fails.`,
                        "AWS Config: delivering to an SSE-KMS bucket (or with s3KmsKeyArn) needs the key policy to allow config.amazonaws.com kms:Decrypt and kms:GenerateDataKey (scoped by aws:SourceAccount).",
                        `Add a statement to "${key.name}"'s policy for the Service principal config.amazonaws.com allowing kms:Decrypt and kms:GenerateDataKey with aws:SourceAccount = the account.`),
                );
            }
        }
        for (const fn of stack.ofType(TYPES.lambdaFunction)) {
            if (get(stack.props(fn), "kmsKeyArn") === undefined) continue;
            for (const key of stack.refs(fn, "kmsKeyArn", TYPES.kmsKey)) {
                const policy = keyPolicyOf(stack, key);
                if (!policy || policy.document.unknownStatements > 0) continue;
                // The deployer is some principal of this account: the key must admit the account's IAM policies or name a principal.
                const accountPrincipal = (s: Statement) => (s.principals?.aws ?? []).some((p) => accountOfPrincipal(p) === stack.account) || s.principals?.anyone === true;
                const missing = ["kms:CreateGrant", "kms:Encrypt"].filter((action) => !documentsAllow([policy.document], action, accountPrincipal));
                if (missing.length === 0) continue;
                findings.push(
                    stack.finding(this, fn, "error",
                        `Function "${fn.name}" encrypts its environment with key "${key.name}", whose policy lets no principal of the account ${missing.join(" or ")}: Lambda cannot create its grant on the key and the deploy fails.`,
                        "Lambda: configuring a customer managed key for environment variables uses the caller's kms:CreateGrant and kms:Encrypt on the key; the execution role then needs nothing.",
                        `Let the deploying principals use "${key.name}": keep the key policy statement that enables IAM policies (the account root with kms:*), or allow kms:CreateGrant and kms:Encrypt to the deploy role.`),
                );
            }
        }
        return findings;
    },
};


