import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const vpc = new aws.ec2.Vpc("web", { cidrBlock: "10.10.0.0/16", enableDnsHostnames: true });
const igw = new aws.ec2.InternetGateway("web", { vpcId: vpc.id });
const publicRoutes = new aws.ec2.RouteTable("web-public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
const subnets = ["a", "b"].map((zone, i) => {
    const subnet = new aws.ec2.Subnet(`web-public-${zone}`, { vpcId: vpc.id, cidrBlock: `10.10.${i}.0/24`, availabilityZone: `us-east-1${zone}` });
    new aws.ec2.RouteTableAssociation(`web-public-${zone}`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    return subnet;
});

const albGroup = new aws.ec2.SecurityGroup("web-alb", {
    vpcId: vpc.id,
    description: "public load balancer",
    ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
    ],
    egress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.10.0.0/16"] }],
});

// ELB writes access logs only to buckets encrypted with SSE-S3.
const logs = new aws.s3.Bucket("web-alb-logs", { forceDestroy: true });
new aws.s3.BucketServerSideEncryptionConfiguration("web-alb-logs", {
    bucket: logs.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
new aws.s3.BucketPublicAccessBlock("web-alb-logs", { bucket: logs.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
const logsPolicy = new aws.s3.BucketPolicy("web-alb-logs", {
    bucket: logs.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "ElbWrites", Effect: "Allow", Principal: { AWS: "arn:aws:iam::127311923021:root" }, Action: "s3:PutObject", Resource: pulumi.interpolate`${logs.arn}/AWSLogs/*` },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [logs.arn, pulumi.interpolate`${logs.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    }),
});

const alb = new aws.lb.LoadBalancer(
    "web",
    {
        loadBalancerType: "application",
        internal: false,
        securityGroups: [albGroup.id],
        subnets: subnets.map((s) => s.id),
        dropInvalidHeaderFields: true,
        accessLogs: { bucket: logs.id, enabled: true, prefix: "web" },
    },
    { dependsOn: [logsPolicy] },
);

const targets = new aws.lb.TargetGroup("web", { port: 8080, protocol: "HTTP", vpcId: vpc.id, targetType: "ip", healthCheck: { path: "/healthz" } });

new aws.lb.Listener("web-http", {
    loadBalancerArn: alb.arn,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
});

new aws.lb.Listener("web-https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f6c1a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
    defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
});

export const dnsName = alb.dnsName;
