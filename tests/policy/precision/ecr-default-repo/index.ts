import * as aws from "@pulumi/aws";

// An ECR repository with scanning and immutable tags, default AES-256 encryption.
new aws.ecr.Repository("app", { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } });
