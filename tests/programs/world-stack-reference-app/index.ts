import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const network = new pulumi.StackReference(config.require("networkStack"));

const vpcId = network.requireOutput("vpcId");
const privateSubnetIds = network.requireOutput("privateSubnetIds") as pulumi.Output<string[]>;
const dbPassword = network.requireOutput("dbPassword");

const sg = new aws.ec2.SecurityGroup("billing", {
    vpcId,
    description: "billing functions",
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const role = new aws.iam.Role("billing", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("billing-vpc", {
    role: role.name,
    policyArn: aws.iam.ManagedPolicy.AWSLambdaVPCAccessExecutionRole,
});

const fn = new aws.lambda.Function("billing", {
    runtime: "nodejs20.x",
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") }),
    vpcConfig: { subnetIds: privateSubnetIds, securityGroupIds: [sg.id] },
    environment: { variables: { DB_PASSWORD: dbPassword } },
});

export const functionArn = fn.arn;
