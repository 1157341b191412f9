import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("images", { enableKeyRotation: true });

const repository = new aws.ecr.Repository("api", {
    imageTagMutability: "MUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }],
    forceDelete: false,
});

new aws.ecr.LifecyclePolicy("api", {
    repository: repository.name,
    policy: JSON.stringify({
        rules: [{ rulePriority: 1, description: "keep 30 images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 }, action: { type: "expire" } }],
    }),
});

export const repositoryUrl = repository.repositoryUrl;
