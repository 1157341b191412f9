import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";

const cluster = new aws.ecs.Cluster("cluster", {});
const lb = new awsx.lb.ApplicationLoadBalancer("lb", {});
const repo = new aws.ecr.Repository("repo", { forceDelete: true });

const service = new awsx.ecs.FargateService("service", {
    cluster: cluster.arn,
    assignPublicIp: true,
    taskDefinitionArgs: {
        container: {
            name: "nginx",
            image: "nginx:latest",
            cpu: 512,
            memory: 128,
            essential: true,
            portMappings: [{ containerPort: 80, targetGroup: lb.defaultTargetGroup }],
        },
    },
});

export const url = lb.loadBalancer.dnsName;
export const repositoryUrl = repo.repositoryUrl;
