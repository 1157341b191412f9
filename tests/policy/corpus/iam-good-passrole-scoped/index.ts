import * as aws from "@pulumi/aws";

const account = "123456789012";

const taskRole = new aws.iam.Role("report-task", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    }),
});

const scheduler = new aws.iam.Role("report-scheduler", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "scheduler.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    }),
});

new aws.iam.RolePolicy("report-scheduler-run", {
    role: scheduler.id,
    policy: taskRole.arn.apply((taskRoleArn) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "ecs:RunTask", Resource: `arn:aws:ecs:us-east-1:${account}:task-definition/reports:*` },
                { Effect: "Allow", Action: "iam:PassRole", Resource: taskRoleArn, Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
            ],
        }),
    ),
});

export const schedulerRoleArn = scheduler.arn;
