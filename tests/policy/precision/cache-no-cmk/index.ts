import * as aws from "@pulumi/aws";

// A Valkey replication group with TLS, auth and at-rest encryption on the AWS owned key.
new aws.elasticache.ReplicationGroup("sessions", {
    description: "sessions",
    engine: "valkey",
    nodeType: "cache.t4g.micro",
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    authToken: "generated-elsewhere-0123456789",
});
