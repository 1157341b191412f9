import * as aws from "@pulumi/aws";

const cluster = new aws.ecs.Cluster("cluster");

// AWS publishes the recommended ECS-optimized image as a JSON document in a public SSM parameter.
const recommended = aws.ssm.getParameterOutput({ name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" });
const imageId = recommended.value.apply((value) => JSON.parse(value).image_id as string);

const role = new aws.iam.Role("ecs-instance", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.iam.RolePolicyAttachment("ecs-instance", {
    role: role.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
});
const profile = new aws.iam.InstanceProfile("ecs-instance", { role: role.name });

const launchTemplate = new aws.ec2.LaunchTemplate("ecs", {
    imageId,
    instanceType: "t3.small",
    iamInstanceProfile: { arn: profile.arn },
    userData: cluster.name.apply((name) => Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${name} >> /etc/ecs/ecs.config\n`).toString("base64")),
});

export const ami = imageId;
export const launchTemplateId = launchTemplate.id;
