import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "123456789012";
const region = "us-east-1";

const vpc = new aws.ec2.Vpc("core", { cidrBlock: "10.80.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });


const subnets = ["a", "b"].map(
    (zone, i) => new aws.ec2.Subnet(`core-private-${zone}`, { vpcId: vpc.id, cidrBlock: `10.80.${i + 1}.0/24`, availabilityZone: `${region}${zone}` }),
);

const app = new aws.ec2.SecurityGroup("core-app", {
    vpcId: vpc.id,
    description: "application tasks",
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.80.0.0/16"] }],
});

const endpoints = new aws.ec2.SecurityGroup("core-endpoints", {
    vpcId: vpc.id,
    description: "interface endpoints",
    ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [vpc.cidrBlock] }],
});

new aws.ec2.VpcEndpoint("core-secretsmanager", {
    vpcId: vpc.id,
    serviceName: `com.amazonaws.${region}.secretsmanager`,
    vpcEndpointType: "Interface",
    privateDnsEnabled: true,
    subnetIds: subnets.map((s) => s.id),
    securityGroupIds: [endpoints.id],
});

const logKey = new aws.kms.Key("core-flow-logs-key", {
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "Logs",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:*` } },
            },
        ],
    }),
});

const logGroup = new aws.cloudwatch.LogGroup("core-flow-logs", { retentionInDays: 90, kmsKeyId: logKey.arn });

const flowRole = new aws.iam.Role("core-flow-logs", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } },
        ],
    }),
});

new aws.iam.RolePolicy("core-flow-logs", {
    role: flowRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: pulumi.interpolate`${logGroup.arn}:*` }],
    }),
});

new aws.ec2.FlowLog("core", { vpcId: vpc.id, trafficType: "ALL", logDestination: logGroup.arn, iamRoleArn: flowRole.arn });

export const vpcId = vpc.id;
export const appGroupId = app.id;
