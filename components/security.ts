import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { argError } from "../stacks/errors";
import { KEY_LAYOUTS, KeyLayout, LOG_RETENTION_DAYS } from "../stacks/types";

const COMPONENT = "Baseline";

export interface BaselineArgs {
    /**
     * Days a scheduled deletion of any of the keys waits (7 to 30): the window to notice a mistake.
     * @default 30
     * @example 7
     */
    kmsDeletionWindowDays?: number;
    /**
     * Protect the keys, the trail bucket and the trail log group from deletion (Pulumi `protect`).
     * @default false
     * @example true
     */
    protect?: boolean;
    /**
     * IAM roles that may decrypt with the data key (through Secrets Manager and Lambda only), written
     * into the key policy. For roles created after the baseline, use `grantDecrypt()` instead.
     * @default []
     * @example [api.roleArn]
     */
    functionRoleArns?: pulumi.Input<string>[];
    /**
     * Create a multi-region CloudTrail trail with its own key, bucket and log group.
     * @default true
     * @example false
     */
    enableTrail?: boolean;
    /**
     * Days CloudWatch Logs keeps the trail's events (a CloudWatch Logs retention value).
     * @default 365
     * @example 90
     */
    trailLogRetentionDays?: number;
    /**
     * Days the trail's S3 copy is kept before it expires (log file validation digests included).
     * @default 365
     * @example 730
     */
    trailArchiveDays?: number;
    /**
     * Create the account-level services (GuardDuty, Security Hub with FSBP and CIS, IAM Access Analyzer,
     * the account's S3 public access block) and the EventBridge rules that route their findings. Each
     * exists once per account and region, so exactly one stack may own them.
     * @default false
     * @example true
     */
    ownAccountServices?: boolean;
    /**
     * Addresses subscribed to the alerts topic; each must confirm the subscription by email.
     * @default []
     * @example ["ops@example.com"]
     */
    alertEmails?: readonly string[];
    /**
     * `"perPurpose"`: one key for each of logs, data, trail, alerts and edge, each policy naming only the
     * services of its purpose, so a grant for one purpose never opens another's data. `"shared"`: one key
     * whose policy holds all of those statements (each still scoped by its own condition), plus an edge
     * key only when the stack is outside us-east-1: about $4 a month less, for stacks that hold no data
     * worth the separation (dev).
     * @default "perPurpose"
     * @example "shared"
     */
    keyLayout?: KeyLayout;
    /**
     * The stack's region (`aws:region`). With `keyLayout: "shared"` it decides whether the shared key can
     * also be the edge key (CloudFront's data lives in us-east-1 only).
     * @default unset: a separate edge key is made
     * @example "us-east-1"
     */
    region?: string;
}

/** What a Baseline with all defaults applied builds from. */
export interface NormalizedBaselineArgs {
    kmsDeletionWindowDays: number;
    protect: boolean;
    functionRoleArns: pulumi.Input<string>[];
    enableTrail: boolean;
    trailLogRetentionDays: number;
    trailArchiveDays: number;
    ownAccountServices: boolean;
    alertEmails: readonly string[];
    keyLayout: KeyLayout;
    region: string | undefined;
}

/** GuardDuty protection plans, chosen for a Lambda + ElastiCache + S3 platform with no EKS, ECS or RDS. */
export const GUARDDUTY_FEATURES: Readonly<Record<string, "ENABLED" | "DISABLED">> = {
    S3_DATA_EVENTS: "ENABLED",
    LAMBDA_NETWORK_LOGS: "ENABLED",
    // Scans EBS volumes only when GuardDuty already suspects an instance (the NAT instances): no cost otherwise.
    EBS_MALWARE_PROTECTION: "ENABLED",
    // Nothing runs on EKS, ECS or EC2 agents, and there is no RDS: paying for these would watch nothing.
    EKS_AUDIT_LOGS: "DISABLED",
    RUNTIME_MONITORING: "DISABLED",
    RDS_LOGIN_EVENTS: "DISABLED",
};

/** GuardDuty severities 7.0 and above are High (and 9+ Critical). */
export const GUARDDUTY_ALERT_SEVERITY = 7;

export const GUARDDUTY_FINDINGS_PATTERN = {
    source: ["aws.guardduty"],
    "detail-type": ["GuardDuty Finding"],
    detail: { severity: [{ numeric: [">=", GUARDDUTY_ALERT_SEVERITY] }] },
};

export const SECURITY_HUB_FINDINGS_PATTERN = {
    source: ["aws.securityhub"],
    "detail-type": ["Security Hub Findings - Imported"],
    detail: {
        findings: {
            Severity: { Label: ["HIGH", "CRITICAL"] },
            // Re-imports of a finding someone already handled, or one AWS archived, are not news.
            Workflow: { Status: ["NEW"] },
            RecordState: ["ACTIVE"],
        },
    },
};

/**
 * Where the edge key lives: CloudFront's WAF log groups and log delivery sources exist only in us-east-1,
 * and a KMS key serves log groups and S3 buckets of its own region only.
 */
export const EDGE_KEY_REGION = "us-east-1";

/** The policy pack's rule that wants source conditions in service trust policies. */
const SCOPED_TRUST_POLICY = "iam-role-require-scoped-trust";
/** Why the trail's delivery role is exempt; IAM tag values allow no parentheses or commas. */
export const CLOUDTRAIL_TRUST_EXEMPTION =
    "CloudTrail does not support aws:SourceArn or aws:SourceAccount in the trust of its CloudWatch Logs delivery role - " +
    "see the CloudTrail User Guide page Role policy document for CloudTrail to use CloudWatch Logs";

const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;
/** Physical names (trail, topic, aliases) embed the component name, so it must suit all of them. */
const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

function isInteger(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value);
}

/** Applies the defaults and checks every argument; throws a ConfigError naming the first bad one. */
export function validateBaselineArgs(name: string, args: BaselineArgs = {}): NormalizedBaselineArgs {
    if (!COMPONENT_NAME.test(name)) {
        throw argError(COMPONENT, name, "name", name, "1 to 40 letters, digits or dashes, starting with a letter or digit (it is part of the trail and topic names)");
    }
    const normalized: NormalizedBaselineArgs = {
        kmsDeletionWindowDays: args.kmsDeletionWindowDays ?? 30,
        protect: args.protect ?? false,
        functionRoleArns: args.functionRoleArns ?? [],
        enableTrail: args.enableTrail ?? true,
        trailLogRetentionDays: args.trailLogRetentionDays ?? 365,
        trailArchiveDays: args.trailArchiveDays ?? 365,
        ownAccountServices: args.ownAccountServices ?? false,
        alertEmails: args.alertEmails ?? [],
        keyLayout: args.keyLayout ?? "perPurpose",
        region: args.region,
    };
    const { kmsDeletionWindowDays, trailLogRetentionDays, trailArchiveDays, alertEmails, functionRoleArns } = normalized;
    if (!isInteger(kmsDeletionWindowDays) || kmsDeletionWindowDays < 7 || kmsDeletionWindowDays > 30) {
        throw argError(COMPONENT, name, "kmsDeletionWindowDays", kmsDeletionWindowDays, "an integer between 7 and 30 (AWS KMS limits)");
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(trailLogRetentionDays)) {
        throw argError(COMPONENT, name, "trailLogRetentionDays", trailLogRetentionDays, `one of the CloudWatch Logs retention values ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    if (!isInteger(trailArchiveDays) || trailArchiveDays < 1 || trailArchiveDays > 3650) {
        throw argError(COMPONENT, name, "trailArchiveDays", trailArchiveDays, "an integer between 1 and 3650");
    }
    if (!Array.isArray(alertEmails)) {
        throw argError(COMPONENT, name, "alertEmails", alertEmails, "a list of email addresses");
    }
    alertEmails.forEach((email, i) => {
        if (typeof email !== "string" || !EMAIL.test(email)) {
            throw argError(COMPONENT, name, `alertEmails[${i}]`, email, "an email address such as ops@example.com");
        }
        if (alertEmails.indexOf(email) !== i) {
            throw argError(COMPONENT, name, `alertEmails[${i}]`, email, "listed once (a second subscription would send every alert twice)");
        }
    });
    functionRoleArns.forEach((roleArn, i) => {
        // Outputs are checked by IAM at deploy time; literal strings can be checked now.
        if (typeof roleArn === "string" && !ROLE_ARN.test(roleArn)) {
            throw argError(COMPONENT, name, `functionRoleArns[${i}]`, roleArn, "an IAM role ARN such as arn:aws:iam::123456789012:role/api");
        }
    });
    for (const flag of ["protect", "enableTrail", "ownAccountServices"] as const) {
        if (typeof normalized[flag] !== "boolean") {
            throw argError(COMPONENT, name, flag, normalized[flag], "true or false");
        }
    }
    if (!(KEY_LAYOUTS as readonly unknown[]).includes(normalized.keyLayout)) {
        throw argError(COMPONENT, name, "keyLayout", normalized.keyLayout, `one of ${KEY_LAYOUTS.map((l) => `"${l}"`).join(", ")}`);
    }
    if (normalized.region !== undefined && (typeof normalized.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(normalized.region))) {
        throw argError(COMPONENT, name, "region", normalized.region, "an AWS region such as us-east-1");
    }
    if (normalized.ownAccountServices && !normalized.enableTrail) {
        // AWS Config delivers into the trail's bucket, and CIS's CloudTrail controls would fail at once without a trail.
        throw argError(COMPONENT, name, "enableTrail", false, "true when ownAccountServices is true: AWS Config delivers to the trail's bucket, and Security Hub's CIS controls need a multi-region trail");
    }
    return normalized;
}

export interface AccountContext {
    account: pulumi.Output<string>;
    region: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    /** `arn:<partition>:iam::<account>:root`: the account itself, so IAM policies can grant use of a key. */
    root: pulumi.Output<string>;
}

interface Trail {
    trail: aws.cloudtrail.Trail;
    bucket: aws.s3.Bucket;
    logGroup: aws.cloudwatch.LogGroup;
    /** The bucket policy, which also admits AWS Config when the stack owns the account services. */
    bucketPolicy: aws.s3.BucketPolicy;
}

/** The key serving each purpose; with the shared layout several purposes are one key. */
interface BaselineKeys {
    logs: aws.kms.Key;
    data: aws.kms.Key;
    trail: aws.kms.Key | undefined;
    alerts: aws.kms.Key;
    edge: aws.kms.Key;
}

/**
 * The security baseline of one stack: customer-managed KMS keys (one per purpose - logs, data, trail,
 * alerts, and edge in us-east-1 - each policy naming only the services that use it, or with
 * `keyLayout: "shared"` one key holding all of those statements); a CloudTrail trail; an encrypted alerts
 * topic; and, in the one stack that owns them, AWS Config, the account-level detectors and the rules that
 * send their serious findings to the alerts topic.
 */
export class Baseline extends pulumi.ComponentResource {
    /** For CloudWatch Logs log groups (any log group in this account and region). */
    readonly logsKeyArn: pulumi.Output<string>;
    readonly logsKeyId: pulumi.Output<string>;
    /** For Secrets Manager secrets, ElastiCache at rest, Lambda environment variables and S3 buckets. */
    readonly dataKeyArn: pulumi.Output<string>;
    readonly dataKeyId: pulumi.Output<string>;
    /** The trail's key, when the trail is enabled. */
    readonly trailKeyArn: pulumi.Output<string> | undefined;
    readonly trailKeyId: pulumi.Output<string> | undefined;
    readonly trailArn: pulumi.Output<string> | undefined;
    readonly trailBucketName: pulumi.Output<string> | undefined;
    /** The alerts topic's key (CloudWatch alarms and EventBridge may use it for this topic only). */
    readonly alertsKeyArn: pulumi.Output<string>;
    readonly alertsKeyId: pulumi.Output<string>;
    /** Where alarms and findings go; encrypted, TLS-only, publishable by this account's alarms and rules. */
    readonly alertsTopicArn: pulumi.Output<string>;
    /**
     * A key in us-east-1 for the edge's data at rest: the WAF's `aws-waf-logs-*` log groups, the CloudFront
     * access log bucket (written by log delivery) and the static assets bucket (read by this account's
     * distributions through origin access control).
     */
    readonly edgeKeyArn: pulumi.Output<string>;
    readonly edgeKeyId: pulumi.Output<string>;

    private readonly componentName: string;
    private readonly dataKey: aws.kms.Key;

    constructor(name: string, args: BaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(), so bad arguments register nothing, not even an empty component.
        const settings = validateBaselineArgs(name, args);
        super("bulwark:security:Baseline", name, {}, opts);
        this.componentName = name;

        const context = this.accountContext();
        const names = physicalNames(name);
        const keys = this.createKeys(context, names, settings);
        this.dataKey = keys.data;
        const trail = keys.trail ? this.createTrail(context, names, keys.trail, keys.logs, settings) : undefined;
        const topic = this.createAlertsTopic(context, names.alertsTopic, keys.alerts, settings.alertEmails);
        if (settings.ownAccountServices && trail && keys.trail) {
            const recorder = this.createConfigRecorder(names, trail, keys.trail);
            this.createAccountServices(context, names, recorder);
            this.routeFindings(topic);
        }
        const { logs: logsKey, trail: trailKey, alerts: alertsKey, edge: edgeKey } = keys;

        this.logsKeyArn = logsKey.arn;
        this.logsKeyId = logsKey.keyId;
        this.dataKeyArn = this.dataKey.arn;
        this.dataKeyId = this.dataKey.keyId;
        this.trailKeyArn = trailKey?.arn;
        this.trailKeyId = trailKey?.keyId;
        this.trailArn = trail?.trail.arn;
        this.trailBucketName = trail?.bucket.bucket;
        this.alertsKeyArn = alertsKey.arn;
        this.alertsKeyId = alertsKey.keyId;
        this.alertsTopicArn = topic.arn;
        this.edgeKeyArn = edgeKey.arn;
        this.edgeKeyId = edgeKey.keyId;
        this.registerOutputs({
            logsKeyArn: this.logsKeyArn,
            dataKeyArn: this.dataKeyArn,
            trailKeyArn: this.trailKeyArn,
            alertsKeyArn: this.alertsKeyArn,
            alertsTopicArn: this.alertsTopicArn,
            edgeKeyArn: this.edgeKeyArn,
        });
    }

    /**
     * Lets a role created after the baseline decrypt with the data key, through a KMS grant: the key
     * policy is one resource, written when the key is created, so late-bound roles cannot join it.
     * The grant is a child of the baseline named `<baseline>-data-decrypt-<clientName>`.
     */
    grantDecrypt(clientName: string, roleArn: pulumi.Input<string>): aws.kms.Grant {
        if (!COMPONENT_NAME.test(clientName)) {
            throw argError(COMPONENT, this.componentName, "grantDecrypt clientName", clientName, "1 to 40 letters, digits or dashes");
        }
        return new aws.kms.Grant(`${this.componentName}-data-decrypt-${clientName}`, {
            name: `${this.componentName}-${clientName}-decrypt`,
            keyId: this.dataKey.keyId,
            granteePrincipal: roleArn,
            operations: ["Decrypt", "DescribeKey"],
        }, { parent: this });
    }

    private accountContext(): AccountContext {
        const invokeOpts = { parent: this };
        const account = aws.getCallerIdentityOutput({}, invokeOpts).accountId;
        const region = aws.getRegionOutput({}, invokeOpts).region;
        const partition = aws.getPartitionOutput({}, invokeOpts).partition;
        return { account, region, partition, root: pulumi.interpolate`arn:${partition}:iam::${account}:root` };
    }

    /**
     * The keys by purpose. With the shared layout one key carries every purpose's statements (each keeps
     * its own condition, so a service still reaches only its own resources through it); the edge gets a
     * key of its own only when the stack is outside us-east-1, because a key serves its own region only.
     */
    private createKeys(context: AccountContext, names: PhysicalNames, settings: NormalizedBaselineArgs): BaselineKeys {
        const trail = settings.enableTrail ? trailKeyStatements(context, names.trail, settings.ownAccountServices) : undefined;
        const edgeUsedFor = "WAF logs, CloudFront access logs and static assets";
        if (settings.keyLayout === "perPurpose") {
            return {
                logs: this.createKey("logs", "CloudWatch Logs log groups", keyPolicy(context, logsKeyStatements(context)), settings),
                data: this.createKey("data", "Secrets Manager, ElastiCache, Lambda environment and S3 data", keyPolicy(context, dataKeyStatements(context, settings.functionRoleArns)), settings),
                trail: trail && this.createKey("trail", settings.ownAccountServices ? "CloudTrail log files and AWS Config deliveries" : "CloudTrail log files", keyPolicy(context, trail), settings),
                alerts: this.createKey("alerts", "the alerts SNS topic", keyPolicy(context, alertsKeyStatements(context, names.alertsTopic)), settings),
                edge: this.createKey("edge", edgeUsedFor, keyPolicy(context, edgeKeyStatements(context)), settings, EDGE_KEY_REGION),
            };
        }
        const edgeShared = settings.region === EDGE_KEY_REGION;
        const shared = this.createKey(
            "shared",
            `log groups, data at rest, ${trail ? "the trail, " : ""}the alerts topic${edgeShared ? " and the edge" : ""} (one key for every purpose)`,
            sharedKeyPolicy(context, names, settings.functionRoleArns, { trail: settings.enableTrail, configDelivers: settings.ownAccountServices, edge: edgeShared }),
            settings,
        );
        const edge = edgeShared ? shared : this.createKey("edge", edgeUsedFor, keyPolicy(context, edgeKeyStatements(context)), settings, EDGE_KEY_REGION);
        return { logs: shared, data: shared, trail: trail && shared, alerts: shared, edge };
    }

    /**
     * `region` overrides the stack's region through the provider's per-resource input, so the key keeps the
     * stack's credentials and settings (an explicit provider would not read the stack's `aws:` config).
     */
    private createKey(purpose: string, usedFor: string, policy: pulumi.Output<string>, settings: NormalizedBaselineArgs, region?: string): aws.kms.Key {
        const name = this.componentName;
        const key = new aws.kms.Key(`${name}-${purpose}-key`, {
            description: `${name}: encrypts ${usedFor}`,
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: settings.kmsDeletionWindowDays,
            policy,
            region,
        }, { parent: this, protect: settings.protect });
        new aws.kms.Alias(`${name}-${purpose}-alias`, {
            name: `alias/${physicalPrefix(name)}-${purpose}`,
            targetKeyId: key.keyId,
            region,
        }, { parent: this });
        return key;
    }

    private createTrail(context: AccountContext, names: PhysicalNames, trailKey: aws.kms.Key, logsKey: aws.kms.Key, settings: NormalizedBaselineArgs): Trail {
        const name = this.componentName;
        const stateful = { parent: this, protect: settings.protect };
        const trailArn = pulumi.interpolate`arn:${context.partition}:cloudtrail:${context.region}:${context.account}:trail/${names.trail}`;

        // Unprotected (dev) stacks must be destroyable: the versioned bucket is never empty once the trail has run.
        const bucket = new aws.s3.Bucket(`${name}-trail-bucket`, { forceDestroy: !settings.protect }, stateful);
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-trail-bucket-public-access`, {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, { parent: this });
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-trail-bucket-ownership`, {
            bucket: bucket.id,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }, { parent: this });
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-trail-bucket-encryption`, {
            bucket: bucket.id,
            rules: [{
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: trailKey.arn },
                bucketKeyEnabled: true,
            }],
        }, { parent: this });
        new aws.s3.BucketVersioning(`${name}-trail-bucket-versioning`, {
            bucket: bucket.id,
            versioningConfiguration: { status: "Enabled" },
        }, { parent: this });
        new aws.s3.BucketLifecycleConfiguration(`${name}-trail-bucket-lifecycle`, {
            bucket: bucket.id,
            rules: [{
                id: "expire-trail-logs",
                status: "Enabled",
                filter: {},
                expiration: { days: settings.trailArchiveDays },
                // Versioning keeps overwritten and deleted files; they only need to outlive a mistake.
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, { parent: this });
        const bucketPolicy = new aws.s3.BucketPolicy(`${name}-trail-bucket-policy`, {
            bucket: bucket.id,
            policy: trailBucketPolicy(context, bucket.arn, trailArn, settings.ownAccountServices),
        }, { parent: this, dependsOn: [publicAccessBlock, ownership] });

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-trail-logs`, {
            name: `/aws/cloudtrail/${names.trail}`,
            retentionInDays: settings.trailLogRetentionDays,
            kmsKeyId: logsKey.arn,
        }, stateful);
        const deliveryRole = new aws.iam.Role(`${name}-trail-logs-role`, {
            description: `Lets the ${names.trail} trail write to its CloudWatch Logs log group`,
            assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
                statements: [{
                    effect: "Allow",
                    actions: ["sts:AssumeRole"],
                    principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
                }],
            }, { parent: this }).json,
            tags: { [`bulwark:exempt:${SCOPED_TRUST_POLICY}`]: CLOUDTRAIL_TRUST_EXEMPTION },
        }, { parent: this });
        const deliveryPolicy = new aws.iam.RolePolicy(`${name}-trail-logs-policy`, {
            role: deliveryRole.name,
            policy: aws.iam.getPolicyDocumentOutput({
                statements: [{
                    sid: "WriteTrailLogStreams",
                    effect: "Allow",
                    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    resources: [pulumi.interpolate`${logGroup.arn}:log-stream:*`],
                }],
            }, { parent: this }).json,
        }, { parent: this });

        const trail = new aws.cloudtrail.Trail(`${name}-trail`, {
            name: names.trail,
            s3BucketName: bucket.id,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            enableLogging: true,
            kmsKeyId: trailKey.arn,
            // CloudTrail wants the log group ARN with its stream wildcard.
            cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
            cloudWatchLogsRoleArn: deliveryRole.arn,
        }, { parent: this, dependsOn: [bucketPolicy, encryption, deliveryPolicy] });
        return { trail, bucket, logGroup, bucketPolicy };
    }

    private createAlertsTopic(context: AccountContext, topicName: string, alertsKey: aws.kms.Key, emails: readonly string[]): aws.sns.Topic {
        const name = this.componentName;
        const topic = new aws.sns.Topic(`${name}-alerts`, {
            name: topicName,
            displayName: `Bulwark alerts (${pulumi.getStack()})`,
            kmsMasterKeyId: alertsKey.arn,
        }, { parent: this });
        new aws.sns.TopicPolicy(`${name}-alerts-policy`, {
            arn: topic.arn,
            policy: alertsTopicPolicy(context, topic.arn),
        }, { parent: this });
        for (const email of emails) {
            // Named by address, so reordering the list does not replace (and re-confirm) subscriptions.
            new aws.sns.TopicSubscription(`${name}-alerts-email-${email.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, {
                topic: topic.arn,
                protocol: "email",
                endpoint: email,
            }, { parent: this });
        }
        return topic;
    }

    /**
     * AWS Config, which Security Hub's controls read: without a recorder most controls report nothing and
     * Config.1 fails at once (CRITICAL), paging the alerts topic. It records every supported resource type,
     * global ones (IAM) included, continuously: the FSBP and CIS controls span most services, and naming
     * types would silently blind the controls of any service added later. Cost: $0.003 per configuration
     * item, so an idle platform of a few hundred resources that rarely change stays around a dollar a month.
     * It delivers to the trail's bucket under `config/`, encrypted with the trail's key.
     */
    private createConfigRecorder(names: PhysicalNames, trail: Trail, trailKey: aws.kms.Key): aws.cfg.RecorderStatus {
        const name = this.componentName;
        // The role AWS documents for Config; creating it fails if the account already has it (import it then).
        const role = new aws.iam.ServiceLinkedRole(`${name}-config-role`, {
            awsServiceName: "config.amazonaws.com",
            description: "AWS Config records this account's resources for Security Hub",
        }, { parent: this });
        const recorder = new aws.cfg.Recorder(`${name}-config-recorder`, {
            name: names.configRecorder,
            roleArn: role.arn,
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
            recordingMode: { recordingFrequency: "CONTINUOUS" },
        }, { parent: this });
        const channel = new aws.cfg.DeliveryChannel(`${name}-config-delivery`, {
            name: names.configRecorder,
            s3BucketName: trail.bucket.bucket,
            s3KeyPrefix: CONFIG_KEY_PREFIX,
            s3KmsKeyArn: trailKey.arn,
            snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
        }, { parent: this, dependsOn: [recorder, trail.bucketPolicy] });
        // Recording starts only once there is somewhere to deliver (StartConfigurationRecorder needs a channel).
        return new aws.cfg.RecorderStatus(`${name}-config-recorder-status`, {
            name: recorder.name,
            isEnabled: true,
        }, { parent: this, dependsOn: [channel] });
    }

    private createAccountServices(context: AccountContext, names: PhysicalNames, recorder: aws.cfg.RecorderStatus): void {
        const name = this.componentName;
        const detector = new aws.guardduty.Detector(`${name}-guardduty`, {
            enable: true,
            findingPublishingFrequency: "FIFTEEN_MINUTES",
        }, { parent: this });
        for (const [feature, status] of Object.entries(GUARDDUTY_FEATURES)) {
            new aws.guardduty.DetectorFeature(`${name}-guardduty-${feature.toLowerCase().replace(/_/g, "-")}`, {
                detectorId: detector.id,
                name: feature,
                status,
            }, { parent: this });
        }

        const hub = new aws.securityhub.Account(`${name}-securityhub`, {
            // The standards are subscribed explicitly below, so the set is visible and versioned here.
            enableDefaultStandards: false,
            autoEnableControls: true,
            controlFindingGenerator: "SECURITY_CONTROL",
        }, { parent: this });
        const standards = {
            fsbp: pulumi.interpolate`arn:${context.partition}:securityhub:${context.region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
            cis: pulumi.interpolate`arn:${context.partition}:securityhub:${context.region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
        };
        for (const [standard, standardsArn] of Object.entries(standards)) {
            // After the recorder runs, so the controls' first evaluations have configuration items to read.
            new aws.securityhub.StandardsSubscription(`${name}-securityhub-${standard}`, { standardsArn }, { parent: this, dependsOn: [hub, recorder] });
        }

        new aws.accessanalyzer.Analyzer(`${name}-access-analyzer`, {
            analyzerName: names.analyzer,
            type: "ACCOUNT",
        }, { parent: this });
        new aws.s3.AccountPublicAccessBlock(`${name}-account-public-access`, {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, { parent: this });
    }

    /** Findings land on the account's default bus whichever stack made the detector, so only the owner routes them. */
    private routeFindings(topic: aws.sns.Topic): void {
        const name = this.componentName;
        const routes = {
            guardduty: { description: `GuardDuty findings of severity ${GUARDDUTY_ALERT_SEVERITY} or more`, pattern: GUARDDUTY_FINDINGS_PATTERN },
            securityhub: { description: "New, active Security Hub findings labelled HIGH or CRITICAL", pattern: SECURITY_HUB_FINDINGS_PATTERN },
        };
        for (const [source, route] of Object.entries(routes)) {
            const rule = new aws.cloudwatch.EventRule(`${name}-${source}-findings`, {
                description: route.description,
                eventPattern: JSON.stringify(route.pattern),
            }, { parent: this });
            new aws.cloudwatch.EventTarget(`${name}-${source}-findings-to-alerts`, {
                rule: rule.name,
                targetId: "alerts-topic",
                arn: topic.arn,
            }, { parent: this });
        }
    }
}

interface PhysicalNames {
    trail: string;
    alertsTopic: string;
    analyzer: string;
    configRecorder: string;
}

/** Where AWS Config's snapshots and history land in the trail bucket (Config adds AWSLogs/<account>/Config/). */
export const CONFIG_KEY_PREFIX = "config";

/**
 * Names AWS sees. Policies must name the trail and the topic before they exist (each depends on a
 * policy that names it), so these are fixed rather than auto-named; the project and stack keep two
 * stacks in one account and region apart.
 */
function physicalPrefix(name: string): string {
    return `${pulumi.getProject()}-${pulumi.getStack()}-${name}`;
}

function physicalNames(name: string): PhysicalNames {
    const prefix = physicalPrefix(name);
    return { trail: `${prefix}-trail`, alertsTopic: `${prefix}-alerts`, analyzer: `${prefix}-account`, configRecorder: `${prefix}-config` };
}

type Statement = aws.types.input.iam.GetPolicyDocumentStatementArgs;

function rootAdministers(context: AccountContext): Statement {
    // Without this the key could become unmanageable; it also lets IAM policies in the account grant use.
    return {
        sid: "AccountAdministersKeyAndEnablesIamPolicies",
        effect: "Allow",
        principals: [{ type: "AWS", identifiers: [context.root] }],
        actions: ["kms:*"],
        resources: ["*"],
    };
}

function policyDocument(statements: Statement[]): pulumi.Output<string> {
    return aws.iam.getPolicyDocumentOutput({ statements }).json;
}

/** A key policy: the account administers the key, then the statements of the services that use it. */
function keyPolicy(context: AccountContext, statements: Statement[]): pulumi.Output<string> {
    return policyDocument([rootAdministers(context), ...statements]);
}

/** CloudWatch Logs may use the key only for log groups of this account and region. */
export function logsKeyPolicy(context: AccountContext): pulumi.Output<string> {
    return keyPolicy(context, logsKeyStatements(context));
}

function logsKeyStatements(context: AccountContext): Statement[] {
    return [
        {
            sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: [pulumi.interpolate`logs.${context.region}.amazonaws.com`] }],
            // Without kms:Describe*, as on the edge key: DescribeKey carries no encryption context, so
            // under this condition it could never be allowed.
            actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
            resources: ["*"],
            conditions: [{
                test: "ArnLike",
                variable: "kms:EncryptionContext:aws:logs:arn",
                values: [pulumi.interpolate`arn:${context.partition}:logs:${context.region}:${context.account}:log-group:*`],
            }],
        },
    ];
}

/**
 * The data key is used by AWS services on behalf of callers that IAM allows (the root statement), so
 * only the function roles are named, and only to decrypt through the services that hold their data.
 */
export function dataKeyPolicy(context: AccountContext, functionRoleArns: pulumi.Input<string>[]): pulumi.Output<string> {
    return keyPolicy(context, dataKeyStatements(context, functionRoleArns));
}

function dataKeyStatements(context: AccountContext, functionRoleArns: pulumi.Input<string>[]): Statement[] {
    const statements: Statement[] = [];
    if (functionRoleArns.length > 0) {
        statements.push({
            sid: "FunctionsDecryptThroughSecretsManagerAndLambda",
            effect: "Allow",
            principals: [{ type: "AWS", identifiers: functionRoleArns }],
            actions: ["kms:Decrypt"],
            resources: ["*"],
            conditions: [{
                test: "StringEquals",
                variable: "kms:ViaService",
                values: [pulumi.interpolate`secretsmanager.${context.region}.amazonaws.com`, pulumi.interpolate`lambda.${context.region}.amazonaws.com`],
            }],
        });
    }
    return statements;
}

/**
 * CloudTrail may encrypt for this one trail; the account (through IAM) may read the logs. With
 * `configDelivers`, AWS Config (this account's, `aws:SourceAccount`) may encrypt what it delivers to the
 * trail bucket, with the two actions the AWS Config guide lists for an SSE-KMS delivery bucket.
 */
export function trailKeyPolicy(context: AccountContext, trailName: string, configDelivers = false): pulumi.Output<string> {
    return keyPolicy(context, trailKeyStatements(context, trailName, configDelivers));
}

function trailKeyStatements(context: AccountContext, trailName: string, configDelivers: boolean): Statement[] {
    const trailArn = pulumi.interpolate`arn:${context.partition}:cloudtrail:${context.region}:${context.account}:trail/${trailName}`;
    const thisAccountsTrails = pulumi.interpolate`arn:${context.partition}:cloudtrail:*:${context.account}:trail/*`;
    const statements: Statement[] = [
        {
            sid: "CloudTrailEncryptsThisTrail",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
            actions: ["kms:GenerateDataKey*"],
            resources: ["*"],
            conditions: [
                { test: "StringEquals", variable: "aws:SourceArn", values: [trailArn] },
                { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: [thisAccountsTrails] },
            ],
        },
        {
            sid: "CloudTrailDescribesKeyForThisTrail",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
            actions: ["kms:DescribeKey"],
            resources: ["*"],
            conditions: [{ test: "StringEquals", variable: "aws:SourceArn", values: [trailArn] }],
        },
        {
            sid: "AccountDecryptsTrailLogs",
            effect: "Allow",
            principals: [{ type: "AWS", identifiers: [context.root] }],
            actions: ["kms:Decrypt", "kms:ReEncryptFrom"],
            resources: ["*"],
            conditions: [
                { test: "StringEquals", variable: "kms:CallerAccount", values: [context.account] },
                { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: [thisAccountsTrails] },
            ],
        },
    ];
    if (configDelivers) {
        statements.push({
            sid: "ConfigEncryptsItsDeliveries",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["config.amazonaws.com"] }],
            actions: ["kms:Decrypt", "kms:GenerateDataKey"],
            resources: ["*"],
            conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [context.account] }],
        });
    }
    return statements;
}

/**
 * CloudWatch alarms and EventBridge rules publish to the encrypted topic, so SNS asks KMS for data keys
 * on their behalf. Both are held to this topic by SNS's encryption context. CloudWatch is also held to
 * this account; EventBridge is not, because AWS documents that its deliveries to encrypted topics do not
 * carry aws:SourceAccount or aws:SourceArn to KMS, so that condition would drop every finding silently.
 */
export function alertsKeyPolicy(context: AccountContext, topicName: string): pulumi.Output<string> {
    return keyPolicy(context, alertsKeyStatements(context, topicName));
}

function alertsKeyStatements(context: AccountContext, topicName: string): Statement[] {
    const topicArn = pulumi.interpolate`arn:${context.partition}:sns:${context.region}:${context.account}:${topicName}`;
    const thisTopic = { test: "StringEquals", variable: "kms:EncryptionContext:aws:sns:topicArn", values: [topicArn] };
    return [
        {
            sid: "CloudWatchAlarmsOfThisAccountPublish",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
            actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
            resources: ["*"],
            conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [context.account] }, thisTopic],
        },
        {
            sid: "EventBridgeRulesPublish",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
            actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
            resources: ["*"],
            conditions: [thisTopic],
        },
    ];
}

/**
 * The edge key serves three AWS services in us-east-1, each held to this account's edge resources. The
 * conditions use wildcards rather than the log group, delivery source and distribution themselves: those
 * are created later by the Cdn, with this key, so naming them here would be a dependency cycle.
 * - CloudWatch Logs encrypts only WAF log groups (WAF requires the `aws-waf-logs-` prefix).
 * - Log delivery writes the access logs with the actions and conditions the CloudWatch Logs guide gives
 *   for SSE-KMS buckets: this account's delivery sources only.
 * - CloudFront only reads (GetObject through origin access control needs kms:Decrypt alone; Encrypt and
 *   GenerateDataKey* would only serve uploads through the distribution), for this account's distributions.
 */
export function edgeKeyPolicy(context: AccountContext): pulumi.Output<string> {
    return keyPolicy(context, edgeKeyStatements(context));
}

const WAF_LOGS_SID = "CloudWatchLogsEncryptsWafLogGroups";

function edgeKeyStatements(context: AccountContext): Statement[] {
    const edgeArn = (service: string, region: string, resource: string) => pulumi.interpolate`arn:${context.partition}:${service}:${region}:${context.account}:${resource}`;
    return [
        {
            sid: WAF_LOGS_SID,
            effect: "Allow",
            principals: [{ type: "Service", identifiers: [`logs.${EDGE_KEY_REGION}.amazonaws.com`] }],
            // The CloudWatch Logs guide also lists kms:Describe*, but DescribeKey carries no encryption context,
            // so under this condition it could never be allowed: left out rather than kept as dead text.
            actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
            resources: ["*"],
            conditions: [{
                test: "ArnLike",
                variable: "kms:EncryptionContext:aws:logs:arn",
                values: [edgeArn("logs", EDGE_KEY_REGION, "log-group:aws-waf-logs-*")],
            }],
        },
        {
            sid: "LogDeliveryWritesThisAccountsEdgeLogs",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
            actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            resources: ["*"],
            conditions: [
                { test: "StringEquals", variable: "aws:SourceAccount", values: [context.account] },
                { test: "ArnLike", variable: "aws:SourceArn", values: [edgeArn("logs", EDGE_KEY_REGION, "delivery-source:*")] },
            ],
        },
        {
            sid: "CloudFrontReadsThisAccountsStaticAssets",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
            actions: ["kms:Decrypt"],
            resources: ["*"],
            conditions: [{ test: "ArnLike", variable: "aws:SourceArn", values: [edgeArn("cloudfront", "", "distribution/*")] }],
        },
    ];
}

/**
 * The shared layout's one key: the statements of every purpose it serves, each kept with its own
 * condition. With `edge` (a stack in us-east-1) the WAF log group statement is left out: the logs
 * statement already admits every log group of the account in that region.
 */
export function sharedKeyPolicy(
    context: AccountContext,
    names: { trail: string; alertsTopic: string },
    functionRoleArns: pulumi.Input<string>[],
    serves: { trail: boolean; configDelivers: boolean; edge: boolean },
): pulumi.Output<string> {
    return keyPolicy(context, [
        ...logsKeyStatements(context),
        ...dataKeyStatements(context, functionRoleArns),
        ...(serves.trail ? trailKeyStatements(context, names.trail, serves.configDelivers) : []),
        ...alertsKeyStatements(context, names.alertsTopic),
        ...(serves.edge ? edgeKeyStatements(context).filter((statement) => statement.sid !== WAF_LOGS_SID) : []),
    ]);
}

/** Only this account's alarms and rules publish, and only over TLS. */
export function alertsTopicPolicy(context: AccountContext, topicArn: pulumi.Input<string>): pulumi.Output<string> {
    const publisher = (sid: string, service: string): Statement => ({
        sid,
        effect: "Allow",
        principals: [{ type: "Service", identifiers: [service] }],
        actions: ["sns:Publish"],
        resources: [topicArn],
        conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [context.account] }],
    });
    return policyDocument([
        publisher("CloudWatchAlarmsOfThisAccountPublish", "cloudwatch.amazonaws.com"),
        publisher("EventBridgeRulesOfThisAccountPublish", "events.amazonaws.com"),
        {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["sns:Publish"],
            resources: [topicArn],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
    ]);
}

/**
 * TLS only; CloudTrail (for this trail only) may check the ACL and write under this account's prefix.
 * With `configDelivers`, this account's AWS Config may check the ACL, list the bucket and write under
 * `config/AWSLogs/<account>/Config/`: the three statements of the AWS Config guide's bucket policy.
 */
export function trailBucketPolicy(context: AccountContext, bucketArn: pulumi.Input<string>, trailArn: pulumi.Input<string>, configDelivers = false): pulumi.Output<string> {
    const fromThisTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [trailArn] };
    const fromThisAccount = { test: "StringEquals", variable: "aws:SourceAccount", values: [context.account] };
    const config = (sid: string, actions: string[], resources: pulumi.Input<string>[], conditions: Statement["conditions"]): Statement => ({
        sid,
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["config.amazonaws.com"] }],
        actions,
        resources,
        conditions,
    });
    const configStatements: Statement[] = configDelivers
        ? [
              config("AWSConfigBucketPermissionsCheck", ["s3:GetBucketAcl"], [bucketArn], [fromThisAccount]),
              config("AWSConfigBucketExistenceCheck", ["s3:ListBucket"], [bucketArn], [fromThisAccount]),
              config("AWSConfigBucketDelivery", ["s3:PutObject"], [pulumi.interpolate`${bucketArn}/${CONFIG_KEY_PREFIX}/AWSLogs/${context.account}/Config/*`], [
                  { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
                  fromThisAccount,
              ]),
          ]
        : [];
    return policyDocument([
        {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:*"],
            resources: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        {
            sid: "AWSCloudTrailAclCheck",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
            actions: ["s3:GetBucketAcl"],
            resources: [bucketArn],
            conditions: [fromThisTrail],
        },
        {
            sid: "AWSCloudTrailWrite",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
            actions: ["s3:PutObject"],
            resources: [pulumi.interpolate`${bucketArn}/AWSLogs/${context.account}/*`],
            conditions: [{ test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }, fromThisTrail],
        },
        ...configStatements,
    ]);
}
