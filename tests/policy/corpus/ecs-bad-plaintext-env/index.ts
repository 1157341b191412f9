import * as aws from "@pulumi/aws";

// The log group "/ecs/orders" is the cluster team's, created outside this program.

const executionRole = new aws.iam.Role("orders-execution", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ecs-tasks.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("orders-execution", { role: executionRole.name, policyArn: aws.iam.ManagedPolicy.AmazonECSTaskExecutionRolePolicy });

// The shape of many tutorials: configuration straight into the container's environment.
new aws.ecs.TaskDefinition("orders", {
    family: "orders",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "256",
    memory: "512",
    executionRoleArn: executionRole.arn,
    containerDefinitions: JSON.stringify([
        {
            name: "orders",
            image: "public.ecr.aws/docker/library/node:20-alpine",
            essential: true,
            portMappings: [{ containerPort: 3000, protocol: "tcp" }],
            environment: [
                { name: "NODE_ENV", value: "production" },
                { name: "DATABASE_PASSWORD", value: "orders-db-pass-2024" },
                { name: "SLACK_WEBHOOK_URL", value: "https://hooks.slack.com/services/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" },
            ],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/orders", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "orders" } },
        },
    ]),
});
