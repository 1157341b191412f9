import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// Share build artifacts with every account in the AWS Organization, and nobody else.
const org = aws.organizations.getOrganizationOutput();

const artifacts = new aws.s3.Bucket("artifacts");

new aws.s3.BucketPublicAccessBlock("artifacts", {
    bucket: artifacts.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

const key = new aws.kms.Key("artifacts", { enableKeyRotation: true, deletionWindowInDays: 7 });

new aws.s3.BucketServerSideEncryptionConfiguration("artifacts", {
    bucket: artifacts.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});

new aws.s3.BucketPolicy("org-read", {
    bucket: artifacts.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OrgRead",
                Effect: "Allow",
                Principal: "*",
                Action: ["s3:GetObject"],
                Resource: pulumi.interpolate`${artifacts.arn}/*`,
                Condition: { StringEquals: { "aws:PrincipalOrgID": org.id } },
            },
        ],
    }),
});

export const bucketName = artifacts.bucket;
export const organizationId = org.id;
