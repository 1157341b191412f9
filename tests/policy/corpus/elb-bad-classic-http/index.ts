import * as aws from "@pulumi/aws";

// The provider's own Classic ELB example: an HTTP listener on port 80 beside HTTPS.
// Logs go to the account's shared ELB log bucket, managed by the platform team.
const logBucket = "elb-logs-123456789012-us-east-1";

new aws.elb.LoadBalancer("web", {
    availabilityZones: ["us-east-1a", "us-east-1b"],
    accessLogs: { bucket: logBucket, bucketPrefix: "web", interval: 60 },
    listeners: [
        { instancePort: 8000, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" },
        { instancePort: 8000, instanceProtocol: "http", lbPort: 443, lbProtocol: "https", sslCertificateId: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" },
    ],
    healthCheck: { healthyThreshold: 2, unhealthyThreshold: 2, timeout: 3, target: "HTTP:8000/", interval: 30 },
    crossZoneLoadBalancing: true,
    connectionDraining: true,
});
