import * as aws from "@pulumi/aws";
import { defaultTags } from "./lib/tags.js";

const repo = new aws.ecr.Repository("api", {
    imageTagMutability: "MUTABLE",
    tags: defaultTags(),
});

new aws.ecr.LifecyclePolicy("api-untagged", {
    repository: repo.name,
    policy: JSON.stringify({
        rules: [{
            rulePriority: 1,
            description: "Expire untagged images after 14 days",
            selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
            action: { type: "expire" },
        }],
    }),
});

export const repositoryUrl = repo.repositoryUrl;
