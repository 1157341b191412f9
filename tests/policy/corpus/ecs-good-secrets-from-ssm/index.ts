import * as aws from "@pulumi/aws";

// The log group "/ecs/orders" is the cluster team's, created outside this program.
const dbPasswordParameter = "arn:aws:ssm:us-east-1:123456789012:parameter/orders/database-password";

const executionRole = new aws.iam.Role("orders-execution", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ecs-tasks.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("orders-execution", { role: executionRole.name, policyArn: aws.iam.ManagedPolicy.AmazonECSTaskExecutionRolePolicy });
new aws.iam.RolePolicy("orders-execution-secrets", {
    role: executionRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["ssm:GetParameters"], Resource: dbPasswordParameter }],
    }),
});

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
                { name: "DATABASE_HOST", value: "orders.cluster-abc.us-east-1.rds.amazonaws.com" },
                { name: "DATABASE_PASSWORD_ENABLED", value: "true" },
            ],
            secrets: [{ name: "DATABASE_PASSWORD", valueFrom: dbPasswordParameter }],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/orders", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "orders" } },
        },
    ]),
});
