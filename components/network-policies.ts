/**
 * IAM and KMS policy documents for VPC flow logs, as pure functions of plain values so that tests can
 * read the exact statements and the component only wires Outputs into them.
 */

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Record<string, unknown>[];
}

export interface AccountScope {
    partition: string;
    region: string;
    accountId: string;
}

/**
 * Trust for the flow logs service, limited to flow logs of this account in this region so that the
 * service cannot be steered into the role on another account's behalf (confused deputy).
 */
export function flowLogsTrustPolicy(scope: AccountScope): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": scope.accountId },
                    ArnLike: { "aws:SourceArn": `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:vpc-flow-log/*` },
                },
            },
        ],
    };
}

/**
 * What the flow logs service needs to write into one log group, and nothing else: the group exists
 * already, so neither logs:CreateLogGroup nor any wildcard resource is granted.
 */
export function flowLogsWritePolicy(logGroupArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteFlowLogsToOneGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
            },
        ],
    };
}

/**
 * Key policy for a CloudWatch Logs key: the account administers it through IAM, and the Logs service
 * may use it only for log groups of this account in this region (the encryption context CloudWatch
 * Logs sends names the log group).
 */
export function logsKeyPolicy(scope: AccountScope): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersKeyThroughIam",
                Effect: "Allow",
                Principal: { AWS: `arn:${scope.partition}:iam::${scope.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "CloudWatchLogsUsesKeyForThisAccountsLogGroups",
                Effect: "Allow",
                Principal: { Service: `logs.${scope.region}.amazonaws.com` },
                // No kms:Describe*: DescribeKey carries no encryption context, so the condition would never allow it.
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: {
                    ArnLike: {
                        "kms:EncryptionContext:aws:logs:arn": `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:*`,
                    },
                },
            },
        ],
    };
}
